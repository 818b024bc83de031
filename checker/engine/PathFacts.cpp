//===- PathFacts.cpp - what a path knows about the values its branches test ===//
#include "engine/PathFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
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
  for (Fact &Old : Facts)
    if (Old.Subject == F.Subject) {
      Old = F;
      return;
    }
  if (Facts.size() == Cap)
    Facts.erase(Facts.begin());
  Facts.push_back(F);
}

bool FactSet::intersect(const FactSet &O) {
  bool Changed = false;
  llvm::erase_if(Facts, [&](Fact &F) {
    const Fact *G = O.find(F.Subject);
    if (G && *G == F)
      return false;
    // What both say of a variable: `x == -1` on one path and `x != 0` on
    // the other still say `x != 0`.
    if (G && G->Kind == Fact::Differs && F.Kind == Fact::Equals &&
        F.Value != G->Value) {
      F = *G;
      Changed = true;
      return false;
    }
    if (G && F.Kind == Fact::Differs && G->Kind == Fact::Equals &&
        F.Value != G->Value)
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

/// The value \p E tests: `(b = a)` tests what `a` holds, when the
/// assignment converts nothing that could change it (both pointers, or one
/// integer type, and no bit-field).
static const Expr *testedValue(const Expr *E) {
  for (;;) {
    E = E->IgnoreParenImpCasts();
    const auto *BO = dyn_cast<BinaryOperator>(E);
    if (!BO || BO->getOpcode() != BO_Assign)
      return E;
    QualType L = BO->getLHS()->getType();
    const Expr *RHS = BO->getRHS()->IgnoreParenImpCasts();
    QualType RV = RHS->getType();
    bool Same = (L->isPointerType() && RV->isPointerType()) ||
                (L->isIntegerType() && !L->isBooleanType() &&
                 L.getCanonicalType().getUnqualifiedType() ==
                     RV.getCanonicalType().getUnqualifiedType());
    const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts());
    const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (!Same || (FD && FD->isBitField())) // a bit-field truncates
      return E;
    E = RHS;
  }
}

bool ConditionFacts::tracked(const VarDecl *V) const {
  if (!V || !V->hasLocalStorage() || V->isStaticLocal())
    return false;
  return isScalarValue(V->getType()) && C.Body.writtenByNameOrCalls(V);
}

ConditionFacts::Record *
ConditionFacts::intern(const llvm::FoldingSetNodeID &ID,
                       llvm::ArrayRef<const Expr *> Parts) {
  auto &Bucket = ByHash[ID.ComputeHash()];
  for (Record *R : Bucket)
    if (R->ID == ID)
      return R;
  Record R;
  for (const Expr *P : Parts)
    if (!readsWithoutEffects(P, &Values, R.Reads))
      return nullptr;
  // A local whose writes the body does not all show (its address taken,
  // other than for a call to write it) may change behind the facts' back.
  for (const Decl *D : R.Reads) {
    const auto *V = dyn_cast<VarDecl>(D);
    if (V && V->hasLocalStorage() && !C.Body.writtenByNameOrCalls(V))
      return nullptr;
    if (!V || !V->hasLocalStorage())
      R.LocalOnly &= V && V->getType().isConstQualified();
  }
  R.ID = ID;
  if (Parts.size() == 1)
    R.E = Parts.front();
  Records.push_back(std::move(R));
  Bucket.push_back(&Records.back());
  return &Records.back();
}

const ConditionFacts::Record *ConditionFacts::record(const Expr *E) {
  llvm::FoldingSetNodeID ID;
  E->IgnoreParenImpCasts()->Profile(ID, C.Ctx, /*Canonical=*/true);
  return intern(ID, E);
}

ConditionFacts::Record *
ConditionFacts::comparison(BinaryOperatorKind Op, const Expr *L,
                           const Expr *R) {
  llvm::FoldingSetNodeID IL, IR, ID;
  L->IgnoreParenImpCasts()->Profile(IL, C.Ctx, /*Canonical=*/true);
  R->IgnoreParenImpCasts()->Profile(IR, C.Ctx, /*Canonical=*/true);
  // `a == b` and `b == a` are one condition.
  if (Op == BO_EQ && IR.ComputeHash() < IL.ComputeHash())
    std::swap(IL, IR);
  ID.AddInteger(unsigned(Op));
  ID.AddNodeID(IL);
  ID.AddNodeID(IR);
  const Expr *Parts[] = {L, R};
  return intern(ID, Parts);
}

const ConditionFacts::Record *ConditionFacts::bitTest(const Expr *X,
                                                     uint64_t Bit) {
  llvm::FoldingSetNodeID ID;
  ID.AddInteger(unsigned(BO_And));
  ID.AddInteger(Bit);
  X->IgnoreParenImpCasts()->Profile(ID, C.Ctx, /*Canonical=*/true);
  return intern(ID, X);
}

/// \p E is `x & K` or `K & x` with K a constant of one bit: x, and K in
/// \p Bit.
static const Expr *bitTested(const Expr *E, ASTContext &Ctx, uint64_t &Bit) {
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (!BO || BO->getOpcode() != BO_And)
    return nullptr;
  const Expr *X = BO->getLHS();
  std::optional<int64_t> K = constantValue(BO->getRHS(), Ctx);
  if (!K) {
    X = BO->getRHS();
    K = constantValue(BO->getLHS(), Ctx);
  }
  if (!K || *K <= 0 || !llvm::isPowerOf2_64(uint64_t(*K)))
    return nullptr;
  Bit = uint64_t(*K);
  return X;
}

const ConditionFacts::Operand &ConditionFacts::operand(const Expr *E) {
  auto It = Operands.find(E);
  if (It != Operands.end())
    return It->second;
  Operand O;
  const Expr *S = testedValue(E);
  if (std::optional<int64_t> K = constantValue(E, C.Ctx)) {
    O.Const = K;
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
      if (tracked(V))
        O.Var = cast<VarDecl>(V->getCanonicalDecl());
      else if (!V->hasLocalStorage())
        O.Const = Values.valueOf(V);
    }
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    O.Const = Values.returnedBy(Call->getDirectCallee());
  }
  if (!O.Const)
    O.Rec = record(E);
  return Operands[E] = O;
}

const ConditionFacts::Leaf &ConditionFacts::leaf(const Expr *Cond) {
  auto It = Leaves.find(Cond);
  if (It != Leaves.end())
    return It->second;
  Leaf L;
  const Expr *E = Cond;
  for (;;) {
    E = testedValue(E);
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_LNot) {
      L.Neg = !L.Neg;
      E = UO->getSubExpr();
      continue;
    }
    const auto *BO = dyn_cast<BinaryOperator>(E);
    if (!BO || (BO->getOpcode() != BO_EQ && BO->getOpcode() != BO_NE))
      break;
    // `e == 0`, `e != NULL`: a truth test of e.
    std::optional<int64_t> KL = constantValue(BO->getLHS(), C.Ctx);
    std::optional<int64_t> KR = constantValue(BO->getRHS(), C.Ctx);
    if (KR && *KR == 0 && !KL)
      E = BO->getLHS();
    else if (KL && *KL == 0 && !KR)
      E = BO->getRHS();
    else
      break;
    if (BO->getOpcode() == BO_EQ)
      L.Neg = !L.Neg;
  }
  uint64_t Bit = 0;
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (const Expr *X = bitTested(E, C.Ctx, Bit)) {
    // Both sides are computed in one promoted type, so bit K of `~x` is
    // the negation of bit K of x.
    X = X->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(X);
        UO && UO->getOpcode() == UO_Not) {
      L.Neg = !L.Neg;
      X = UO->getSubExpr();
    }
    L.A.Rec = bitTest(X, Bit);
    L.Rec = L.A.Rec;
  } else if (BO && BO->isComparisonOp() && BO->getOpcode() != BO_Cmp) {
    // Every relation as `==` or `<`: `a > b` is `b < a`, `a >= b` is
    // `!(a < b)`, `a <= b` is `!(b < a)`.
    const Expr *A = BO->getLHS(), *B = BO->getRHS();
    BinaryOperatorKind Op = BO->getOpcode();
    L.Op = Op == BO_EQ || Op == BO_NE ? BO_EQ : BO_LT;
    if (Op == BO_NE || Op == BO_GE || Op == BO_LE)
      L.Neg = !L.Neg;
    if (Op == BO_GT || Op == BO_LE)
      std::swap(A, B);
    L.A = operand(A);
    L.B = operand(B);
    L.AE = A;
    L.BE = B;
    Record *R = comparison(L.Op, A, B);
    L.Rec = R;
    const Operand &V = L.A.Var ? L.A : L.B, &K = L.A.Var ? L.B : L.A;
    if (V.Var && K.Const && boundable(BO, V.Var, *K.Const)) {
      L.Bounded = V.Var;
      if (L.Op == BO_LT && R) {
        R->BoundVar = V.Var;
        R->BoundK = *K.Const;
        R->VarFirst = &V == &L.A;
      }
    }
  } else {
    L.A = operand(E);
    L.Rec = L.A.Rec;
    if (L.A.Var && L.A.Var->getType()->isIntegerType())
      L.Bounded = L.A.Var;
  }
  return Leaves[Cond] = L;
}

