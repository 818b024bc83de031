//===- ThrowSites.cpp -----------------------------------------------------===//
#include "support/ThrowSites.h"
#include "support/CheckedAccess.h"
#include "support/LlvmCompat.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii {

/// True if a handler of one of \p Tries (innermost last) catches everything
/// \p Thrown holds; \p Thrown null means "anything" (a rethrow or a callee
/// that may throw an unknown type), which only `catch (...)` catches.
static bool isCaught(std::optional<utils::ExceptionAnalyzer::ExceptionInfo>
                         Thrown,
                     llvm::ArrayRef<const CXXTryStmt *> Tries) {
  for (const CXXTryStmt *Try : llvm::reverse(Tries)) {
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt *Catch = Try->getHandler(I);
      if (!Catch->getExceptionDecl())
        return true;
      if (!Thrown || Catch->getCaughtType()->isDependentType())
        continue;
      Thrown->filterByCatch(caughtType(Catch),
                            Catch->getExceptionDecl()->getASTContext());
      if (compat::hasNoExceptionTypes(*Thrown) && !Thrown->containsUnknownElements())
        return true;
    }
  }
  return false;
}

void ThrowSites::visitCall(const Stmt *S, const FunctionDecl *FD,
                           llvm::ArrayRef<const CXXTryStmt *> Tries,
                           llvm::SmallVectorImpl<Site> &Out) {
  std::optional<Info> Thrown = Policy.throwsTyped(FD);
  if (!Thrown)
    return;
  // `if (opt) f(opt.value());`: the accessor throws only without a value.
  // What holds the call is on the walk's stack (the call itself last).
  if (const auto *Call = dyn_cast<CallExpr>(S);
      Call && checkedAccessObject(Call) &&
      accessCheckedAround(Call, [&](const Stmt *X) -> const Stmt * {
        for (size_t I = Open.size(); I-- > 1;)
          if (Open[I] == X)
            return Open[I - 1];
        return nullptr;
      }))
    return;
  if (Thrown->containsUnknownElements() || compat::hasNoExceptionTypes(*Thrown))
    Thrown.reset(); // Any type.
  if (!isCaught(std::move(Thrown), Tries))
    Out.push_back({S, FD});
}

void ThrowSites::walk(const Stmt *S,
                      llvm::SmallVectorImpl<const CXXTryStmt *> &Tries,
                      llvm::SmallVectorImpl<Site> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
    Tries.push_back(Try);
    Open.push_back(Try);
    walk(Try->getTryBlock(), Tries, Out);
    Tries.pop_back();
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      walk(Try->getHandler(I)->getHandlerBlock(), Tries, Out);
    Open.pop_back();
    return;
  }
  if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
    Open.push_back(Throw);
    walk(Throw->getSubExpr(), Tries, Out);
    Open.pop_back();
    std::optional<Info> Thrown;
    if (const Expr *Sub = Throw->getSubExpr();
        Sub && !Sub->isTypeDependent()) {
      Thrown.emplace();
      compat::registerThrow(*Thrown,
                            Sub->getType()->getUnqualifiedDesugaredType(),
                            Throw->getThrowLoc());
    }
    if (!isCaught(std::move(Thrown), Tries))
      Out.push_back({S, nullptr});
    return;
  }
  Open.push_back(S);
  for (const Stmt *Child : S->children())
    walk(Child, Tries, Out);
  // The call itself after its arguments, in source order of the callee.
  if (const auto *Call = dyn_cast<CallExpr>(S))
    visitCall(S, Call->getDirectCallee(), Tries, Out);
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    visitCall(S, Construct->getConstructor(), Tries, Out);
  Open.pop_back();
}

llvm::SmallVector<ThrowSites::Site, 4> ThrowSites::escaping(const Stmt *Body) {
  llvm::SmallVector<Site, 4> Out;
  llvm::SmallVector<const CXXTryStmt *, 4> Tries;
  walk(Body, Tries, Out);
  return Out;
}

} // namespace clang::tidy::raii
