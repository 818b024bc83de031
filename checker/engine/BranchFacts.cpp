//===- BranchFacts.cpp - refining facts on branch edges -------------------===//
//
// BranchFacts (BranchFacts.h): the tests of each condition worked out once
// (BranchTests.cpp, BranchConditions.cpp), applied on each edge: what is
// not acquired there, what a taker's or a keeping wrapper's result says,
// what waits on a conditional acquire.
//
//===----------------------------------------------------------------------===//
#include "engine/BranchFacts.h"
#include "engine/BranchFactsImpl.h"
#include "engine/CalleeBodies.h"
#include "support/BranchHints.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

using namespace branch;

/// Whether the true side of \p F, a test of what a call that takes an
/// argument only where it succeeds returned (1 on success, 0 on failure:
/// `EVP_PKEY_assign`), is its success; nullopt if the test cannot tell.
static std::optional<bool> trueMeansSucceeded(const CondFact &F) {
  if (F.EqualsForeign || F.AboveStandard || F.SignTest || F.Elem || F.Field)
    return std::nullopt;
  if (F.Equals) {
    if (*F.Equals == 0)
      return F.TrueMeansNonzero;
    if (*F.Equals == 1)
      return !F.TrueMeansNonzero;
    return std::nullopt;
  }
  return F.TrueMeansNonzero; // `if (ok)`, `if (rc > 0)`
}

bool BranchFacts::takesWhereItSucceeds(const CallExpr *Call,
                                       unsigned Acq) const {
  const Acquisition &A = C.acqs()[Acq];
  if (!A.Fam)
    return false;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const Transfer *T = C.Roles.catalog().transferOf(Call, I, *A.Fam);
    HandleKey Key;
    if (T && T->OnSuccess && C.KeyOf.keyOf(Call->getArg(I), Key, false) &&
        C.Keys.find(Key) == A.Key)
      return true;
  }
  return false;
}

void BranchFacts::refineKept(const Expr *Leaf, bool Branch, State &St) {
  std::optional<CondFact> F;
  for (State::Entry &E : St.stored()) {
    AcqState &S = E.second;
    if (!S.held() || !(S.B & AcqState::Taken) ||
        (S.KeptBy && S.KeptBy != S.TakenBy) ||
        !isa_and_nonnull<CallExpr>(S.TakenBy))
      continue;
    const auto *Call = cast<CallExpr>(S.TakenBy);
    if (!F && !(F = fact(Leaf, C.Ctx)))
      return;
    // The call itself, or the local its result went to, given no other
    // value in the function.
    const VarDecl *Result = F->Var ? resultVariable(Call, C.Body) : nullptr;
    if (F->Call != Call &&
        !(Result && sameVar(C, F->Var, Result) &&
          C.Body.writeCount(Result) == 1))
      continue;
    // A transfer only where the call succeeds (`on: success`): where it
    // failed, the handle is the caller's again.
    if (takesWhereItSucceeds(Call, E.first)) {
      if (std::optional<bool> T = trueMeansSucceeded(*F); T && Branch != *T) {
        S.B &= ~AcqState::Taken;
        S.TakenBy = S.KeptBy = nullptr;
        S.TakerTests = 0;
      }
      continue;
    }
    for (const KeepRole &K : C.Roles.keeps(Call)) {
      HandleKey Key;
      std::optional<bool> T = trueMeansKept(*F, K);
      if (!T || !CallRoles::keyFor(Call, K.Handle, false, C.KeyOf, Key) ||
          C.Keys.find(Key) != C.acqs()[E.first].Key)
        continue;
      if (Branch != *T) {
        S.dropTo(AcqState::Released);
        S.LastRelease = Call;
      } else if (K.KeepsOnSuccess) {
        // The call only lent the handle.
        S.B &= ~AcqState::Taken;
        S.TakenBy = S.KeptBy = nullptr;
        S.TakerTests = 0;
      }
      break;
    }
  }
}

