//===- PathFacts.cpp - what a path knows of the values its branches test -===//
//
// ConditionFacts' reading of the branches (PathFacts.h): where each
// condition is, what it decides on a path's facts, what taking one of its
// edges teaches. What statements write is in PathFactsEffects.cpp, the
// set of facts itself in FactSet.cpp.
//
//===----------------------------------------------------------------------===//
#include "engine/PathFacts.h"
#include "support/BranchHints.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include <algorithm>

namespace clang::tidy::raii {

unsigned ConditionFacts::offsetOf(const Stmt *S, bool End) const {
  const SourceManager &SM = C.Ctx.getSourceManager();
  const SourceLocation L =
      SM.getExpansionLoc(End ? S->getEndLoc() : S->getBeginLoc());
  // Positions are compared within the function's own file: one elsewhere
  // (a body part `#include`d) is taken to be ahead.
  if (L.isInvalid() || SM.getFileID(L) != BodyFile)
    return ~0u;
  return SM.getFileOffset(L);
}

const ConditionFacts::Site &ConditionFacts::siteOf(const Expr *Cond) {
  auto [It, New] = SiteCache.try_emplace(Cond);
  if (New) {
    // A branch in a loop is tested again by the next iteration of the
    // outermost loop around it.
    const Stmt *Loop = nullptr;
    for (const Stmt *L = C.Body.enclosingLoop(Cond); L;
         L = C.Body.enclosingLoop(L))
      Loop = L;
    It->second = {offsetOf(Cond), Loop ? offsetOf(Loop) : 0,
                  Loop ? offsetOf(Loop, /*End=*/true) : 0};
  }
  return It->second;
}

unsigned ConditionFacts::testsAhead(const void *Subject, unsigned Now,
                                    unsigned *Nearest, bool *Wraps) {
  if (Nearest)
    *Nearest = ~0u;
  if (Wraps)
    *Wraps = true;
  auto It = Sites.find(Subject);
  if (It == Sites.end())
    return 0;
  // A `goto` back to a label: any branch may come again; where the point
  // is in another file, its position says nothing.
  if (BackwardJump || Now == ~0u) {
    if (Wraps)
      *Wraps = false;
    return It->second.size();
  }
  unsigned N = 0;
  for (const Expr *Cond : It->second) {
    const Site &At = siteOf(Cond);
    const bool InLoop =
        At.LoopEnd && At.LoopBegin <= Now && Now <= At.LoopEnd;
    if (At.Offset < Now && !InLoop)
      continue;
    ++N;
    // How far ahead: in a loop, a branch behind comes with the next round.
    const unsigned Far = At.Offset >= Now
                             ? At.Offset - Now
                             : (At.LoopEnd - Now) + (At.Offset - At.LoopBegin);
    if (Nearest)
      *Nearest = std::min(*Nearest, Far);
    if (Wraps)
      *Wraps = *Wraps && At.Offset < Now;
  }
  return N;
}

/// True if \p S holds a `goto` to a label before it.
static bool jumpsBack(const Stmt *S, const SourceManager &SM) {
  if (!S)
    return false;
  if (const auto *G = dyn_cast<GotoStmt>(S))
    if (SM.isBeforeInTranslationUnit(G->getLabel()->getLocation(),
                                     G->getGotoLoc()))
      return true;
  for (const Stmt *C : S->children())
    if (jumpsBack(C, SM))
      return true;
  return false;
}

void ConditionFacts::add(FactSet &F, const Fact &Fa) {
  // Full: the fact fewest branches still ahead test goes (of those, one
  // tested again only in the next round of a loop around the point, else
  // the oldest), so that a flag tested at every exit outlives the
  // conditions of a long body in between, a flag tested right after a
  // chain of tests in a loop outlives the chain's tests, and facts no
  // branch will read go first.
  if (F.facts().size() == FactSet::Cap && !F.find(Fa.Subject)) {
    if (!SitesReady) {
      SitesReady = true;
      const SourceManager &SM = C.Ctx.getSourceManager();
      BodyFile =
          SM.getFileID(SM.getExpansionLoc(C.Body.body()->getBeginLoc()));
      BackwardJump = jumpsBack(C.Body.body(), SM);
    }
    const void *Victim = nullptr;
    unsigned Least = ~0u;
    bool VictimWraps = false;
    const unsigned Now = NowAt ? offsetOf(NowAt) : 0;
    for (const Fact &Old : F.facts()) {
      bool Wraps = false;
      const unsigned N = testsAhead(Old.Subject, Now, nullptr, &Wraps);
      Wraps = Wraps && N;
      if (N < Least || (N == Least && Wraps && !VictimWraps)) {
        Least = N;
        VictimWraps = Wraps;
        Victim = Old.Subject;
      }
    }
    F.forgetIf([&](const Fact &Old) { return Old.Subject == Victim; });
  }
  F.add(Fa);
}

std::optional<int64_t> ConditionFacts::valueOf(const Operand &O,
                                               const FactSet &F) {
  if (O.Const)
    return O.Const;
  if (O.Var)
    if (const Fact *V = F.find(O.Var); V && V->Kind == Fact::Equals)
      return V->Value;
  if (O.Rec)
    if (const Fact *V = F.find(O.Rec); V && V->Kind == Fact::ExprEquals)
      return V->Value;
  return std::nullopt;
}

std::optional<bool> ConditionFacts::decideLeaf(const Leaf &L,
                                               const FactSet &F) {
  if (L.Spelled)
    if (const Fact *Known = F.find(L.Spelled))
      if (std::optional<bool> R = decideSpelling(L, *Known))
        return R;
  std::optional<int64_t> A = valueOf(L.A, F);
  if (L.Op == BO_Comma) {
    if (A)
      return *A != 0;
    if (const Record *R = L.A.Rec; R && R->BitVar)
      if (const Fact *V = F.find(R->BitVar); V && V->Kind == Fact::Equals)
        return (uint64_t(V->Value) & R->Bit) != 0;
    if (const void *S = L.A.Var ? static_cast<const void *>(L.A.Var)
                                : L.A.Rec)
      if (const Fact *V = F.find(S);
          V && Fact::saysDiffers(V->Kind) && V->Value == 0)
        return true;
  } else {
    std::optional<int64_t> B = valueOf(L.B, F);
    if (A && B)
      return L.Op == BO_EQ ? *A == *B : *A < *B;
    if (L.Op == BO_EQ) {
      // `v == k` where v is known not to be k; `v == e` where v holds e;
      // the same of an expression (`(m & S_IFMT) == S_IFLNK`).
      auto Against = [&](const Operand &V, const Operand &W,
                         std::optional<int64_t> WV) -> std::optional<bool> {
        const void *S = V.Var ? static_cast<const void *>(V.Var) : V.Rec;
        const Fact *Fv = S ? F.find(S) : nullptr;
        if (!Fv)
          return std::nullopt;
        if (Fact::saysDiffers(Fv->Kind) && WV && *WV == Fv->Value)
          return false;
        if (Fv->Kind == Fact::ExprOneOf && WV && !Fv->mayBe(*WV))
          return false;
        if (Fv->Kind == Fact::Names && W.Rec && Fv->Other == W.Rec)
          return true;
        return std::nullopt;
      };
      if (auto R = Against(L.A, L.B, B))
        return R;
      if (auto R = Against(L.B, L.A, A))
        return R;
    }
  }
  if (L.Bounded)
    if (std::optional<bool> R = decideByBounds(L, F))
      return R;
  if (std::optional<bool> R = truthOf(L.Rec, F))
    return R;
  return truthOf(throughCopy(L, F), F);
}

std::optional<bool> ConditionFacts::truthOf(const Record *R,
                                            const FactSet &F) {
  if (R)
    if (const Fact *V = F.find(R);
        V && (V->Kind == Fact::Holds || V->Kind == Fact::Fails))
      return V->Kind == Fact::Holds;
  return std::nullopt;
}

const ConditionFacts::Record *ConditionFacts::throughCopy(const Leaf &L,
                                                         const FactSet &F) {
  if (F.empty())
    return nullptr;
  // Only a copy that keeps the value (`unsigned char c = cfg->level;` does
  // not): both pointers, or one integer type.
  auto Named = [&](const Operand &O) -> const Record * {
    if (!O.Var)
      return nullptr;
    const Fact *V = F.find(O.Var);
    if (!V || V->Kind != Fact::Names)
      return nullptr;
    const auto *X = static_cast<const Record *>(V->Other);
    if (!X->E)
      return nullptr;
    QualType VT = O.Var->getType().getCanonicalType().getUnqualifiedType();
    QualType XT =
        X->E->IgnoreParenImpCasts()->getType().getCanonicalType()
            .getUnqualifiedType();
    return (VT->isPointerType() && XT->isPointerType()) || VT == XT ? X
                                                                    : nullptr;
  };
  if (L.Op == BO_Comma)
    return Named(L.A);
  // Against a constant only: the other side means the same in both tests.
  if (const Record *X = Named(L.A); X && X->E && L.B.Const && L.BE)
    return comparison(L.Op, X->E, L.BE);
  if (const Record *X = Named(L.B); X && X->E && L.A.Const && L.AE)
    return comparison(L.Op, L.AE, X->E);
  return nullptr;
}

/// \p E assigns, increments or decrements something.
static bool writesAny(const Stmt *E) {
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->isAssignmentOp())
    return true;
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->isIncrementDecrementOp())
    return true;
  for (const Stmt *C : E->children())
    if (C && !isa<LambdaExpr>(C) && writesAny(C))
      return true;
  return false;
}