bool ConditionFacts::boundable(const BinaryOperator *BO, const VarDecl *V,
                               int64_t K) const {
  // Both operands have the comparison's type once converted.
  QualType T = BO->getLHS()->getType(), VT = V->getType();
  if (!T->isIntegerType() || !VT->isIntegerType() || T->isBooleanType() ||
      VT->isBooleanType())
    return false;
  const bool TS = T->isSignedIntegerOrEnumerationType();
  const bool VS = VT->isSignedIntegerOrEnumerationType();
  if (TS == VS)
    return TS || K >= 0;
  // An unsigned variable promoted to a wider signed type keeps its value.
  return TS && C.Ctx.getIntWidth(VT) < C.Ctx.getIntWidth(T);
}

std::optional<bool> ConditionFacts::decideByBounds(const Leaf &L,
                                                   const FactSet &F) {
  const VarDecl *V = L.Bounded;
  int64_t Lo = std::numeric_limits<int64_t>::min();
  int64_t Hi = std::numeric_limits<int64_t>::max();
  bool Any = false;
  for (const Fact &Fa : F.facts()) {
    if (Fa.Subject == V && Fa.Kind == Fact::Equals) {
      Lo = std::max(Lo, Fa.Value);
      Hi = std::min(Hi, Fa.Value);
      Any = true;
      continue;
    }
    if (Fa.Subject == V && Fa.Kind == Fact::AtLeast) {
      Lo = std::max(Lo, Fa.Value);
      Any = true;
      continue;
    }
    if (Fa.Kind != Fact::Holds && Fa.Kind != Fact::Fails)
      continue;
    const auto *R = static_cast<const Record *>(Fa.Subject);
    if (R->BoundVar != V)
      continue;
    const bool T = Fa.Kind == Fact::Holds;
    const int64_t K = R->BoundK;
    Any = true;
    // V < K holds: V <= K - 1; fails: V >= K. K < V holds: V >= K + 1;
    // fails: V <= K.
    if (R->VarFirst == T) {
      if (T && K == std::numeric_limits<int64_t>::min())
        return std::nullopt; // no value is below: the path is dead
      Hi = std::min(Hi, T ? K - 1 : K);
    } else {
      if (T && K == std::numeric_limits<int64_t>::max())
        return std::nullopt;
      Lo = std::max(Lo, T ? K + 1 : K);
    }
  }
  if (!Any)
    return std::nullopt;
  if (const Fact *D = F.find(V); D && D->Kind == Fact::Differs) {
    if (D->Value == Lo && Lo < Hi)
      ++Lo;
    else if (D->Value == Hi && Lo < Hi)
      --Hi;
  }
  if (Lo > Hi)
    return std::nullopt; // contradictory: leave it to the other rules
  if (L.Op == BO_Comma) {
    if (Lo > 0 || Hi < 0)
      return true;
    if (Lo == 0 && Hi == 0)
      return false;
    return std::nullopt;
  }
  const bool VarFirst = L.A.Var == V;
  const int64_t K = VarFirst ? *L.B.Const : *L.A.Const;
  if (L.Op == BO_EQ) {
    if (K < Lo || K > Hi)
      return false;
    if (Lo == Hi)
      return true;
    return std::nullopt;
  }
  // V < K, or K < V.
  if (VarFirst ? Hi < K : Lo > K)
    return true;
  if (VarFirst ? Lo >= K : Hi <= K)
    return false;
  return std::nullopt;
}

