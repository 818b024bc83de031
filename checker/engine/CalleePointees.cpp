//===- CalleePointees.cpp - what callees do through pointers --------------===//
//
// The scans of CalleeBodies.h that follow what a function of the file
// does with what its pointer parameter points to: writes through it
// (writesThroughParameter), does with one element of the array
// (elementFate), copies its bytes (copiesPointee). Answered once per
// translation unit.
//
//===----------------------------------------------------------------------===//
#include "engine/CalleeBodies.h"
#include "engine/CalleeBodiesImpl.h"
#include "engine/HandleKey.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"

#include <functional>

namespace clang::tidy::raii {

namespace {
using ElementKey = std::tuple<const ParmVarDecl *, uint64_t, const Family *>;
llvm::DenseMap<ElementKey, std::optional<ArgFate>> &elementFates() {
  static llvm::DenseMap<ElementKey, std::optional<ArgFate>> Answers;
  return Answers;
}

llvm::DenseMap<const ParmVarDecl *, bool> &writingParameters() {
  static llvm::DenseMap<const ParmVarDecl *, bool> Answers;
  return Answers;
}
} // namespace

void clearPointeeAnswers() {
  elementFates().clear();
  writingParameters().clear();
}

/// The nearest parent of \p Up[L - 1] and above that is not a parenthesis
/// (nor, with \p Casts, a cast), moving \p L to it; null at the top.
static const Stmt *parentAbove(llvm::ArrayRef<const Stmt *> Up, size_t &L,
                               bool Casts) {
  while (L > 0 && (isa<ParenExpr>(Up[L - 1]) ||
                   (Casts && isa<ImplicitCastExpr, CStyleCastExpr>(Up[L - 1]))))
    --L;
  return L > 0 ? Up[--L] : nullptr;
}

/// Calls \p OnUse at each reference to \p P in \p Body with its parents
/// (the nearest last), until it returns false.
static void forEachUse(const Stmt *Body, const ParmVarDecl *P,
                       llvm::function_ref<bool(llvm::ArrayRef<const Stmt *>)>
                           OnUse) {
  llvm::SmallVector<const Stmt *, 16> Up;
  bool Go = true;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || !Go)
      return;
    if (const auto *R = dyn_cast<DeclRefExpr>(S)) {
      if (R->getDecl() == P)
        Go = OnUse(Up);
      return;
    }
    Up.push_back(S);
    for (const Stmt *C : S->children())
      Walk(C);
    Up.pop_back();
  };
  Walk(Body);
}

bool writesThroughParameter(const FunctionDecl *Def, unsigned Param) {
  if (Param >= Def->getNumParams() || !Def->hasBody())
    return true;
  const ParmVarDecl *P = Def->getParamDecl(Param);
  if (auto It = writingParameters().find(P); It != writingParameters().end())
    return It->second;
  // A use of P (its parents in Up, the nearest last) that leaves what it
  // points to as it was: a comparison, or `*pp` / `pp[i]` read as a value
  // (an lvalue bound to a reference, assigned, incremented or whose
  // address is taken may be written).
  auto Reads = [](llvm::ArrayRef<const Stmt *> Up) {
    size_t L = Up.size();
    const Stmt *Use = parentAbove(Up, L, /*Casts=*/true);
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Use);
        BO && BO->isComparisonOp())
      return true;
    const auto *UO = dyn_cast_or_null<UnaryOperator>(Use);
    if (!(UO && UO->getOpcode() == UO_Deref) &&
        !isa_and_nonnull<ArraySubscriptExpr>(Use))
      return false;
    // Read as a value, or bound to a reference to const (`v.push_back(*pp)`,
    // `const auto &s = *pp;`: a conversion adding the `const`).
    const Stmt *Above = parentAbove(Up, L, /*Casts=*/false);
    if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Above))
      return Cast->getCastKind() == CK_LValueToRValue ||
             (Cast->getCastKind() == CK_NoOp &&
              Cast->getType().isConstQualified());
    return isa_and_nonnull<MemberExpr, UnaryExprOrTypeTraitExpr>(Above);
  };
  bool Writes = false;
  forEachUse(Def->getBody(), P, [&](llvm::ArrayRef<const Stmt *> Up) {
    Writes = !Reads(Up);
    return !Writes;
  });
  writingParameters()[P] = Writes;
  return Writes;
}

