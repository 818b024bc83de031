//===- StorageOrigin.cpp - pointers a function shows are not heap memory --===//
#include "engine/StorageOrigin.h"
#include "engine/HandleKey.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include <functional>

namespace clang::tidy::raii {

namespace {

/// The variable whose own storage \p E designates (`x`, `s.buf`, `a[2]`,
/// `s.in.v`), not through a pointer or reference; \p Part is set for a
/// member or element.
const VarDecl *storageVar(const Expr *E, bool &Part) {
  Part = false;
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
      Part = true;
      continue;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      // `a[i]` is `*(a + i)`: storage of its own only if `a` is an array.
      const Expr *Base = AS->getBase()->IgnoreParenImpCasts();
      if (!Base->getType()->isArrayType())
        return nullptr;
      E = Base;
      Part = true;
      continue;
    }
    return nullptr;
  }
}

std::optional<StorageOrigin> ofStorage(const Expr *Lvalue, const Expr *Where) {
  bool Part = false;
  const VarDecl *V = storageVar(Lvalue, Part);
  if (!V)
    return std::nullopt;
  if (V->hasLocalStorage())
    return StorageOrigin{StorageOrigin::Local, Where, V, Part};
  if (V->hasGlobalStorage() && !V->hasExternalStorage())
    return StorageOrigin{StorageOrigin::Static, Where, V, Part};
  return std::nullopt; // `extern`: its definition may be anything
}

bool isAlloca(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return false;
  llvm::StringRef N = FD->getName();
  return N == "alloca" || N == "_alloca" || N.starts_with("__builtin_alloca");
}

/// A write of a pointer variable: the value stored (null: not a plain
/// store) and where.
struct Write {
  const Expr *Value;
  SourceLocation Loc;
};

} // namespace

class Origins {
public:
  explicit Origins(const BodyIndex &Body)
      : Body(Body), SM(Body.context().getSourceManager()) {}

  /// Where \p E, evaluated at \p At, points.
  std::optional<StorageOrigin> of(const Expr *E, SourceLocation At,
                                  unsigned Depth) {
    if (!E || Depth == 0)
      return std::nullopt;
    E = ignoreValueCasts(E);
    if (isa<StringLiteral, PredefinedExpr>(E))
      return StorageOrigin{StorageOrigin::Literal, E};
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf)
      return ofStorage(UO->getSubExpr(), E);
    if (E->getType()->isArrayType())
      return ofStorage(E, E); // the array decays
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return isAlloca(Call) ? std::optional<StorageOrigin>(StorageOrigin{
                                  StorageOrigin::Alloca, E})
                            : std::nullopt;
    if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
      // Placement `new (buf) T`: the object lives where buf is.
      const FunctionDecl *Op = New->getOperatorNew();
      if (New->getNumPlacementArgs() == 1 && Op &&
          Op->isReservedGlobalPlacementOperator())
        if (auto O = of(New->getPlacementArg(0), At, Depth - 1)) {
          O->Where = New;
          return O;
        }
      return std::nullopt;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return ofPointer(dyn_cast<VarDecl>(DRE->getDecl()), At, Depth);
    return std::nullopt;
  }

