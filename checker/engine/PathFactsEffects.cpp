//===- PathFactsEffects.cpp - what statements do to facts -----------------===//
//
// ConditionFacts' writes (PathFacts.h): what an assignment, an increment
// or a store leaves known of the variable or cell it writes, what it
// makes forgotten, and each CFG element's effects computed once
// (prepare) and replayed on every path that goes through it.
//
//===----------------------------------------------------------------------===//
#include "engine/PathFacts.h"
#include "support/CalledFunction.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/Support/MathExtras.h"
#include <limits>

namespace clang::tidy::raii {

/// \p E is a truth value of its own: `!x`, a comparison, `&&` / `||`.
static bool isCondition(const Expr *E) {
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_LNot;
  const auto *BO = dyn_cast<BinaryOperator>(E);
  return BO && (BO->isComparisonOp() || BO->isLogicalOp());
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
        Fa.Kind == Fact::ExprOneOf || Fa.Kind == Fact::Spells)
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
    // `closefunc = fclose;`, `= &pclose`: a function's address (a weak
    // one's may be null).
    const Expr *Fn = Bare;
    if (const auto *UO = dyn_cast<UnaryOperator>(Fn);
        UO && UO->getOpcode() == UO_AddrOf)
      Fn = UO->getSubExpr()->IgnoreParens();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Fn))
      if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl());
          FD && !FD->isWeak())
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
  LHS = ignoreValueCasts(LHS); // `*(&x)` too
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
        const Decl *Q = V->getCanonicalDecl();
        forgetReading(llvm::ArrayRef<const Decl *>(Q), F);
      }
    // `*status = 1;` of a cell parameter: the value, for the tests of
    // `*status` after it (rsyslog's `*pbMustBeFreed = 1` ... `if
    // (*pbMustBeFreed == 1) free(pRes);`).
    // So is `s[1] = -1;` of a local array's element by a constant index,
    // for `if (s[1] != -1) close(s[1]);` after it (nginx's
    // ngx_epoll_test_rdhup).
    const auto *BO = dyn_cast_or_null<BinaryOperator>(Op);
    const bool Element = AS && C.Body.elementOf(AS).has_value();
    if (BO && BO->getOpcode() == BO_Assign &&
        ((UO && cellOf(UO, C.Body)) || Element))
      if (const Record *R = record(LHS); R && useful(R, 1))
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
      } else if (BO->getOpcode() == BO_OrAssign ||
                 BO->getOpcode() == BO_AndAssign) {
        // Bits set or cleared in a flags word (`flags |= GLOB_APPEND`,
        // `mode &= ~O_CREAT`).
        std::optional<int64_t> K = valueOf(operand(BO->getRHS()), F);
        const bool Or = BO->getOpcode() == BO_OrAssign;
        if (Old && K)
          New = Fact{V, nullptr, Or ? (*Old | *K) : (*Old & *K),
                     Fact::Equals};
        else if (Or && K && *K != 0)
          New = Fact{V, nullptr, 0, Fact::Differs};
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
    if (L.Spelled)
      Count(L.Spelled);
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
  // `init(&o)`, `off(&o.in)`: the call may write the local struct's
  // fields (ConditionLeaves' aggregateShown).
  if (const auto *Call = dyn_cast<CallExpr>(S))
    for (const Expr *Arg : Call->arguments()) {
      if (BodyIndex::outArgument(Arg) || aggregateAddressed(Arg))
        Out.push_back({Arg->IgnoreParenCasts(), true});
      MayWriteCells(Arg);
    }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
    for (const Expr *Arg : CE->arguments())
      MayWriteCells(Arg);
  // `count_all()` of the file may write the globals a fact reads.
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *FD = calledFunction(Call);
        FD && FD->hasBody() && !Values.globalsWrittenBy(FD).empty())
      Out.push_back({S, false, /*Passed=*/false, /*WritesLent=*/false,
                     /*WritesGlobals=*/true});
  // `check(&r)` lent r to a callee that may write it at any call after.
  if (!C.Body.lentLocals().empty() && isa<CallExpr, CXXConstructExpr>(S))
    Out.push_back({S, true, /*Passed=*/false, /*WritesLent=*/true});
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
  if (E.WritesGlobals) {
    forgetReading(
        Values.globalsWrittenBy(calledFunction(cast<CallExpr>(E.S))), F);
  } else if (E.WritesLent) {
    for (const ValueDecl *V : C.Body.lentLocals())
      forget(V, F);
  } else if (E.Passed) {
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