std::optional<ArgFate> elementFate(const FunctionDecl *Def, unsigned Param,
                                   uint64_t Index, const Family &Fam,
                                   const RuleCatalog &Cat) {
  if (Param >= Def->getNumParams() || !Def->hasBody())
    return std::nullopt;
  const ParmVarDecl *P = Def->getParamDecl(Param);
  ASTContext &Ctx = Def->getASTContext();
  const ElementKey Key{P, Index, &Fam};
  if (auto It = elementFates().find(Key); It != elementFates().end())
    return It->second;
  std::optional<ArgFate> Fate = ArgFate::Borrowed;
  // Keeps the worst: maybe taken (a release of it, whatever else the body
  // does), then unknown, stored, borrowed.
  auto Worst = [&](std::optional<ArgFate> F) {
    if (Fate == ArgFate::MaybeTaken)
      return;
    if (F == ArgFate::MaybeTaken || !F ||
        (Fate && *F == ArgFate::Stored && *Fate == ArgFate::Borrowed))
      Fate = F;
  };
  // A call releasing a handle of Fam's kind.
  auto Releases = [&](const CallExpr *Call) {
    const Release *R = Call ? Cat.matchRelease(Call) : nullptr;
    return R && R->Fam && R->Fam->Kind == Fam.Kind;
  };
  // What the expression holding the element (Up[L], its parents above it)
  // does with it.
  auto UseOfElement = [&](llvm::ArrayRef<const Stmt *> Up, size_t L,
                          const Expr *Elem) {
    const Stmt *U = parentAbove(Up, L, /*Casts=*/true);
    if (const auto *Call = dyn_cast_or_null<CallExpr>(U)) {
      if (Releases(Call))
        return Worst(ArgFate::MaybeTaken);
      const FunctionDecl *FD = calledFunction(Call);
      if (!FD || isa<CXXOperatorCallExpr>(Call))
        return Worst(std::nullopt);
      if (isLibraryFunction(FD))
        return;
      // Given to a function: what its body does with that parameter.
      const FunctionDecl *Callee = nullptr;
      unsigned I = 0;
      while (I < Call->getNumArgs() &&
             Call->getArg(I)->IgnoreParenCasts() != Elem)
        ++I;
      if (I >= FD->getNumParams() || !FD->hasBody(Callee))
        return Worst(ArgFate::MaybeTaken);
      if (storesParameter(Callee, I))
        return Worst(ArgFate::Stored);
      if (!onlyBorrows(Callee, I, Fam, Cat, Ctx))
        return Worst(ArgFate::MaybeTaken);
      return;
    }
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(U);
        BO && BO->getOpcode() == BO_Assign &&
        BO->getRHS()->IgnoreParenCasts() == Elem)
      return Worst(inLocal(BO->getLHS()) ? std::nullopt
                                         : std::optional(ArgFate::Stored));
    if (isa_and_nonnull<DeclStmt, ReturnStmt, InitListExpr,
                        ConditionalOperator, CXXConstructExpr>(U))
      return Worst(std::nullopt);
  };
  forEachUse(Def->getBody(), P, [&](llvm::ArrayRef<const Stmt *> Up) {
    size_t L = Up.size();
    const Stmt *U = parentAbove(Up, L, /*Casts=*/true);
    // `p[K]`, or `*p` for element 0; the pointer compared; anything else
    // lets it go where this does not follow.
    std::optional<int64_t> K;
    const Expr *Elem = nullptr;
    if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(U)) {
      K = constantValue(AS->getIdx(), Ctx);
      Elem = AS;
    } else if (const auto *UO = dyn_cast_or_null<UnaryOperator>(U);
               UO && UO->getOpcode() == UO_Deref) {
      K = 0;
      Elem = UO;
    } else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(U);
               BO && BO->isComparisonOp()) {
      return true;
    }
    // An index that is not constant may be any element's: released there
    // (`for (i = 0; i < 2; i++) close(p[i]);`), maybe taken; else unknown.
    if (!K && Elem) {
      size_t At = L;
      Worst(Releases(dyn_cast_or_null<CallExpr>(
                parentAbove(Up, At, /*Casts=*/true)))
                ? std::optional(ArgFate::MaybeTaken)
                : std::nullopt);
    } else if (!K) {
      Worst(std::nullopt);
    } else if (uint64_t(*K) == Index) {
      UseOfElement(Up, L, Elem);
    }
    return Fate != ArgFate::MaybeTaken;
  });
  elementFates()[Key] = Fate;
  return Fate;
}

bool copiesPointee(const FunctionDecl *Def, unsigned Param) {
  if (Param >= Def->getNumParams() || !Def->hasBody())
    return false;
  if (storesParameter(Def, Param))
    return true;
  const ParmVarDecl *P = Def->getParamDecl(Param);
  std::function<bool(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *FD = calledFunction(Call);
      for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
        if (!namesParam(Call->getArg(I), P))
          continue;
        if (!FD || !isLibraryFunction(FD))
          return true; // passed on to code that may copy them
        if (std::optional<ByteCopyArgs> Copy = byteCopyArgs(FD);
            Copy && I == Copy->Src)
          return true;
      }
    }
    for (const Stmt *C : S->children())
      if (Walk(C))
        return true;
    return false;
  };
  return Walk(Def->getBody());
}

} // namespace clang::tidy::raii
