//===- NothrowPolicy.cpp - the shared "may this throw" policy -------------===//
#include "support/NothrowPolicy.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii {

static constexpr unsigned MaxBodyDepth = 4;

NothrowPolicy::NothrowPolicy(const NameMatcher &AssumeNothrow,
                             bool CLinkageNothrow, bool UnknownMayThrow)
    : AssumeNothrow(AssumeNothrow), CLinkageNothrow(CLinkageNothrow),
      UnknownMayThrow(UnknownMayThrow) {
  reset();
}

void NothrowPolicy::reset() {
  Analyzer = std::make_unique<utils::ExceptionAnalyzer>();
  Analyzer->ignoreBadAlloc(true);
  BodyThrows.clear();
}

std::optional<NothrowPolicy::Info>
NothrowPolicy::throws(const FunctionDecl *FD) {
  return throwsAt(FD, 0);
}

std::optional<NothrowPolicy::Info>
NothrowPolicy::throwsAt(const FunctionDecl *FD, unsigned Depth) {
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
  if (FD->getBuiltinID())
    return std::nullopt;
  if (CLinkageNothrow && (FD->isExternC() || FD->isInExternCContext()))
    return std::nullopt;
  if (!AssumeNothrow.empty() && AssumeNothrow.matches(FD))
    return std::nullopt;
  Info Result = Analyzer->analyze(FD);
  switch (Result.getBehaviour()) {
  case utils::ExceptionAnalyzer::State::Throwing:
    return Result;
  case utils::ExceptionAnalyzer::State::NotThrowing:
    return std::nullopt;
  case utils::ExceptionAnalyzer::State::Unknown:
    break;
  }
  const FunctionDecl *Def = nullptr;
  if (FD->hasBody(Def) && Def->getBody() && Depth < MaxBodyDepth) {
    auto [It, New] = BodyThrows.try_emplace(Def, false);
    if (!New)
      return It->second ? std::optional<Info>(Result) : std::nullopt;
    bool Throws = bodyMayThrow(Def->getBody(), Depth + 1);
    BodyThrows[Def] = Throws;
    return Throws ? std::optional<Info>(Result) : std::nullopt;
  }
  bool Declared = FPT && (FPT->getExceptionSpecType() == EST_NoexceptFalse ||
                          FPT->getExceptionSpecType() == EST_Dynamic);
  if (Declared || UnknownMayThrow)
    return Result;
  return std::nullopt;
}

bool NothrowPolicy::bodyMayThrow(const Stmt *S, unsigned Depth) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
    bool CatchesAll = false;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      CatchesAll |= !Try->getHandler(I)->getExceptionDecl();
    if (!CatchesAll && bodyMayThrow(Try->getTryBlock(), Depth))
      return true;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      if (bodyMayThrow(Try->getHandler(I)->getHandlerBlock(), Depth))
        return true;
    return false;
  }
  if (isa<CXXThrowExpr>(S))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee) {
      QualType T = Call->getCallee()->getType();
      if (const auto *PT = T->getAs<PointerType>())
        T = PT->getPointeeType();
      const auto *FPT = T->getAs<FunctionProtoType>();
      if (!FPT || !FPT->isNothrow())
        return true;
    } else if (throwsAt(Callee, Depth)) {
      return true;
    }
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    if (!CE->getConstructor()->isTrivial() &&
        throwsAt(CE->getConstructor(), Depth))
      return true;
  }
  for (const Stmt *C : S->children())
    if (bodyMayThrow(C, Depth))
      return true;
  return false;
}

} // namespace clang::tidy::raii