private:
  /// A local pointer of the function every write of which stores null or
  /// storage no allocator gave out, the last one before \p At such
  /// storage: its origin.
  std::optional<StorageOrigin> ofPointer(const VarDecl *P, SourceLocation At,
                                         unsigned Depth) {
    if (!P || !BodyIndex::isLocalVar(P) || P->isStaticLocal() ||
        P->getDeclContext() != Body.function() ||
        !P->getType()->isPointerType() || !Body.writtenOnlyByName(P))
      return std::nullopt;
    P = P->getCanonicalDecl();
    auto Key = std::make_pair(P, At.getRawEncoding());
    if (auto It = Memo.find(Key); It != Memo.end())
      return It->second;
    Memo[Key] = std::nullopt; // in progress: a cycle of copies says nothing
    std::optional<StorageOrigin> Out = ofPointerUncached(P, At, Depth);
    Memo[Key] = Out;
    return Out;
  }

  std::optional<StorageOrigin>
  ofPointerUncached(const VarDecl *P, SourceLocation At, unsigned Depth) {
    const std::vector<Write> *Ws = writes(P);
    if (!Ws)
      return std::nullopt;
    ASTContext &Ctx = Body.context();
    const Write *Last = nullptr;
    for (const Write &W : *Ws) {
      if (!W.Value)
        return std::nullopt;
      if (std::optional<int64_t> K =
              constantValue(ignoreValueCasts(W.Value), Ctx);
          K && *K == 0) {
        if (SM.isBeforeInTranslationUnit(W.Loc, At))
          Last = &W;
        continue;
      }
      // Every value stored must be such storage, wherever it is.
      if (!of(W.Value, W.Loc, Depth - 1))
        return std::nullopt;
      if (SM.isBeforeInTranslationUnit(W.Loc, At) &&
          (!Last || SM.isBeforeInTranslationUnit(Last->Loc, W.Loc)))
        Last = &W;
    }
    if (!Last)
      return std::nullopt;
    std::optional<StorageOrigin> O = of(Last->Value, Last->Loc, Depth - 1);
    if (O && !O->Holder)
      O->Holder = P;
    return O; // null when the last write before the release stores null
  }

  /// The writes of \p P, its initialiser included; null if it is changed
  /// in another way (`p++`, `p += n`). One walk of the body finds them for
  /// every local pointer at once.
  const std::vector<Write> *writes(const VarDecl *P) {
    if (!Walked) {
      Walked = true;
      collect(Body.body());
    }
    if (Changed.count(P))
      return nullptr;
    return &Writes[P];
  }

  void collect(const Stmt *S) {
    if (!S)
      return;
    auto Local = [](const Expr *E) -> const VarDecl * {
      const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
      const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      return V && V->getType()->isPointerType() ? V->getCanonicalDecl()
                                                : nullptr;
    };
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D);
            V && V->getType()->isPointerType() && V->getInit())
          Writes[V->getCanonicalDecl()].push_back(
              {V->getInit(), V->getInit()->getBeginLoc()});
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S);
               BO && BO->isAssignmentOp()) {
      if (const VarDecl *P = Local(BO->getLHS())) {
        if (BO->getOpcode() != BO_Assign)
          Changed.insert(P);
        else
          Writes[P].push_back({BO->getRHS(), BO->getOperatorLoc()});
      }
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S);
               UO && UO->isIncrementDecrementOp()) {
      if (const VarDecl *P = Local(UO->getSubExpr()))
        Changed.insert(P);
    }
    for (const Stmt *C : S->children())
      collect(C);
  }

  const BodyIndex &Body;
  const SourceManager &SM;
  bool Walked = false;
  llvm::DenseMap<const VarDecl *, std::vector<Write>> Writes;
  llvm::DenseSet<const VarDecl *> Changed;
  llvm::DenseMap<std::pair<const VarDecl *, unsigned>,
                 std::optional<StorageOrigin>>
      Memo;
};

namespace {

/// \p Released is tested against another value around the release (`if (p
/// != stackbuf) free(p);`): the function tells the cases apart itself.
bool guardedByComparison(const Expr *Released, const BodyIndex &Body) {
  const auto *DRE = dyn_cast<DeclRefExpr>(ignoreValueCasts(Released));
  if (!DRE)
    return false;
  const Decl *P = DRE->getDecl()->getCanonicalDecl();
  auto Names = [&](const Expr *E) {
    const auto *R = dyn_cast<DeclRefExpr>(ignoreValueCasts(E));
    return R && R->getDecl()->getCanonicalDecl() == P;
  };
  std::function<bool(const Stmt *)> Compares = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isEqualityOp()) {
      const Expr *L = BO->getLHS(), *R = BO->getRHS();
      ASTContext &Ctx = Body.context();
      if ((Names(L) && !constantValue(ignoreValueCasts(R), Ctx)) ||
          (Names(R) && !constantValue(ignoreValueCasts(L), Ctx)))
        return true;
    }
    for (const Stmt *C : S->children())
      if (Compares(C))
        return true;
    return false;
  };
  for (const Stmt *S = Body.parent(Released); S; S = Body.parent(S))
    if (const auto *If = dyn_cast<IfStmt>(S))
      if (Compares(If->getCond()))
        return true;
  return false;
}

} // namespace

StorageOrigins::StorageOrigins(const BodyIndex &Body)
    : Body(Body), Impl(std::make_unique<Origins>(Body)) {}

StorageOrigins::~StorageOrigins() = default;

std::optional<StorageOrigin> StorageOrigins::of(const Expr *Released) {
  if (guardedByComparison(Released, Body))
    return std::nullopt;
  return Impl->of(Released, Released->getBeginLoc(), 16);
}

} // namespace clang::tidy::raii
