//===- CallbackRegistration.cpp - a library call keeping a callback's data ===//
#include "support/CallbackRegistration.h"
#include "support/CalledFunction.h"
#include "support/IdentifierWords.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::raii {

/// \p Name says the function registers what it is given for later.
static bool registeringName(llvm::StringRef Name) {
  return anyWord(Name, [](llvm::StringRef W) {
    return llvm::any_of(
        std::initializer_list<llvm::StringRef>{
            "set", "setcb", "new", "add", "assign", "register", "once",
            "listen", "connect", "create", "watch", "attach", "subscribe",
            "install", "bind", "schedule", "post", "queue", "push",
            "start", "spawn", "timer", "timeout", "idle"},
        [&](llvm::StringRef R) { return W.equals_insensitive(R); });
  });
}

bool registersCallbackData(const CallExpr *Call, unsigned I,
                           const ASTContext &Ctx) {
  const FunctionDecl *FD = calledFunction(Call);
  if (!FD || !FD->getIdentifier() || I >= FD->getNumParams() ||
      I >= Call->getNumArgs())
    return false;
  const QualType PT = FD->getParamDecl(I)->getType();
  if (!PT->isVoidPointerType() || PT->getPointeeType().isConstQualified())
    return false;
  bool Callback = false;
  for (unsigned J = 0; J < FD->getNumParams() && J < Call->getNumArgs();
       ++J) {
    if (J == I || !FD->getParamDecl(J)->getType()->isFunctionPointerType())
      continue;
    const Expr *Arg = Call->getArg(J)->IgnoreParenCasts();
    if (!Arg->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                                    Expr::NPC_ValueDependentIsNotNull))
      Callback = true;
  }
  return Callback && registeringName(FD->getName());
}

} // namespace clang::tidy::raii