std::optional<int64_t> ConditionFacts::valueOf(const Operand &O,
                                               const FactSet &F) {
  if (O.Const)
    return O.Const;
  if (O.Var)
    if (const Fact *V = F.find(O.Var); V && V->Kind == Fact::Equals)
      return V->Value;
  return std::nullopt;
}

std::optional<bool> ConditionFacts::decideLeaf(const Leaf &L,
                                               const FactSet &F) {
  std::optional<int64_t> A = valueOf(L.A, F);
  if (L.Op == BO_Comma) {
    if (A)
      return *A != 0;
    if (L.A.Var)
      if (const Fact *V = F.find(L.A.Var); V && V->Kind == Fact::Differs &&
                                           V->Value == 0)
        return true;
  } else {
    std::optional<int64_t> B = valueOf(L.B, F);
    if (A && B)
      return L.Op == BO_EQ ? *A == *B : *A < *B;
    if (L.Op == BO_EQ) {
      // `v == k` where v is known not to be k; `v == e` where v holds e.
      auto Against = [&](const Operand &V, const Operand &W,
                         std::optional<int64_t> WV) -> std::optional<bool> {
        if (!V.Var)
          return std::nullopt;
        const Fact *Fv = F.find(V.Var);
        if (!Fv)
          return std::nullopt;
        if (Fv->Kind == Fact::Differs && WV && *WV == Fv->Value)
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

std::optional<bool> ConditionFacts::decide(const Expr *Cond,
                                           const FactSet &F) {
  const Leaf &L = leaf(Cond);
  std::optional<bool> V = decideLeaf(L, F);
  if (V && L.Neg)
    V = !*V;
  return V;
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
    F.add(Fa);
}

void ConditionFacts::assume(const Expr *Cond, bool Branch, FactSet &F,
                            bool Loop) {
  // A copy: flagsOf may add leaves to the map.
  const Leaf L = leaf(Cond);
  const bool Truth = Branch != L.Neg;
  flagsOf(L, Truth, F);
  // `int fd = f->fd; if (fd < 0) ..`: also a test of `f->fd < 0`, for a
  // branch that tests that.
  if (const Record *S = throughCopy(L, F);
      S && useful(S, 1) && (!Loop || S->LocalOnly))
    F.add({S, nullptr, 0, Truth ? Fact::Holds : Fact::Fails});
  if (L.Op == BO_Comma && L.A.Var) {
    if (!useful(L.A.Var, 2))
      return;
    if (const Fact *V = F.find(L.A.Var);
        Truth && V && V->Kind == Fact::Equals)
      return; // already known, and more precisely
    F.add({L.A.Var, nullptr, 0, Truth ? Fact::Differs : Fact::Equals});
    return;
  }
  if (L.Op == BO_EQ) {
    const Operand *V = L.A.Var ? &L.A : L.B.Var ? &L.B : nullptr;
    const Operand &W = V == &L.A ? L.B : L.A;
    std::optional<int64_t> K = V ? valueOf(W, F) : std::nullopt;
    if (V && K) {
      if (useful(V->Var, 2))
        F.add({V->Var, nullptr, *K, Truth ? Fact::Equals : Fact::Differs});
      return;
    }
  }
  // A comparison bounding a variable other branches test helps decide
  // those.
  const bool Useful = L.Rec && (useful(L.Rec, 2) ||
                                (L.Rec->BoundVar && useful(L.Rec->BoundVar, 2)));
  if (Useful && (!Loop || L.Rec->LocalOnly))
    addBound({L.Rec, nullptr, 0, Truth ? Fact::Holds : Fact::Fails}, F);
}

/// The bound fact \p Fa puts on its record's variable: an upper bound (true)
/// or a lower one, and its value; nullopt when it is not a bound or its
/// value would overflow.
static std::optional<std::pair<bool, int64_t>>
boundOf(const Fact &Fa, const VarDecl *Var, int64_t K, bool VarFirst) {
  if (!Var || (Fa.Kind != Fact::Holds && Fa.Kind != Fact::Fails))
    return std::nullopt;
  const bool T = Fa.Kind == Fact::Holds;
  if (K == std::numeric_limits<int64_t>::min() ||
      K == std::numeric_limits<int64_t>::max())
    return std::nullopt;
  if (VarFirst) // V < K
    return std::make_pair(T, T ? K - 1 : K);
  return std::make_pair(!T, T ? K + 1 : K); // K < V
}

void ConditionFacts::addBound(const Fact &New, FactSet &F) {
  const auto *R = static_cast<const Record *>(New.Subject);
  auto NewB = boundOf(New, R->BoundVar, R->BoundK, R->VarFirst);
  if (!NewB || F.find(R))
    return F.add(New);
  // One bound per side and variable: an else-if ladder (`n < 1`, `n < 2`,
  // ...) would otherwise fill the set and push out older facts.
  bool Weaker = false;
  F.forgetIf([&](const Fact &Old) {
    if (Old.Kind != Fact::Holds && Old.Kind != Fact::Fails)
      return false;
    const auto *O = static_cast<const Record *>(Old.Subject);
    if (O->BoundVar != R->BoundVar)
      return false;
    auto OldB = boundOf(Old, O->BoundVar, O->BoundK, O->VarFirst);
    if (!OldB || OldB->first != NewB->first)
      return false;
    const bool OldStronger = NewB->first ? OldB->second <= NewB->second
                                         : OldB->second >= NewB->second;
    Weaker |= OldStronger;
    return !OldStronger;
  });
  if (!Weaker)
    F.add(New);
}

void ConditionFacts::forget(const Decl *D, FactSet &F) {
  auto Reads = [&](const void *R) {
    return R && llvm::is_contained(static_cast<const Record *>(R)->Reads, D);
  };
  F.forgetIf([&](const Fact &Fa) {
    if (Fa.Subject == D)
      return true;
    if (Fa.Kind == Fact::Holds || Fa.Kind == Fact::Fails)
      return Reads(Fa.Subject);
    return Fa.Kind == Fact::Names && Reads(Fa.Other);
  });
}

std::optional<Fact> ConditionFacts::stored(const VarDecl *V,
                                           const Expr *Value,
                                           const FactSet &F) {
  const Operand &R = operand(Value);
  if (std::optional<int64_t> K = valueOf(R, F))
    return Fact{V, nullptr, *K, Fact::Equals};
  if (R.Rec && !llvm::is_contained(R.Rec->Reads, V))
    return Fact{V, R.Rec, 0, Fact::Names};
  return std::nullopt;
}

void ConditionFacts::write(const Expr *LHS, const Stmt *Op, FactSet &F) {
  LHS = LHS->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(LHS)) {
    if (!F.empty())
      forget(ME->getMemberDecl()->getCanonicalDecl(), F);
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
    if (const Fact *Fv = F.find(V); Fv && Fv->Kind == Fact::Equals)
      Old = Fv->Value;
    else if (Fv && Fv->Kind == Fact::AtLeast)
      Least = Fv->Value;
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
    F.add(*New);
}

void ConditionFacts::prepare(llvm::DenseSet<const Stmt *> E,
                             llvm::ArrayRef<const Expr *> Branches) {
  Elements = std::move(E);
  for (const Expr *Cond : Branches) {
    // A branch in a loop is tested again by the next iteration.
    unsigned Times = 1;
    for (const Stmt *P = C.Body.parent(Cond); P && Times == 1;
         P = C.Body.parent(P))
      if (isa<WhileStmt, ForStmt, DoStmt, CXXForRangeStmt>(P))
        Times = 2;
    const Leaf &L = leaf(Cond);
    if (L.Rec)
      Tested[L.Rec] += Times;
    if (L.A.Var)
      Tested[L.A.Var] += Times;
    if (L.B.Var)
      Tested[L.B.Var] += Times;
    if (L.Rec)
      for (const Decl *D : L.Rec->Reads)
        if (D != L.A.Var && D != L.B.Var)
          Tested[D] += Times;
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
  for (const Effect &E : writesOf(S))
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
  if (const auto *Call = dyn_cast<CallExpr>(S))
    for (const Expr *Arg : Call->arguments())
      if (BodyIndex::outArgument(Arg))
        Out.push_back({Arg->IgnoreParenCasts(), true});
  const auto *BO = dyn_cast<BinaryOperator>(S);
  const auto *UO = dyn_cast<UnaryOperator>(S);
  if ((BO && BO->isAssignmentOp()) || (UO && UO->isIncrementDecrementOp()) ||
      isa<DeclStmt>(S))
    Out.push_back({S, Maybe});
}

void ConditionFacts::replay(const Effect &E, FactSet &F) {
  if (const auto *BO = dyn_cast<BinaryOperator>(E.S)) {
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
        F.add(*New);
    }
  }
}

} // namespace clang::tidy::raii
