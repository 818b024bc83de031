//===- BranchConditions.cpp - one condition read as a test ----------------===//
//
// fact() of BranchFactsImpl.h: a condition read as a test of one variable,
// element or call against zero, null, -1, a constant or what the function
// did not acquire (CondFact), also through a predicate of the file whose
// body is one such test of its parameter.
//
//===----------------------------------------------------------------------===//
#include "engine/BranchFactsImpl.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii::branch {

/// \p E, when it is a local initialised with a parameter's value (`int
/// initial_fd = fd;`).
static const VarDecl *copyOfParameter(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  const Expr *Init = V && BodyIndex::isLocalVar(V) ? V->getInit() : nullptr;
  const auto *From =
      Init ? dyn_cast<DeclRefExpr>(Init->IgnoreParenImpCasts()) : nullptr;
  return From && isa<ParmVarDecl>(From->getDecl()) ? V : nullptr;
}

/// \p E, when it is a parameter by itself.
static const ParmVarDecl *bareParameter(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
}

static bool isZeroish(const Expr *E, ASTContext &Ctx, int64_t &K) {
  // `fd != fileno(stdin)` compares with 0 (inotifywait).
  std::optional<int64_t> V = numberNamed(E, Ctx);
  if (V)
    K = *V;
  return V.has_value();
}

static std::optional<CondFact> target(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  // `(void *)obj != small`, `(intptr_t)p == (intptr_t)MAP_FAILED`: a cast
  // of a pointer to another pointer type or to an integer keeps the value.
  while (const auto *CE = dyn_cast<ExplicitCastExpr>(E)) {
    const bool ToPointer = (CE->getCastKind() == CK_BitCast ||
                            CE->getCastKind() == CK_NoOp) &&
                           CE->getType()->isPointerType();
    if ((!ToPointer && CE->getCastKind() != CK_PointerToIntegral) ||
        !CE->getSubExpr()->getType()->isPointerType())
      break;
    E = CE->getSubExpr()->IgnoreParenImpCasts();
  }
  // `*(&fd) >= 0` of a macro given `&fd` tests fd.
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_Deref)
    if (const auto *In =
            dyn_cast<UnaryOperator>(UO->getSubExpr()->IgnoreParenCasts());
        In && In->getOpcode() == UO_AddrOf)
      E = In->getSubExpr()->IgnoreParenImpCasts();
  CondFact F;
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign) {
    E = BO->getLHS()->IgnoreParenImpCasts();
    // `if ((gerror = getaddrinfo(..)) != 0)`: a status kept in a global, a
    // static or a field, which the body index does not follow, is the
    // call's result there and then.
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    const Expr *RHS = BO->getRHS()->IgnoreParenCasts();
    if ((!V || !V->hasLocalStorage() || V->getType()->isReferenceType()) &&
        isa<CallExpr>(RHS)) {
      F.Call = RHS;
      return F;
    }
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    F.Var = dyn_cast<VarDecl>(DRE->getDecl());
    F.Ref = DRE;
  } else if (isa<CallExpr>(E)) {
    F.Call = E;
  } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    const auto *Base =
        dyn_cast<DeclRefExpr>(AS->getBase()->IgnoreParenImpCasts());
    if (Base && Base->getType()->isArrayType() &&
        BodyIndex::isLocalVar(Base->getDecl()) &&
        AS->getIdx()->IgnoreParenImpCasts()->getStmtClass() ==
            Stmt::IntegerLiteralClass)
      F.Elem = AS;
  } else if (const auto *ME = dyn_cast<MemberExpr>(E);
             ME && isa<FieldDecl>(ME->getMemberDecl()) &&
             isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
    F.Field = ME;
  }
  if (!F.Var && !F.Call && !F.Elem && !F.Field)
    return std::nullopt;
  return F;
}

