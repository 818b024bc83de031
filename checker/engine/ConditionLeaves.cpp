//===- ConditionLeaves.cpp - branch conditions as normalised leaves ------===//
#include "engine/PathFacts.h"
#include "support/BranchHints.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/Support/MathExtras.h"
#include <functional>
#include <limits>

namespace clang::tidy::raii {

/// The value \p E tests: `(b = f(..))` tests what the local `b` holds
/// from then on; `(b = a)`, `(b = c = f(..))`, or b no local, what the
/// right side holds, when the assignment converts nothing that could
/// change it (both pointers, or one integer type, and no bit-field).
/// \p Truth: only E's truth is tested (a conversion to bool is seen
/// through).
static const Expr *testedValue(const Expr *E, bool Truth) {
  for (;;) {
    E = Truth ? ignoreTruthHints(E) : ignoreBranchHints(E);
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
    // `if (!(fp = fdopen(fd, "r")))`: the local, which keeps the value the
    // branch saw for the branches after it (`if (fp) fclose(fp);`); but
    // `(t = c)` tests c, which other branches test too.
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
        DRE && isa<VarDecl>(DRE->getDecl()) &&
        cast<VarDecl>(DRE->getDecl())->hasLocalStorage() &&
        isa<CallExpr>(ignoreBranchHints(RHS)))
      return DRE;
    E = RHS;
  }
}

bool ConditionFacts::tracked(const VarDecl *V) const {
  if (!V || !V->hasLocalStorage() || V->isStaticLocal())
    return false;
  return isScalarValue(V->getType()) &&
         (C.Body.writtenByNameOrCalls(V) || C.Body.lentToCalls(V));
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
  // A local struct is read by its fields (`cfg.file`, nvme-cli's options
  // filled through `&cfg.file`): as fields reached through a pointer,
  // unchanged by the calls in between but those given its address,
  // forgotten where the body writes them.
  for (const Decl *D : R.Reads) {
    const auto *V = dyn_cast<VarDecl>(D);
    const bool Aggregate = V && V->hasLocalStorage() &&
                           V->getType()->isRecordType() &&
                           aggregateShown(cast<VarDecl>(V->getCanonicalDecl()));
    if (V && V->hasLocalStorage() && !Aggregate &&
        !C.Body.writtenByNameOrCalls(V) && !C.Body.lentToCalls(V))
      return nullptr;
    if (!V || !V->hasLocalStorage() || Aggregate)
      R.LocalOnly &= V && !Aggregate && V->getType().isConstQualified();
  }
  R.ID = ID;
  if (Parts.size() == 1)
    R.E = Parts.front();
  Records.push_back(std::move(R));
  Bucket.push_back(&Records.back());
  return &Records.back();
}

const VarDecl *ConditionFacts::aggregateAddressed(const Expr *Arg) {
  const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return nullptr;
  const Expr *E = UO->getSubExpr()->IgnoreParens();
  while (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (ME->isArrow())
      return nullptr;
    E = ME->getBase()->IgnoreParens();
  }
  const auto *R = dyn_cast<DeclRefExpr>(E);
  const auto *V = R ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
  return V && V->hasLocalStorage() && V->getType()->isRecordType()
             ? cast<VarDecl>(V->getCanonicalDecl())
             : nullptr;
}

bool ConditionFacts::aggregateShown(const VarDecl *V) {
  auto [It, New] = ShownAggregates.try_emplace(V, true);
  if (!New)
    return It->second;
  bool Shown = true;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || !Shown)
      return;
    if (const auto *R = dyn_cast<DeclRefExpr>(S);
        R && R->getDecl()->getCanonicalDecl() == V) {
      const Stmt *Child = nullptr;
      const Stmt *Up = C.Body.valueParent(R, &Child);
      // An address given straight to a call.
      auto GivenToCall = [&](const UnaryOperator *UO) {
        const Stmt *AddrChild = nullptr;
        const auto *Call = dyn_cast_or_null<CallExpr>(
            C.Body.valueParent(UO, &AddrChild));
        return Call && llvm::is_contained(Call->arguments(), AddrChild);
      };
      // `o.f`, `a = o` (read whole), `o = b`.
      if (const auto *ME = dyn_cast_or_null<MemberExpr>(Up);
          ME && !ME->isArrow()) {
        const Stmt *Above = C.Body.valueParent(ME);
        while (const auto *In = dyn_cast_or_null<MemberExpr>(Above)) {
          if (In->isArrow())
            break;
          Above = C.Body.valueParent(In);
        }
        // A field's address given to a call, or kept in a table a call
        // gets (`{"data", &cfg.file}`): not in a pointer the body writes
        // through (`int *on = &o.on; *on = 0;`).
        const auto *UO = dyn_cast_or_null<UnaryOperator>(Above);
        if (!UO || UO->getOpcode() != UO_AddrOf || GivenToCall(UO) ||
            isa_and_nonnull<InitListExpr>(C.Body.valueParent(UO)))
          return;
        Shown = false;
        return;
      }
      if (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(
              C.Body.parent(R));
          IC && IC->getCastKind() == CK_LValueToRValue)
        return;
      if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Up);
          BO && BO->isAssignmentOp() && BO->getLHS() == Child)
        return;
      // `&o` given straight to a call.
      if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Up);
          UO && UO->getOpcode() == UO_AddrOf && GivenToCall(UO))
        return;
      Shown = false;
      return;
    }
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(C.Fn->getBody());
  return ShownAggregates[V] = Shown;
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
  Record *R = intern(ID, X);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(X->IgnoreParenImpCasts());
      R && DRE)
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
        V && tracked(cast<VarDecl>(V->getCanonicalDecl()))) {
      R->BitVar = cast<VarDecl>(V->getCanonicalDecl());
      R->Bit = Bit;
    }
  return R;
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
  const Expr *S = testedValue(E, /*Truth=*/false);
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
    E = testedValue(E, /*Truth=*/true);
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
    stringComparison(E, L);
  }
  return Leaves[Cond] = L;
}