std::optional<bool> ConditionFacts::decide(const Expr *Cond,
                                           const FactSet &F) {
  const Leaf &L = leaf(Cond);
  std::optional<bool> V = decideLeaf(L, F);
  if (V && L.Neg)
    V = !*V;
  if (V)
    return V;
  // A condition whose `&&` / `||` the CFG did not split, the value of the
  // operator tested after its blocks merged (`if (!(fp && ok()))`): from
  // what the operands' facts decide.
  const Expr *E = ignoreTruthHints(Cond)->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_LNot) {
    if (std::optional<bool> Sub = decide(UO->getSubExpr(), F))
      return !*Sub;
    return std::nullopt;
  }
  // `i ? (unlock(&m), 0) : (lock(&m), 1)` (xz's mythread_sync, a lock
  // scope written as a loop of one round): the arm the facts choose, when
  // neither arm writes what the condition reads; `(e, k)` is k.
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    if (writesAny(CO->getTrueExpr()) || writesAny(CO->getFalseExpr()))
      return std::nullopt;
    if (std::optional<bool> Which = decide(CO->getCond(), F))
      return decide(*Which ? CO->getTrueExpr() : CO->getFalseExpr(), F);
    return std::nullopt;
  }
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (BO && BO->getOpcode() == BO_Comma)
    return decide(BO->getRHS(), F);
  if (!BO || !BO->isLogicalOp())
    return std::nullopt;
  // The facts are those after both operands ran: a write in the right one
  // (`state == 0 && (state = 2)`) leaves them saying nothing of the left.
  const bool And = BO->getOpcode() == BO_LAnd;
  std::optional<bool> Lhs = writesAny(BO->getRHS())
                                ? std::nullopt
                                : decide(BO->getLHS(), F);
  if (Lhs && *Lhs != And)
    return Lhs; // `false && ..`, `true || ..`
  std::optional<bool> Rhs = decide(BO->getRHS(), F);
  if (Rhs && *Rhs != And)
    return Rhs;
  if (Lhs && Rhs)
    return And;
  return std::nullopt;
}