static std::optional<CondFact> comparisonFact(const Expr *Cond,
                                              ASTContext &Ctx) {
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO || !BO->isComparisonOp())
    return target(Cond); // plain truth value: true means nonzero
  const Expr *L = BO->getLHS(), *R = BO->getRHS();
  BinaryOperatorKind Op = BO->getOpcode();
  int64_t K = 0;
  if (!isZeroish(R, Ctx, K)) {
    std::swap(L, R);
    Op = BinaryOperator::reverseComparisonOp(Op);
    if (!isZeroish(R, Ctx, K)) {
      if (Op != BO_EQ && Op != BO_NE)
        return std::nullopt;
      // The side that is foreign and the other's fact: what
      // notAcquiredHere accepts first, then a copy of a parameter
      // (`my_path != path` tests my_path).
      std::optional<CondFact> F;
      const Expr *Foreign = nullptr;
      const VarDecl *Copy = nullptr;
      for (bool ByCopy : {false, true})
        for (auto [Mine, Theirs] : {std::pair(L, R), std::pair(R, L)}) {
          if (F)
            break;
          const VarDecl *Copied = ByCopy ? copyOfParameter(Theirs) : nullptr;
          if ((ByCopy ? Copied != nullptr : notAcquiredHere(Theirs)) &&
              (F = target(Mine))) {
            Foreign = Theirs;
            Copy = Copied;
          }
        }
      // `nfd != fd` of an `int` parameter fd: the number to fill.
      bool Number = false;
      for (auto [Mine, Theirs] : {std::pair(L, R), std::pair(R, L)}) {
        const ParmVarDecl *P = F ? nullptr : bareParameter(Theirs);
        if (P && P->getType()->isIntegerType() && (F = target(Mine))) {
          Foreign = Theirs;
          Number = true;
        }
      }
      if (!F)
        return std::nullopt;
      F->ForeignNumber = Number;
      F->EqualsForeign = true;
      F->ForeignCopy = Copy;
      F->ForeignParam = bareParameter(Foreign);
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(Foreign->IgnoreParenImpCasts()))
        F->ForeignArray = DRE->getType()->isArrayType();
      F->TrueMeansNonzero = Op == BO_NE;
      return F;
    }
  }
  auto F = target(L);
  if (!F)
    return std::nullopt;
  if (Op == BO_EQ || Op == BO_NE) {
    F->Equals = K;
    // `fd != AT_FDCWD` (-100): a number no valid descriptor is.
    if (K > 0 || K < -1) {
      F->TrueMeansNonzero = Op == BO_NE;
      return F;
    }
  }
  if (K == 0 && (Op == BO_EQ || Op == BO_NE)) {
    F->TrueMeansNonzero = Op == BO_NE;
    return F;
  }
  if ((K == 0 && (Op == BO_LT || Op == BO_GE)) ||
      (K == -1 && (Op == BO_EQ || Op == BO_NE || Op == BO_LE || Op == BO_GT))) {
    F->SignTest = true;
    F->TrueMeansNonzero = Op == BO_GE || Op == BO_NE || Op == BO_GT;
    return F;
  }
  if ((K == 0 && (Op == BO_GT || Op == BO_LE)) ||
      (K == 1 && (Op == BO_GE || Op == BO_LT))) {
    F->PositiveTest = true;
    F->TrueMeansNonzero = Op == BO_GT || Op == BO_GE;
    return F;
  }
  // `fd > STDERR_FILENO` (a daemon's /dev/null, dup2'd onto 0-2, closed
  // only when it is none of them; trueMeansAcquired asks for the dup2).
  if ((K == 2 && (Op == BO_GT || Op == BO_LE)) ||
      (K == 3 && (Op == BO_GE || Op == BO_LT))) {
    F->AboveStandard = true;
    F->TrueMeansNonzero = Op == BO_GT || Op == BO_GE;
    return F;
  }
  return std::nullopt;
}

/// \p Cond as comparisonFact reads it, or a call of a predicate of the
/// file whose body is one `return` of such a test of a parameter given a
/// variable (mdadm's `is_fd_valid(fd)`: `return fd > -1;`): that test of
/// the variable.
std::optional<CondFact> fact(const Expr *Cond, ASTContext &Ctx) {
  const auto *Call = dyn_cast<CallExpr>(Cond->IgnoreParenImpCasts());
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || isLibraryFunction(FD) ||
      isa<CXXMethodDecl>(FD) || Call->getNumArgs() != Def->getNumParams())
    return comparisonFact(Cond, Ctx);
  const auto *Body = dyn_cast<CompoundStmt>(Def->getBody());
  const auto *Ret = Body && Body->size() == 1
                        ? dyn_cast<ReturnStmt>(Body->body_front())
                        : nullptr;
  const Expr *Test =
      Ret && Ret->getRetValue() ? Ret->getRetValue()->IgnoreParenImpCasts()
                                : nullptr;
  std::optional<CondFact> F =
      Test && !isa<CallExpr>(Test) ? comparisonFact(Test, Ctx) : std::nullopt;
  const auto *P = F ? dyn_cast_or_null<ParmVarDecl>(F->Var) : nullptr;
  if (!P || F->EqualsForeign || P->getType()->isReferenceType())
    return comparisonFact(Cond, Ctx);
  // Given as it is: no conversion to the parameter's type that may change
  // the value tested (`trunc(unsigned char v)` given an int).
  const Expr *Given = Call->getArg(P->getFunctionScopeIndex());
  const QualType From = Given->IgnoreParenImpCasts()->getType();
  const QualType To = P->getType();
  if (!Ctx.hasSameUnqualifiedType(From, To) &&
      !(From->isPointerType() && To->isPointerType()))
    return comparisonFact(Cond, Ctx);
  std::optional<CondFact> Arg = target(Given);
  if (!Arg || !Arg->Var)
    return comparisonFact(Cond, Ctx);
  F->Var = Arg->Var;
  F->Ref = Arg->Ref;
  return F;
}

} // namespace clang::tidy::raii::branch
