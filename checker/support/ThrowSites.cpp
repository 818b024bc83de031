//===- ThrowSites.cpp -----------------------------------------------------===//
#include "support/ThrowSites.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii {

static const Type *handlerType(const CXXCatchStmt *Catch) {
  const Type *T = Catch->getCaughtType()->getUnqualifiedDesugaredType();
  if (const auto *Ref = T->getAs<ReferenceType>())
    T = Ref->getPointeeType()->getUnqualifiedDesugaredType();
  return T;
}

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
      Thrown->filterByCatch(handlerType(Catch),
                            Catch->getExceptionDecl()->getASTContext());
      if (Thrown->getExceptions().empty() && !Thrown->containsUnknownElements())
        return true;
    }
  }
  return false;
}

bool ThrowSites::mayThrow(const FunctionDecl *FD) {
  return calleeThrows(FD).has_value();
}

std::optional<ThrowSites::Info>
ThrowSites::calleeThrows(const FunctionDecl *FD) {
  if (!FD)
    return std::nullopt;
  const auto *FPT = FD->getType()->getAs<FunctionProtoType>();
  if (FPT && isNoexceptExceptionSpec(FPT->getExceptionSpecType()) &&
      FPT->canThrow() == CT_Cannot)
    return std::nullopt;
  if (FPT && FPT->getExceptionSpecType() == EST_DynamicNone)
    return std::nullopt; // throw()
  if (isa<CXXDestructorDecl>(FD) && (!FPT || FPT->canThrow() != CT_Can))
    return std::nullopt;
  if (FD->isExternC() || FD->isInExternCContext())
    return std::nullopt;
  if (!AssumeNothrow.empty() && AssumeNothrow.matches(FD))
    return std::nullopt;
  Info Result = Analyzer.analyze(FD);
  switch (Result.getBehaviour()) {
  case utils::ExceptionAnalyzer::State::Throwing:
    return Result;
  case utils::ExceptionAnalyzer::State::NotThrowing:
    return std::nullopt;
  case utils::ExceptionAnalyzer::State::Unknown:
    break;
  }
  // No visible definition. An explicit `noexcept(false)` or dynamic exception
  // specification says it throws; otherwise the option decides.
  bool Declared = FPT && (FPT->getExceptionSpecType() == EST_NoexceptFalse ||
                          FPT->getExceptionSpecType() == EST_Dynamic);
  if (Declared || UnknownMayThrow)
    return Result;
  return std::nullopt;
}

void ThrowSites::visitCall(const Stmt *S, const FunctionDecl *FD,
                           llvm::ArrayRef<const CXXTryStmt *> Tries,
                           llvm::SmallVectorImpl<Site> &Out) {
  std::optional<Info> Thrown = calleeThrows(FD);
  if (!Thrown)
    return;
  if (Thrown->containsUnknownElements() || Thrown->getExceptions().empty())
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
    walk(Try->getTryBlock(), Tries, Out);
    Tries.pop_back();
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      walk(Try->getHandler(I)->getHandlerBlock(), Tries, Out);
    return;
  }
  if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
    walk(Throw->getSubExpr(), Tries, Out);
    std::optional<Info> Thrown;
    if (const Expr *Sub = Throw->getSubExpr();
        Sub && !Sub->isTypeDependent()) {
      Thrown.emplace();
      Thrown->registerException(Sub->getType()->getUnqualifiedDesugaredType(),
                                {Throw->getThrowLoc(), {}});
    }
    if (!isCaught(std::move(Thrown), Tries))
      Out.push_back({S, nullptr});
    return;
  }
  for (const Stmt *Child : S->children())
    walk(Child, Tries, Out);
  // The call itself after its arguments, in source order of the callee.
  if (const auto *Call = dyn_cast<CallExpr>(S))
    visitCall(S, Call->getDirectCallee(), Tries, Out);
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    visitCall(S, Construct->getConstructor(), Tries, Out);
}

llvm::SmallVector<ThrowSites::Site, 4> ThrowSites::escaping(const Stmt *Body) {
  llvm::SmallVector<Site, 4> Out;
  llvm::SmallVector<const CXXTryStmt *, 4> Tries;
  walk(Body, Tries, Out);
  return Out;
}

} // namespace clang::tidy::raii