void ConditionFacts::stringComparison(const Expr *E, Leaf &L) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *FD = Call ? calledFunction(Call) : nullptr;
  if (!FD || !FD->getIdentifier() || Call->getNumArgs() != 2)
    return;
  const llvm::StringRef Name = FD->getName();
  const bool Fold = Name == "strcasecmp";
  if ((Name != "strcmp" && !Fold) || !isCLibraryFunction(FD))
    return;
  const Expr *A = Call->getArg(0), *B = Call->getArg(1);
  const auto *Lit = dyn_cast<StringLiteral>(B->IgnoreParenImpCasts());
  if (!Lit)
    std::swap(A, B);
  Lit = dyn_cast<StringLiteral>(B->IgnoreParenImpCasts());
  const auto *DRE = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!Lit || !Lit->isOrdinary() || !V ||
      !unwritableString(cast<VarDecl>(V->getCanonicalDecl())))
    return;
  llvm::FoldingSetNodeID ID;
  ID.AddString("spells");
  A->IgnoreParenImpCasts()->Profile(ID, C.Ctx, /*Canonical=*/true);
  L.Spelled = intern(ID, A);
  L.Literal = Lit;
  L.IgnoresCase = Fold;
}

/// A pointer to const char.
static bool constString(QualType T) {
  return T->isPointerType() && T->getPointeeType().isConstQualified() &&
         T->getPointeeType()->isCharType();
}

bool ConditionFacts::unwritableString(const VarDecl *V) {
  auto [It, New] = UnwritableStrings.try_emplace(V, false);
  if (!New)
    return It->second;
  // Its address given to a call may point it anywhere (`fill(&s)`).
  if (!V->hasLocalStorage() || !constString(V->getType()) ||
      !C.Body.writtenOnlyByName(V))
    return false;
  // What a value may be: a literal, a call's result, null, a `?:` of
  // those, or a parameter that is itself a pointer to const char.
  std::function<bool(const Expr *)> Fine = [&](const Expr *E) {
    if (E->isNullPointerConstant(C.Ctx, Expr::NPC_ValueDependentIsNotNull))
      return true;
    E = E->IgnoreParenCasts();
    if (isa<StringLiteral>(E))
      return true;
    // A call given no text but literals: not a pointer into a buffer it
    // was given (`read_line(buf, n)`, `strchr(buf, ' ')`).
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return llvm::none_of(Call->arguments(), [](const Expr *A) {
        const Expr *X = A->IgnoreParenImpCasts();
        const QualType T = X->getType();
        const bool Text = T->isArrayType() ? T->getArrayElementTypeNoTypeQual()
                                                 ->isCharType()
                                           : T->isPointerType() &&
                                                 (T->getPointeeType()
                                                      ->isCharType() ||
                                                  T->getPointeeType()
                                                      ->isVoidType());
        return Text && !isa<StringLiteral>(X);
      });
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E))
      return Fine(CO->getTrueExpr()) && Fine(CO->getFalseExpr());
    const auto *R = dyn_cast<DeclRefExpr>(E);
    const auto *P = R ? dyn_cast<ParmVarDecl>(R->getDecl()) : nullptr;
    return P && constString(P->getType());
  };
  if (isa<ParmVarDecl>(V) ? !constString(V->getType())
                          : V->getInit() && !Fine(V->getInit()))
    return false;
  bool Ok = true;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || !Ok)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp())
      if (const auto *R =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
          R && R->getDecl()->getCanonicalDecl() == V)
        Ok = BO->getOpcode() == BO_Assign && Fine(BO->getRHS());
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(C.Body.body());
  return UnwritableStrings[V] = Ok;
}

std::optional<bool> ConditionFacts::decideSpelling(const Leaf &L,
                                                   const Fact &Known) {
  if (Known.Kind != Fact::Spells)
    return std::nullopt;
  // The bytes up to the first NUL: what strcmp compares.
  auto Text = [](const StringLiteral *S) {
    return S->getString().split('\0').first;
  };
  const llvm::StringRef Was = Text(static_cast<const StringLiteral *>(
                            Known.Other)),
                        Now = Text(L.Literal);
  const bool KnownFolds = Known.Value != 0;
  if (!L.IgnoresCase && !KnownFolds)
    return Was != Now;
  if (!Was.equals_insensitive(Now))
    return true;
  // Equal ignoring case: the same where the test ignores case.
  if (L.IgnoresCase)
    return false;
  return std::nullopt;
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

} // namespace clang::tidy::raii
