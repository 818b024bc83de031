//===- StorageOrigin.cpp - pointers a function shows are not heap memory --===//
#include "engine/StorageOrigin.h"
#include "engine/HandleKey.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

namespace {

/// The variable whose own storage \p E designates (`x`, `s.buf`, `a[2]`,
/// `s.in.v`), not through a pointer or reference.
const VarDecl *storageVar(const Expr *E) {
  for (;;) {
    E = E->IgnoreParens();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      return V && !V->getType()->isReferenceType() ? V : nullptr;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (ME->isArrow() || !isa<FieldDecl>(ME->getMemberDecl()) ||
          ME->getMemberDecl()->getType()->isReferenceType())
        return nullptr;
      E = ME->getBase();
      continue;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      // `a[i]` is `*(a + i)`: storage of its own only if `a` is an array.
      const Expr *Base = AS->getBase()->IgnoreParenImpCasts();
      if (!Base->getType()->isArrayType())
        return nullptr;
      E = Base;
      continue;
    }
    return nullptr;
  }
}

std::optional<StorageOrigin> ofVariable(const VarDecl *V, const Expr *Where) {
  if (!V)
    return std::nullopt;
  if (V->hasLocalStorage())
    return StorageOrigin{StorageOrigin::Local, Where, V};
  if (V->hasGlobalStorage() && !V->hasExternalStorage())
    return StorageOrigin{StorageOrigin::Static, Where, V};
  return std::nullopt; // `extern`: its definition may be anything
}

bool isAlloca(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return false;
  llvm::StringRef N = FD->getName();
  return N == "alloca" || N == "_alloca" || N.starts_with("__builtin_alloca");
}

class Origins {
public:
  explicit Origins(const BodyIndex &Body) : Body(Body) {}

  std::optional<StorageOrigin> of(const Expr *E, unsigned Depth) {
    if (!E || Depth == 0)
      return std::nullopt;
    E = ignoreValueCasts(E);
    if (isa<StringLiteral, PredefinedExpr>(E))
      return StorageOrigin{StorageOrigin::Literal, E};
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf)
      return ofVariable(storageVar(UO->getSubExpr()), E);
    if (E->getType()->isArrayType())
      return ofVariable(storageVar(E), E); // the array decays
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return isAlloca(Call) ? std::optional<StorageOrigin>(StorageOrigin{
                                  StorageOrigin::Alloca, E})
                            : std::nullopt;
    if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
      // Placement `new (buf) T`: the object lives where buf is.
      const FunctionDecl *Op = New->getOperatorNew();
      if (New->getNumPlacementArgs() == 1 && Op &&
          Op->isReservedGlobalPlacementOperator())
        if (auto O = of(New->getPlacementArg(0), Depth - 1)) {
          O->Where = New;
          return O;
        }
      return std::nullopt;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return ofPointer(dyn_cast<VarDecl>(DRE->getDecl()), Depth);
    return std::nullopt;
  }

private:
  /// A local pointer every write of which stores null or storage of one
  /// origin: the last such write's origin.
  std::optional<StorageOrigin> ofPointer(const VarDecl *P, unsigned Depth) {
    if (!P || !BodyIndex::isLocalVar(P) || P->isStaticLocal() ||
        !P->getType()->isPointerType() || !Body.writtenOnlyByName(P))
      return std::nullopt;
    P = P->getCanonicalDecl();
    llvm::SmallVector<const Expr *, 4> Values;
    if (!writesOf(P, Body.body(), Values))
      return std::nullopt;
    if (const Expr *Init = P->getInit())
      Values.insert(Values.begin(), Init);
    std::optional<StorageOrigin> Out;
    ASTContext &Ctx = Body.context();
    for (const Expr *V : Values) {
      if (std::optional<int64_t> K = constantValue(ignoreValueCasts(V), Ctx);
          K && *K == 0)
        continue;
      std::optional<StorageOrigin> O = of(V, Depth - 1);
      if (!O)
        return std::nullopt;
      Out = O;
    }
    return Out;
  }

  /// Appends the values \p S assigns to \p P; false if it changes \p P in
  /// another way (`p++`, `p += n`).
  static bool writesOf(const VarDecl *P, const Stmt *S,
                       llvm::SmallVectorImpl<const Expr *> &Values) {
    if (!S)
      return true;
    auto Names = [&](const Expr *E) {
      const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
      return DRE && DRE->getDecl()->getCanonicalDecl() == P;
    };
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp() && Names(BO->getLHS())) {
      if (BO->getOpcode() != BO_Assign)
        return false;
      Values.push_back(BO->getRHS());
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S);
               UO && UO->isIncrementDecrementOp() && Names(UO->getSubExpr())) {
      return false;
    }
    for (const Stmt *C : S->children())
      if (!writesOf(P, C, Values))
        return false;
    return true;
  }

  const BodyIndex &Body;
};

} // namespace

std::optional<StorageOrigin> storageOrigin(const Expr *Released,
                                           const BodyIndex &Body) {
  return Origins(Body).of(Released, 6);
}

} // namespace clang::tidy::raii