/// Some value of \p V is a `dynamic_cast` of another variable (`Derived
/// *d = dynamic_cast<Derived *>(b);`): null where \p V's type is not the
/// object's, whatever the object is.
static bool castDynamically(const BodyIndex &B, const VarDecl *V) {
  return llvm::any_of(B.copies(), [&](const BodyIndex::Copy &Cp) {
    return Cp.To->getCanonicalDecl() == V->getCanonicalDecl() &&
           isa<CXXDynamicCastExpr>(
               BodyIndex::copiedValue(Cp)->IgnoreParenImpCasts());
  });
}

llvm::ArrayRef<BranchFacts::Test> BranchFacts::testsOf(const Expr *Leaf) {
  auto [It, New] = Tests.try_emplace(Leaf);
  if (New)
    if (auto F = fact(Leaf, C.Ctx))
      for (unsigned J = 0; J < C.acqs().size(); ++J) {
        bool OnlyRefutes;
        if (std::optional<bool> T =
                trueMeansAcquired(C, *F, C.acqs()[J], OnlyRefutes)) {
          const Acquisition &A = C.acqs()[J];
          // A comparison of the handle variable with what the function
          // did not acquire (`fd != fileno(stdin)`) says nothing once the
          // variable was given another value while it held the handle.
          const bool OfHandleVar =
              F->Var && A.HandleVar && sameVar(C, F->Var, A.HandleVar);
          const bool OfResultVar =
              (F->Var && A.ResultVar && sameVar(C, F->Var, A.ResultVar) &&
               !OfHandleVar) ||
              (OnlyRefutes && OfHandleVar);
          // A test of a dynamic-cast copy (not of the handle's own
          // variable, which a later acquire may fill).
          const bool ThroughCast =
              F->Var &&
              !(A.HandleVar && F->Var->getCanonicalDecl() ==
                                   A.HandleVar->getCanonicalDecl()) &&
              castDynamically(C.Body, F->Var);
          It->second.push_back(
              {J, *T, OnlyRefutes, OfResultVar, ThroughCast});
        }
      }
  return It->second;
}

void BranchFacts::refine(const Expr *Cond, bool Branch, State &St) {
  // A test refines only what is held, the caller's, or one level deeper;
  // an untouched acquisition is none of these.
  if (!Cond || !St.Reachable || St.stored().empty())
    return;
  for (State::Entry &E : St.stored())
    if (AcqState &S = E.second; S.TakerTests && S.held() &&
                                testsResultOf(Cond, S.taker()))
      S.takerTested(Branch);
  refineCond(Cond, Branch, St);
}

