//===- ExitingCalls.cpp - calls that end the process by their argument ---===//
#include "support/ExitingCalls.h"
#include "support/CalledFunction.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::raii {

bool exitsByStatus(const CallExpr *Call) {
  const FunctionDecl *FD = calledFunction(Call);
  if (!FD || !FD->getIdentifier() || Call->getNumArgs() < 3 ||
      !FD->getReturnType()->isVoidType() ||
      !FD->getDeclContext()->getRedeclContext()->isTranslationUnit() ||
      !(FD->isExternC() || !FD->getASTContext().getLangOpts().CPlusPlus))
    return false;
  const llvm::StringRef Name = FD->getName();
  if (Name != "error" && Name != "error_at_line")
    return false;
  const Expr *Status = Call->getArg(0);
  Expr::EvalResult R;
  return !Status->isValueDependent() && Status->EvaluateAsInt(R, FD->getASTContext()) &&
         R.Val.getInt() != 0;
}

} // namespace clang::tidy::raii
