//===- ExitingCalls.cpp - calls that end the process or only fail -------===//
#include "support/ExitingCalls.h"
#include "support/CalledFunction.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::raii {

/// A function of the C library's: declared at file scope with C linkage.
static bool cFunction(const FunctionDecl *FD) {
  return FD && FD->getIdentifier() &&
         FD->getDeclContext()->getRedeclContext()->isTranslationUnit() &&
         (FD->isExternC() || !FD->getASTContext().getLangOpts().CPlusPlus);
}

bool exitsByStatus(const CallExpr *Call) {
  const FunctionDecl *FD = calledFunction(Call);
  if (!cFunction(FD) || Call->getNumArgs() < 3 ||
      !FD->getReturnType()->isVoidType())
    return false;
  const llvm::StringRef Name = FD->getName();
  if (Name != "error" && Name != "error_at_line")
    return false;
  const Expr *Status = Call->getArg(0);
  Expr::EvalResult R;
  return !Status->isValueDependent() && Status->EvaluateAsInt(R, FD->getASTContext()) &&
         R.Val.getInt() != 0;
}

bool returnsOnlyFailing(const FunctionDecl *FD) {
  if (!cFunction(FD) || FD->hasBody() ||
      !FD->getReturnType()->isIntegerType())
    return false;
  return llvm::StringSwitch<bool>(FD->getName())
      .Cases("execv", "execve", "execvp", "execvpe", true)
      .Cases("execl", "execle", "execlp", "fexecve", "execveat", true)
      .Default(false);
}

} // namespace clang::tidy::raii