/// The place other than a variable \p Call's result is stored in (`*out =
/// adopt(..)`, `s->conn = adopt(..)`), if any, and if it stays that place
/// with that value: no variable it is reached through written after the
/// store (`p = p->next;`), no other store into a place written alike.
static const Expr *resultPlace(const Stmt *Call, const BodyIndex &B,
                               ASTContext &Ctx) {
  const Stmt *P = B.parent(Call);
  while (P && isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr>(P))
    P = B.parent(P);
  const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
  if (!BO || BO->getOpcode() != BO_Assign ||
      isa<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
    return nullptr;
  bool Moves = false;
  std::function<void(const Stmt *)> Vars = [&](const Stmt *S) {
    if (const auto *R = dyn_cast<DeclRefExpr>(S))
      Moves |= B.writtenAfter(R->getDecl(), BO);
    for (const Stmt *Child : S->children())
      if (Child)
        Vars(Child);
  };
  Vars(BO->getLHS());
  std::function<void(const Stmt *)> Stores = [&](const Stmt *S) {
    if (const auto *Other = dyn_cast<BinaryOperator>(S);
        Other && Other != BO && Other->isAssignmentOp() &&
        sameLvalue(BO->getLHS(), Other->getLHS(), Ctx))
      Moves = true;
    for (const Stmt *Child : S->children())
      if (Child && !Moves)
        Stores(Child);
  };
  Stores(B.body());
  return Moves ? nullptr : BO->getLHS();
}

/// \p S reads \p Place, written the same way.
static bool readsPlace(const Stmt *S, const Expr *Place, ASTContext &Ctx) {
  if (const auto *E = dyn_cast<Expr>(S); E && sameLvalue(Place, E, Ctx))
    return true;
  return llvm::any_of(S->children(), [&](const Stmt *Child) {
    return Child && readsPlace(Child, Place, Ctx);
  });
}

/// The status word \p Call's result is or-ed into (haproxy's `err |=
/// parse_table(t, id); if (err & ERR_FATAL) { free(id); .. }`), if any.
static const VarDecl *accumulatedInto(const Stmt *Call, const BodyIndex &B) {
  const Stmt *Child = Call;
  const Stmt *P = B.parent(Call);
  while (P && isa<ParenExpr, ImplicitCastExpr>(P)) {
    Child = P;
    P = B.parent(P);
  }
  const auto *BO = dyn_cast_or_null<CompoundAssignOperator>(P);
  if (!BO || BO->getOpcode() != BO_OrAssign || BO->getRHS() != Child)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

bool BranchFacts::testsResultOf(const Expr *Cond, const Expr *Call) const {
  if (!Call)
    return false;
  if (C.Body.isAncestor(Cond, Call))
    return true;
  if (const VarDecl *V = resultVariable(Call, C.Body))
    return BodyIndex::refersTo(Cond, V);
  if (const VarDecl *V = accumulatedInto(Call, C.Body))
    return BodyIndex::refersTo(Cond, V);
  // `*out = adopt(.., buf); if (!*out)`.
  const Expr *Place = resultPlace(Call, C.Body, C.Ctx);
  return Place && readsPlace(Cond, Place, C.Ctx);
}

void BranchFacts::refineCond(const Expr *Cond, bool Branch, State &St) {
  Cond = ignoreTruthHints(Cond);
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    return refineCond(UO->getSubExpr(), !Branch, St);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    // Both sides of a true `&&` and of a false `||` hold.
    if ((BO->getOpcode() == BO_LAnd && Branch) ||
        (BO->getOpcode() == BO_LOr && !Branch)) {
      refineCond(BO->getLHS(), Branch, St);
      refineCond(BO->getRHS(), Branch, St);
      return;
    }
    if (BO->isLogicalOp())
      return;
  }
  refineLeaf(Cond, Branch, St);
}

void BranchFacts::refineLeaf(const Expr *Cond, bool Branch, State &St) {
  refineKept(Cond, Branch, St);
  for (const Test &T : testsOf(Cond)) {
    const unsigned J = T.Acq;
    const AcqState &Now = St[J];
    if (T.OfResultVar && Now.ResultStale)
      continue;
    bool Deepens = llvm::any_of(St.stored(), [&](const State::Entry &K) {
      return K.second.DeeperOn == int(J);
    });
    if (!Now.held() && !(Now.B & AcqState::Entry) && !Deepens)
      continue;
    bool Acquired = Branch == T.TrueMeansAcquired;
    if ((Acquired && T.OnlyRefutes) || (!Acquired && T.OnlyConfirms))
      continue;
    for (State::Entry &K : St.stored())
      if (K.second.DeeperOn == int(J)) {
        K.second.DeeperOn = -1;
        if (!Acquired)
          K.second.Depths >>= 1;
      }
    if (!Now.held() && !(Now.B & AcqState::Entry))
      continue;
    AcqState &S = St.at(J); // stored: held or the caller's
    if (!Acquired) {
      S.Depths = 0;
      S.B = (S.B & ~(AcqState::Entry | AcqState::Taken)) | AcqState::NotYet;
      S.Causes.clear();
    } else if (S.held()) {
      S.B &= ~AcqState::NotYet;
    }
    resolvePending(St, J, Acquired);
  }
}

} // namespace clang::tidy::raii