const VarDecl *ConditionFacts::switchedVar(const Expr *Cond) {
  // The variable itself (`switch (i)`), not a test of it (`switch (i !=
  // 0)`, which leaf() reads as one).
  const auto *DRE = dyn_cast<DeclRefExpr>(ignoreBranchHints(Cond));
  const Leaf &L = leaf(Cond);
  if (!DRE || L.Op != BO_Comma || L.Neg || !L.A.Var ||
      DRE->getDecl()->getCanonicalDecl() != L.A.Var->getCanonicalDecl())
    return nullptr;
  return L.A.Var;
}

std::optional<bool> ConditionFacts::decideCase(const Expr *Cond, int64_t K,
                                               const FactSet &F) {
  const VarDecl *V = switchedVar(Cond);
  const Fact *Fv = V ? F.find(V) : nullptr;
  if (!Fv)
    return std::nullopt;
  switch (Fv->Kind) {
  case Fact::Equals:
    return Fv->Value == K;
  case Fact::Differs:
    if (Fv->Value == K)
      return false;
    return std::nullopt;
  case Fact::AtLeast:
    if (K < Fv->Value)
      return false;
    return std::nullopt;
  default:
    return std::nullopt;
  }
}

void ConditionFacts::assumeCase(const Expr *Cond, int64_t K, FactSet &F) {
  NowAt = Cond;
  if (const VarDecl *V = switchedVar(Cond); V && useful(V, 2))
    add(F, {V, nullptr, K, Fact::Equals});
}

