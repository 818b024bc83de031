//===- PathFacts.cpp - what a path knows about the values its branches test ===//
#include "engine/PathFacts.h"
#include "support/BranchHints.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/Support/MathExtras.h"
#include <limits>

namespace clang::tidy::raii {

const Fact *FactSet::find(const void *Subject) const {
  for (const Fact &F : Facts)
    if (F.Subject == Subject)
      return &F;
  return nullptr;
}

void FactSet::add(const Fact &F) {
  // A subject learnt again is as near as the newest: it goes last.
  for (auto It = Facts.begin(); It != Facts.end(); ++It)
    if (It->Subject == F.Subject) {
      Facts.erase(It);
      Facts.push_back(F);
      return;
    }
  if (Facts.size() == Cap)
    Facts.erase(Facts.begin());
  Facts.push_back(F);
}

static bool equals(Fact::KindT K) {
  return K == Fact::Equals || K == Fact::ExprEquals;
}
static bool differs(Fact::KindT K) {
  return K == Fact::Differs || K == Fact::ExprDiffers;
}

bool FactSet::intersect(const FactSet &O) {
  bool Changed = false;
  llvm::erase_if(Facts, [&](Fact &F) {
    const Fact *G = O.find(F.Subject);
    if (G && *G == F)
      return false;
    // What both say of a variable: `x == -1` on one path and `x != 0` on
    // the other still say `x != 0`.
    if (G && differs(G->Kind) && equals(F.Kind) && F.Value != G->Value) {
      F = *G;
      Changed = true;
      return false;
    }
    if (G && differs(F.Kind) && equals(G->Kind) && F.Value != G->Value)
      return false;
    // What both say of an expression: one of two values, or a value both
    // rule out (`(m & S_IFMT) == S_IFREG` on one path, `== S_IFDIR` on the
    // other: either, and not S_IFLNK).
    if (G && F.givesValues() && G->givesValues()) {
      llvm::SmallVector<int64_t, 4> Vals;
      for (const Fact *X : {static_cast<const Fact *>(&F), G})
        for (int64_t V : {X->Value, X->Kind == Fact::ExprOneOf ? X->Value2
                                                               : X->Value})
          if (!llvm::is_contained(Vals, V))
            Vals.push_back(V);
      if (Vals.size() > 2)
        return true;
      F = Vals.size() == 1
              ? Fact{F.Subject, nullptr, Vals[0], Fact::ExprEquals}
              : Fact{F.Subject, nullptr, Vals[0], Fact::ExprOneOf, Vals[1]};
      Changed = true;
      return false;
    }
    if (G && G->Kind == Fact::ExprDiffers && F.Kind == Fact::ExprOneOf &&
        !F.mayBe(G->Value)) {
      F = *G;
      Changed = true;
      return false;
    }
    if (G && F.Kind == Fact::ExprDiffers && G->Kind == Fact::ExprOneOf &&
        !G->mayBe(F.Value))
      return false;
    // A lower bound both have: `n == 1` and `n == 2` (a counter's value
    // after one round and two) give `n >= 1`.
    auto Low = [](const Fact &X) -> std::optional<int64_t> {
      if (X.Kind == Fact::Equals || X.Kind == Fact::AtLeast)
        return X.Value;
      return std::nullopt;
    };
    if (G && Low(F) && Low(*G)) {
      F = Fact{F.Subject, nullptr, std::min(*Low(F), *Low(*G)),
               Fact::AtLeast};
      Changed = true;
      return false;
    }
    // `n >= 1` and `n != 0`, either way round: `n != 0`.
    if (G && F.Kind == Fact::AtLeast && G->Kind == Fact::Differs &&
        G->Value < F.Value) {
      F = *G;
      Changed = true;
      return false;
    }
    if (G && F.Kind == Fact::Differs && G->Kind == Fact::AtLeast &&
        F.Value < G->Value)
      return false;
    Changed = true;
    return true;
  });
  return Changed;
}

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

unsigned ConditionFacts::testsAhead(const void *Subject, unsigned Now) {
  auto It = Sites.find(Subject);
  if (It == Sites.end())
    return 0;
  // A `goto` back to a label: any branch may come again; where the point
  // is in another file, its position says nothing.
  if (BackwardJump || Now == ~0u)
    return It->second.size();
  unsigned N = 0;
  for (const Expr *Cond : It->second) {
    const Site &At = siteOf(Cond);
    N += At.Offset >= Now ||
         (At.LoopEnd && At.LoopBegin <= Now && Now <= At.LoopEnd);
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
  // Full: the fact fewest branches still ahead test goes (the oldest of
  // those), so that a flag tested at every exit outlives the conditions of
  // a long body in between, and facts no branch will read go first.
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
    const unsigned Now = NowAt ? offsetOf(NowAt) : 0;
    for (const Fact &Old : F.facts())
      if (const unsigned N = testsAhead(Old.Subject, Now); N < Least) {
        Least = N;
        Victim = Old.Subject;
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
  std::optional<int64_t> A = valueOf(L.A, F);
  if (L.Op == BO_Comma) {
    if (A)
      return *A != 0;
    if (const void *S = L.A.Var ? static_cast<const void *>(L.A.Var)
                                : L.A.Rec)
      if (const Fact *V = F.find(S);
          V && differs(V->Kind) && V->Value == 0)
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
        if (differs(Fv->Kind) && WV && *WV == Fv->Value)
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

/// \p E is a truth value of its own: `!x`, a comparison, `&&` / `||`.
static bool isCondition(const Expr *E) {
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_LNot;
  const auto *BO = dyn_cast<BinaryOperator>(E);
  return BO && (BO->isComparisonOp() || BO->isLogicalOp());
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

void ConditionFacts::forget(const Decl *D, FactSet &F) {
  auto Reads = [&](const void *R) {
    return R && llvm::is_contained(static_cast<const Record *>(R)->Reads, D);
  };
  F.forgetIf([&](const Fact &Fa) {
    if (Fa.Subject == D)
      return true;
    if (Fa.Kind == Fact::Holds || Fa.Kind == Fact::Fails ||
        Fa.Kind == Fact::ExprEquals || Fa.Kind == Fact::ExprDiffers ||
        Fa.Kind == Fact::ExprOneOf)
      return Reads(Fa.Subject);
    return Fa.Kind == Fact::Names && Reads(Fa.Other);
  });
}

std::optional<Fact> ConditionFacts::stored(const VarDecl *V,
                                           const Expr *Value,
                                           const FactSet &F) {
  // `p = new T`, which throws rather than give null, and `p = &local`:
  // not null.
  const Expr *Bare = Value->IgnoreParenCasts();
  if (V->getType()->isPointerType()) {
    if (const auto *New = dyn_cast<CXXNewExpr>(Bare);
        New && !New->shouldNullCheckAllocation())
      return Fact{V, nullptr, 0, Fact::Differs};
    // (Not `&*q` nor `&q[0]`, which are q.)
    if (const auto *UO = dyn_cast<UnaryOperator>(Bare);
        UO && UO->getOpcode() == UO_AddrOf && storageRoot(UO->getSubExpr()))
      return Fact{V, nullptr, 0, Fact::Differs};
  }
  const Operand &R = operand(Value);
  if (std::optional<int64_t> K = valueOf(R, F))
    return Fact{V, nullptr, *K, Fact::Equals};
  // `ok = !!term;`, `failed = (rc != 0);` where the path decides the
  // condition: the flag's value.
  if (const Expr *E = Value->IgnoreParenImpCasts();
      isCondition(E) && !F.empty())
    if (std::optional<bool> T = decide(E, F))
      return Fact{V, nullptr, *T ? 1 : 0, Fact::Equals};
  if (!R.Rec)
    return std::nullopt;
  if (!llvm::is_contained(R.Rec->Reads, V))
    return Fact{V, R.Rec, 0, Fact::Names};
  // `r = r->next` where the path tested `r->next`: what it knew of the
  // value read now holds of the variable (the loop `for (r = res; r; r =
  // r->next)` whose continues are guarded by `if (r->next)` goes round
  // with r not null). A conversion that may change the truth, no.
  const QualType From = Value->IgnoreParenImpCasts()->getType();
  if (V->getType()->isPointerType() ||
      V->getType().getCanonicalType().getUnqualifiedType() ==
          From.getCanonicalType().getUnqualifiedType())
    if (std::optional<bool> T = truthOf(R.Rec, F))
      return Fact{V, nullptr, 0, *T ? Fact::Differs : Fact::Equals};
  return std::nullopt;
}

void ConditionFacts::write(const Expr *LHS, const Stmt *Op, FactSet &F) {
  LHS = LHS->IgnoreParenImpCasts();
  // A store that may reach a cell.
  if (!Cells.empty() && !F.empty()) {
    llvm::SmallVector<const VarDecl *, 2> Hit;
    cellsStoredTo(LHS, Hit);
    forgetReading(Hit, F);
  }
  if (const auto *ME = dyn_cast<MemberExpr>(LHS)) {
    if (!F.empty())
      forget(ME->getMemberDecl()->getCanonicalDecl(), F);
    return;
  }
  const auto *UO = dyn_cast<UnaryOperator>(LHS);
  const auto *AS = dyn_cast<ArraySubscriptExpr>(LHS);
  if ((UO && UO->getOpcode() == UO_Deref) || AS) {
    // What was read through the pointer (`if (*p == 1)`, `if (q[0])`).
    if (const auto *Base = dyn_cast<DeclRefExpr>(
            (UO ? UO->getSubExpr() : AS->getBase())->IgnoreParenImpCasts());
        Base && !F.empty())
      if (const auto *V = dyn_cast<VarDecl>(Base->getDecl())) {
        const VarDecl *Q = cast<VarDecl>(V->getCanonicalDecl());
        forgetReading(Q, F);
      }
    // `*status = 1;` of a cell parameter: the value, for the tests of
    // `*status` after it (rsyslog's `*pbMustBeFreed = 1` ... `if
    // (*pbMustBeFreed == 1) free(pRes);`).
    const auto *BO = dyn_cast_or_null<BinaryOperator>(Op);
    if (UO && BO && BO->getOpcode() == BO_Assign && cellOf(UO, C.Body))
      if (const Record *R = record(UO); R && useful(R, 1))
        if (std::optional<int64_t> K = valueOf(operand(BO->getRHS()), F))
          add(F, {R, nullptr, *K, Fact::ExprEquals});
    return;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(LHS);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V)
    return;
  V = cast<VarDecl>(V->getCanonicalDecl());
  std::optional<Fact> New;
  if (Op && useful(V, 1) && tracked(V)) {
    std::optional<int64_t> Old, Least;
    bool Nonzero = false;
    if (const Fact *Fv = F.find(V); Fv && Fv->Kind == Fact::Equals)
      Old = Fv->Value;
    else if (Fv && Fv->Kind == Fact::AtLeast)
      Least = Fv->Value;
    else if (Fv && Fv->Kind == Fact::Differs && Fv->Value == 0)
      Nonzero = true;
    // A counter only ever counted up keeps its lower bound (down, it
    // would lose one more each round of a loop: forgotten instead).
    auto Up = [&](int64_t By) -> std::optional<Fact> {
      if (By < 0 || *Least > std::numeric_limits<int64_t>::max() - By)
        return std::nullopt;
      return Fact{V, nullptr, *Least + By, Fact::AtLeast};
    };
    if (const auto *BO = dyn_cast<BinaryOperator>(Op)) {
      if (BO->getOpcode() == BO_Assign) {
        New = stored(V, BO->getRHS(), F);
      } else if (BO->getOpcode() == BO_AddAssign ||
                 BO->getOpcode() == BO_SubAssign) {
        std::optional<int64_t> K = valueOf(operand(BO->getRHS()), F);
        if (Old && K)
          New = Fact{V, nullptr,
                     BO->getOpcode() == BO_AddAssign ? *Old + *K : *Old - *K,
                     Fact::Equals};
        else if (Least && K && BO->getOpcode() == BO_AddAssign)
          New = Up(*K);
      } else if (BO->getOpcode() == BO_MulAssign ||
                 BO->getOpcode() == BO_ShlAssign) {
        // A size doubled (`size *= 2`, `n <<= 1`) stays as far from zero
        // as it was (a value that would wrap aside).
        const bool Mul = BO->getOpcode() == BO_MulAssign;
        std::optional<int64_t> K = valueOf(operand(BO->getRHS()), F);
        if (K && (Mul ? *K >= 1 : *K >= 0 && *K < 32)) {
          const int64_t Times = Mul ? *K : int64_t(1) << *K;
          int64_t Product = 0;
          if (Old && !llvm::MulOverflow(*Old, Times, Product))
            New = Fact{V, nullptr, Product, Fact::Equals};
          else if (Least && *Least >= 1)
            New = Fact{V, nullptr, *Least, Fact::AtLeast};
          else if (Nonzero)
            New = Fact{V, nullptr, 0, Fact::Differs};
        }
      }
    } else if (const auto *UO = dyn_cast<UnaryOperator>(Op);
               UO && !V->getType()->isPointerType()) {
      if (Old)
        New = Fact{V, nullptr, UO->isIncrementOp() ? *Old + 1 : *Old - 1,
                   Fact::Equals};
      else if (Least && UO->isIncrementOp())
        New = Up(1);
    }
  }
  forget(V, F);
  if (New)
    add(F, *New);
}

void ConditionFacts::prepare(llvm::DenseSet<const Stmt *> E,
                             llvm::ArrayRef<const Expr *> Branches) {
  Elements = std::move(E);
  prepareCells();
  for (const Expr *Cond : Branches) {
    // A branch in a loop is tested again by the next iteration.
    const unsigned Times = C.Body.enclosingLoop(Cond) ? 2 : 1;
    auto Count = [&](const void *Subject) {
      Tested[Subject] += Times;
      Sites[Subject].push_back(Cond);
    };
    const Leaf &L = leaf(Cond);
    if (L.Rec)
      Count(L.Rec);
    if (L.A.Var)
      Count(L.A.Var);
    if (L.B.Var)
      Count(L.B.Var);
    // An expression compared with a constant: its value decides the
    // other comparisons of it.
    if (L.Op == BO_EQ && L.A.Rec && L.B.Const)
      Count(L.A.Rec);
    if (L.Op == BO_EQ && L.B.Rec && L.A.Const)
      Count(L.B.Rec);
    if (L.Rec)
      for (const Decl *D : L.Rec->Reads)
        if (D != L.A.Var && D != L.B.Var)
          Count(D);
  }
  // A condition stored in a variable a branch tests (`ok = !!term; ..
  // if (!ok)`) is tested there too: what decides it is worth keeping.
  if (Tested.empty())
    return;
  auto Flag = [&](const VarDecl *V, const Expr *Value) {
    const Expr *E = Value->IgnoreParenImpCasts();
    auto It = Sites.find(V->getCanonicalDecl());
    if (!Tested.count(V->getCanonicalDecl()) || !isCondition(E) ||
        It == Sites.end())
      return;
    // Tested where the flag is.
    const llvm::SmallVector<const Expr *, 2> At = It->second;
    const Leaf &L = leaf(E);
    for (const void *Op : {static_cast<const void *>(L.A.Var),
                           static_cast<const void *>(L.B.Var),
                           static_cast<const void *>(L.Rec)})
      if (Op) {
        ++Tested[Op];
        Sites[Op].append(At.begin(), At.end());
      }
  };
  for (const Stmt *S : Elements) {
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign) {
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          Flag(V, BO->getRHS());
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit())
          Flag(V, V->getInit());
    }
  }
}

llvm::ArrayRef<ConditionFacts::Effect>
ConditionFacts::writesOf(const Stmt *S) {
  // An element is applied once per path and visit: what it writes, in
  // order, is found once.
  auto [It, New] = Effects.try_emplace(S);
  if (New)
    effects(S, /*Top=*/true, /*Maybe=*/false, It->second);
  return It->second;
}

void ConditionFacts::apply(const Stmt *S, FactSet &F) {
  llvm::ArrayRef<Effect> Es = writesOf(S);
  if (!Es.empty())
    NowAt = S;
  for (const Effect &E : Es)
    replay(E, F);
}

void ConditionFacts::effects(const Stmt *S, bool Top, bool Maybe,
                             llvm::SmallVectorImpl<Effect> &Out) const {
  // A sub-expression that is an element of its own is applied as one; a
  // nested function is another function.
  if (!S || (!Top && Elements.count(S)) || isa<LambdaExpr, BlockExpr>(S))
    return;
  // Children first (an assignment stores after its operands), and what
  // only some evaluations run (an arm of `?:`, the right of `&&`) writes
  // without a value.
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(S)) {
    effects(CO->getCond(), false, Maybe, Out);
    effects(CO->getTrueExpr(), false, true, Out);
    effects(CO->getFalseExpr(), false, true, Out);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(S);
             BO && BO->isLogicalOp()) {
    effects(BO->getLHS(), false, Maybe, Out);
    effects(BO->getRHS(), false, true, Out);
  } else if (!isa<StmtExpr>(S)) {
    for (const Stmt *C : S->children())
      effects(C, false, Maybe, Out);
  }
  // `lookup(tree, key, &e)` may write e: a write of no known value.
  // `set_status(status)`, `Setter s(status)` may write a cell
  // (PathFactsCells.cpp).
  auto MayWriteCells = [&](const Expr *Arg) {
    if (Cells.empty())
      return;
    llvm::SmallVector<const VarDecl *, 2> Hit;
    cellsOfArgument(Arg, Hit);
    if (!Hit.empty())
      Out.push_back({Arg, true, /*Passed=*/true});
  };
  if (const auto *Call = dyn_cast<CallExpr>(S))
    for (const Expr *Arg : Call->arguments()) {
      if (BodyIndex::outArgument(Arg))
        Out.push_back({Arg->IgnoreParenCasts(), true});
      MayWriteCells(Arg);
    }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
    for (const Expr *Arg : CE->arguments())
      MayWriteCells(Arg);
  const auto *BO = dyn_cast<BinaryOperator>(S);
  const auto *UO = dyn_cast<UnaryOperator>(S);
  if ((BO && BO->isAssignmentOp()) || (UO && UO->isIncrementDecrementOp()) ||
      isa<DeclStmt>(S))
    Out.push_back({S, Maybe});
  // `p->next`, `*p` on every evaluation: p is not null after it.
  if (!Maybe)
    if (const VarDecl *P = dereferenced(S); P && useful(P, 1) && tracked(P))
      Out.push_back({S, false});
}

const VarDecl *ConditionFacts::dereferenced(const Stmt *S) {
  const Expr *Base = nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(S); ME && ME->isArrow())
    Base = ME->getBase();
  else if (const auto *UO = dyn_cast<UnaryOperator>(S);
           UO && UO->getOpcode() == UO_Deref)
    Base = UO->getSubExpr();
  const auto *DRE =
      Base ? dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts()) : nullptr;
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && V->getType()->isPointerType()
             ? cast<VarDecl>(V->getCanonicalDecl())
             : nullptr;
}

void ConditionFacts::replay(const Effect &E, FactSet &F) {
  if (E.Passed) {
    llvm::SmallVector<const VarDecl *, 2> Hit;
    cellsOfArgument(cast<Expr>(E.S), Hit);
    forgetReading(Hit, F);
  } else if (const VarDecl *P = dereferenced(E.S)) {
    if (!F.find(P))
      add(F, {P, nullptr, 0, Fact::Differs});
  } else if (const auto *BO = dyn_cast<BinaryOperator>(E.S)) {
    write(BO->getLHS(), E.Maybe ? nullptr : BO, F);
  } else if (const auto *UO = dyn_cast<UnaryOperator>(E.S)) {
    write(UO->getSubExpr(), E.Maybe ? nullptr : UO, F);
  } else {
    for (const Decl *D : cast<DeclStmt>(E.S)->decls()) {
      const auto *V = dyn_cast<VarDecl>(D);
      if (!V)
        continue;
      V = cast<VarDecl>(V->getCanonicalDecl());
      forget(V, F);
      if (E.Maybe || !useful(V, 1) || !tracked(V) || !V->getInit())
        continue;
      if (std::optional<Fact> New = stored(V, V->getInit(), F))
        add(F, *New);
    }
  }
}

} // namespace clang::tidy::raii
