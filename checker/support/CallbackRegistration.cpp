//===- CallbackRegistration.cpp - a library call keeping a callback's data ===//
#include "support/CallbackRegistration.h"
#include "support/CalledFunction.h"
#include "support/IdentifierWords.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

namespace clang::tidy::raii {

/// \p Name says the function registers what it is given for later.
static bool registeringName(llvm::StringRef Name) {
  return anyWord(Name, [](llvm::StringRef W) {
    return llvm::any_of(
        std::initializer_list<llvm::StringRef>{
            "set", "setcb", "new", "add", "assign", "register", "once",
            "listen", "connect", "create", "watch", "attach", "subscribe",
            "install", "bind", "schedule", "post", "queue", "push",
            "timer", "timeout", "idle"},
        [&](llvm::StringRef R) { return W.equals_insensitive(R); });
  }) && !anyWord(Name, [](llvm::StringRef W) {
    // `g_spawn_sync`, `..._sync`: called back before it returns.
    return W.equals_insensitive("sync") || W.equals_insensitive("spawn");
  });
}

bool registersCallbackData(const CallExpr *Call, unsigned I,
                           const ASTContext &Ctx) {
  const FunctionDecl *FD = calledFunction(Call);
  if (!FD || !FD->getIdentifier() || I >= FD->getNumParams() ||
      I >= Call->getNumArgs())
    return false;
  auto Data = [&](unsigned J) {
    const QualType PT = FD->getParamDecl(J)->getType();
    return PT->isVoidPointerType() && !PT->getPointeeType().isConstQualified();
  };
  // The first callback given a function, and its data: the first `void *`
  // after it (`event_set(ev, fd, what, cb, arg)`, `g_signal_connect_data(
  // instance, sig, cb, data, ..)`: not the instance), else the last before
  // it (`sqlite3_create_function(db, .., app, fn, ..)`).
  // A destroy notification (`void (*)(void *)`: cairo's
  // `set_user_data(obj, key, data, destroy)`) says what happens to the data
  // when the object goes; the engine reads the function given for it.
  auto DestroyNotify = [](QualType T) {
    const auto *FT =
        T->getPointeeType()->getAs<FunctionProtoType>();
    return FT && FT->getReturnType()->isVoidType() &&
           FT->getNumParams() == 1 && FT->getParamType(0)->isPointerType();
  };
  const unsigned N = std::min(FD->getNumParams(), Call->getNumArgs());
  unsigned Callback = N;
  for (unsigned J = 0; J < N && Callback == N; ++J)
    if (FD->getParamDecl(J)->getType()->isFunctionPointerType() &&
        !DestroyNotify(FD->getParamDecl(J)->getType()) &&
        !Call->getArg(J)->IgnoreParenCasts()->isNullPointerConstant(
            const_cast<ASTContext &>(Ctx), Expr::NPC_ValueDependentIsNotNull))
      Callback = J;
  if (Callback == N)
    return false;
  unsigned Paired = N;
  for (unsigned J = Callback + 1; J < N && Paired == N; ++J)
    if (Data(J))
      Paired = J;
  for (unsigned J = Callback; Paired == N && J-- > 0;)
    if (Data(J))
      Paired = J;
  return Paired == I && registeringName(FD->getName());
}

} // namespace clang::tidy::raii