void ConditionFacts::flagsOf(const Leaf &L, bool Truth, FactSet &F) {
  // Two normal forms that test the same thing (their negations aside).
  auto Same = [](const Operand &A, const Operand &B) {
    return A.Var == B.Var && A.Const == B.Const && A.Rec == B.Rec;
  };
  auto SameTest = [&](const Leaf &X, const Leaf &Y) {
    return X.Op == Y.Op && Same(X.A, Y.A) && Same(X.B, Y.B) &&
           (X.A.Var || X.A.Rec || X.B.Var || X.B.Rec);
  };
  llvm::SmallVector<Fact, 2> Flags;
  for (const Fact &Fa : F.facts()) {
    if (Fa.Kind != Fact::Names)
      continue;
    const auto *X = static_cast<const Record *>(Fa.Other);
    if (!X->E || !isa<BinaryOperator, UnaryOperator>(
                     X->E->IgnoreParenImpCasts()))
      continue;
    const Leaf XL = leaf(X->E);
    if (!SameTest(XL, L))
      continue;
    const bool Value = Truth != XL.Neg;
    Flags.push_back({Fa.Subject, nullptr, 0,
                     Value ? Fact::Differs : Fact::Equals});
  }
  for (const Fact &Fa : Flags)
    add(F, Fa);
}

/// \p E reads nothing the function or its callees could change behind
/// the facts' back: locals (their writes by name forget the facts), what
/// is reached through a pointer to const or a const object (`st->st_mode`
/// of a `const struct stat *st`), and `*p` of a parameter the body only
/// dereferences, tests or passes on (BodyIndex::cellParameter: its
/// writes and the calls given p forget the facts); no call. A value other
/// code may set (`c->state`, a global, `*p` of another `T *p`) is left to
/// the truth of each test, whose repeat is what such facts decide.
static bool constView(const Expr *E, const BodyIndex &B) {
  E = E->IgnoreParens();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    return !V || V->hasLocalStorage() || V->getType().isConstQualified();
  }
  auto ConstPointee = [](const Expr *P) {
    const QualType T = P->IgnoreParenImpCasts()->getType();
    return T->isPointerType() && T->getPointeeType().isConstQualified();
  };
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const Expr *Base = ME->getBase();
    const bool Const = ME->isArrow()
                           ? ConstPointee(Base)
                           : Base->getType().isConstQualified();
    return Const && constView(Base, B);
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return ConstPointee(AS->getBase()) && constView(AS->getBase(), B) &&
           constView(AS->getIdx(), B);
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_Deref)
    return (ConstPointee(UO->getSubExpr()) ||
            ConditionFacts::cellOf(UO, B)) &&
           constView(UO->getSubExpr(), B);
  if (isa<CallExpr, CXXConstructExpr, LambdaExpr, StmtExpr>(E))
    return false;
  for (const Stmt *C : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(C); CE && !constView(CE, B))
      return false;
  return true;
}

void ConditionFacts::assume(const Expr *Cond, bool Branch, FactSet &F,
                            bool Loop) {
  NowAt = Cond;
  // A copy: flagsOf may add leaves to the map.
  const Leaf L = leaf(Cond);
  const bool Truth = Branch != L.Neg;
  flagsOf(L, Truth, F);
  // `strcmp(s, "add") == 0`: s spells "add", not "delete".
  if (L.Spelled && !Truth && useful(L.Spelled, 2))
    add(F, {L.Spelled, L.Literal, L.IgnoresCase ? 1 : 0, Fact::Spells});
  // `int fd = f->fd; if (fd < 0) ..`: also a test of `f->fd < 0`, for a
  // branch that tests that.
  if (const Record *S = throughCopy(L, F);
      S && useful(S, 1) && (!Loop || S->LocalOnly))
    add(F, {S, nullptr, 0, Truth ? Fact::Holds : Fact::Fails});
  if (L.Op == BO_Comma && L.A.Var) {
    if (!useful(L.A.Var, 2))
      return;
    if (const Fact *V = F.find(L.A.Var);
        Truth && V && V->Kind == Fact::Equals)
      return; // already known, and more precisely
    add(F, {L.A.Var, nullptr, 0, Truth ? Fact::Differs : Fact::Equals});
    return;
  }
  if (L.Op == BO_EQ) {
    const Operand *V = L.A.Var ? &L.A : L.B.Var ? &L.B : nullptr;
    const Operand &W = V == &L.A ? L.B : L.A;
    std::optional<int64_t> K = V ? valueOf(W, F) : std::nullopt;
    if (V && K) {
      // A value or lower bound that already rules out K says more than
      // `v != K` (a counter's `i == 0`, `i >= 4`): kept, so that the
      // counter's increments keep counting.
      const Fact *Fv = F.find(V->Var);
      const bool Known =
          !Truth && Fv &&
          ((Fv->Kind == Fact::Equals && Fv->Value != *K) ||
           (Fv->Kind == Fact::AtLeast && Fv->Value > *K));
      if (useful(V->Var, 2) && !Known)
        add(F, {V->Var, nullptr, *K, Truth ? Fact::Equals : Fact::Differs});
      return;
    }
    // An expression without effects against a constant: its value, for a
    // test of it against another (`(m & S_IFMT) == S_IFDIR` after `==
    // S_IFREG`).
    const Operand *X = !L.A.Var && !L.B.Var && L.A.Rec && L.B.Const ? &L.A
                       : !L.A.Var && !L.B.Var && L.B.Rec && L.A.Const
                           ? &L.B
                           : nullptr;
    if (X && X->Rec->E && constView(X->Rec->E, C.Body) && useful(X->Rec, 2) &&
        (!Loop || X->Rec->LocalOnly)) {
      const int64_t K = X == &L.A ? *L.B.Const : *L.A.Const;
      const Fact *Fx = F.find(X->Rec);
      const bool Known = !Truth && Fx && Fx->givesValues() && !Fx->mayBe(K);
      if (!Known)
        add(F, {X->Rec, nullptr, K,
               Truth ? Fact::ExprEquals : Fact::ExprDiffers});
    }
  }
  // A comparison bounding a variable other branches test helps decide
  // those.
  const bool Useful = L.Rec && (useful(L.Rec, 2) ||
                                (L.Rec->BoundVar && useful(L.Rec->BoundVar, 2)));
  // A truth test of an expression whose value the path knows (`*flag ==
  // 0` where `*flag` is 1) learns nothing, and is not to replace the
  // value with its truth.
  if (const Fact *Fx = L.Rec ? F.find(L.Rec) : nullptr;
      Fx && Fx->givesValues())
    return;
  if (Useful && (!Loop || L.Rec->LocalOnly))
    addBound({L.Rec, nullptr, 0, Truth ? Fact::Holds : Fact::Fails}, F);
}

} // namespace clang::tidy::raii
