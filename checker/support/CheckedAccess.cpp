//===- CheckedAccess.cpp - an accessor that throws only where a test says no //
#include "support/CheckedAccess.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

namespace {

/// \p RD is one of the classes whose `value()` throws only when empty.
bool isOptionalLike(const CXXRecordDecl *RD) {
  if (!RD || !RD->getIdentifier())
    return false;
  const std::string Name = RD->getQualifiedNameAsString();
  return Name == "std::optional" || Name == "std::expected" ||
         Name == "boost::optional" || Name == "std::experimental::optional";
}

/// \p E with implicit casts and parentheses dropped.
const Expr *strip(const Expr *E) { return E->IgnoreParenImpCasts(); }

/// \p A and \p B name the same variable, or the same field of the same
/// object (`this->start` and `start` alike).
bool sameObject(const Expr *A, const Expr *B) {
  A = strip(A);
  B = strip(B);
  if (const auto *RA = dyn_cast<DeclRefExpr>(A))
    if (const auto *RB = dyn_cast<DeclRefExpr>(B))
      return RA->getDecl()->getCanonicalDecl() ==
             RB->getDecl()->getCanonicalDecl();
  if (isa<CXXThisExpr>(A) && isa<CXXThisExpr>(B))
    return true;
  const auto *MA = dyn_cast<MemberExpr>(A);
  const auto *MB = dyn_cast<MemberExpr>(B);
  return MA && MB && MA->getMemberDecl() == MB->getMemberDecl() &&
         sameObject(MA->getBase(), MB->getBase());
}

/// \p E is a variable or a chain of fields from one (or from `this`).
bool plainObject(const Expr *E) {
  E = strip(E);
  if (isa<DeclRefExpr, CXXThisExpr>(E))
    return true;
  const auto *ME = dyn_cast<MemberExpr>(E);
  return ME && plainObject(ME->getBase());
}

bool isNullopt(const Expr *E) {
  E = E->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E); CE && CE->getNumArgs())
    E = CE->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
  const auto *R = dyn_cast<DeclRefExpr>(E);
  return R && R->getDecl()->getName() == "nullopt";
}

/// The object \p E tests for a value (`opt`, `opt.has_value()`, `(bool)opt`,
/// `opt.operator bool()`), or null.
const Expr *testedObject(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || !isOptionalLike(MD->getParent()))
      return nullptr;
    if (isa<CXXConversionDecl>(MD) ||
        (MD->getIdentifier() && MD->getName() == "has_value"))
      return MC->getImplicitObjectArgument();
    return nullptr;
  }
  return nullptr;
}

} // namespace

const Expr *checkedAccessObject(const CallExpr *Call) {
  const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(Call);
  const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier() || MD->getName() != "value" ||
      !isOptionalLike(MD->getParent()))
    return nullptr;
  const Expr *Obj = MC->getImplicitObjectArgument();
  return Obj && plainObject(Obj) ? Obj : nullptr;
}

bool saysHoldsValue(const Expr *Cond, bool Truth, const Expr *Object) {
  if (!Cond)
    return false;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    return saysHoldsValue(UO->getSubExpr(), !Truth, Object);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if ((BO->getOpcode() == BO_LAnd && Truth) ||
        (BO->getOpcode() == BO_LOr && !Truth))
      return saysHoldsValue(BO->getLHS(), Truth, Object) ||
             saysHoldsValue(BO->getRHS(), Truth, Object);
    return false;
  }
  // `opt != std::nullopt`, `std::nullopt == opt`.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond);
      Op && Op->getNumArgs() == 2 &&
      (Op->getOperator() == OO_ExclaimEqual ||
       Op->getOperator() == OO_EqualEqual)) {
    const bool Differs = Op->getOperator() == OO_ExclaimEqual;
    for (unsigned I = 0; I < 2; ++I)
      if (isNullopt(Op->getArg(1 - I)) && sameObject(Op->getArg(I), Object))
        return Truth == Differs;
    return false;
  }
  const Expr *Tested = testedObject(Cond);
  return Truth && Tested && sameObject(Tested, Object);
}

namespace {

/// \p E (parentheses and implicit casts aside) is \p Object or an object
/// it is reached through (`h` of `h.opt`, `p` of `p->opt`, `this` of a
/// field): writing it, or giving it away, may empty \p Object.
bool isPrefixOf(const Expr *E, const Expr *Object) {
  for (const Expr *O = strip(Object);;) {
    if (sameObject(E, O))
      return true;
    const auto *ME = dyn_cast<MemberExpr>(O);
    if (!ME)
      return false;
    O = strip(ME->getBase());
  }
}

/// The variable (or `this`) \p Object is reached from.
const Expr *rootOf(const Expr *Object) {
  const Expr *O = strip(Object);
  while (const auto *ME = dyn_cast<MemberExpr>(O))
    O = strip(ME->getBase());
  return O;
}

/// \p MC reads \p Object: `value()`, `has_value()`, a `const` member.
bool readsObject(const CXXMemberCallExpr *MC, const Expr *Object) {
  const Expr *Obj = MC->getImplicitObjectArgument();
  const CXXMethodDecl *MD = MC->getMethodDecl();
  return Obj && MD && sameObject(Obj, Object) &&
         (MD->isConst() || (MD->getIdentifier() &&
                            (MD->getName() == "value" ||
                             MD->getName() == "has_value")));
}

} // namespace

bool leavesValue(const Stmt *Branch, const Expr *Object) {
  if (!Branch)
    return true;
  // Control may come in past the test.
  if (isa<LabelStmt, SwitchCase>(Branch))
    return false;
  const Expr *Root = rootOf(Object);
  const auto *RootVar = dyn_cast<DeclRefExpr>(Root);
  const bool GlobalRoot = RootVar && isa<VarDecl>(RootVar->getDecl()) &&
                          cast<VarDecl>(RootVar->getDecl())->hasGlobalStorage();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Branch)) {
    if (readsObject(MC, Object)) {
      for (const Expr *Arg : MC->arguments())
        if (!leavesValue(Arg, Object))
          return false;
      return true;
    }
    const CXXMethodDecl *MD = MC->getMethodDecl();
    const Expr *Obj = MC->getImplicitObjectArgument();
    // A non-const member of an object \p Object is reached through
    // (`drop()` on `this`), or of any optional (an alias may name it).
    if (!MD || (!MD->isConst() &&
                ((Obj && isPrefixOf(Obj, Object)) ||
                 isOptionalLike(MD->getParent()))))
      return false;
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Branch)) {
    if (Op->getNumArgs() >= 1 && sameObject(Op->getArg(0), Object) &&
        (Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow)) {
      for (unsigned I = 1; I < Op->getNumArgs(); ++I)
        if (!leavesValue(Op->getArg(I), Object))
          return false;
      return true;
    }
    // `opt != std::nullopt`, `opt == other`: compared, not changed.
    if (Op->isComparisonOp()) {
      for (const Expr *Arg : Op->arguments())
        if (!sameObject(Arg, Object) && !leavesValue(Arg, Object))
          return false;
      return true;
    }
    // `h = Holder{}`, `opt = std::nullopt`.
    if (Op->isAssignmentOp() && Op->getNumArgs() >= 1 &&
        (isPrefixOf(Op->getArg(0), Object) ||
         isOptionalLike(Op->getArg(0)->getType()->getAsCXXRecordDecl())))
      return false;
  } else if (const auto *BO = dyn_cast<BinaryOperator>(Branch)) {
    if (BO->isAssignmentOp() && isPrefixOf(BO->getLHS(), Object))
      return false;
  } else if (isa<CallExpr>(Branch) && GlobalRoot) {
    return false; // anything may reach a global
  } else if (const auto *ME = dyn_cast<MemberExpr>(Branch)) {
    // `h.opt` or `h` named outside a reading member call: given away, its
    // address taken, bound to a reference. Another field (`this->n`,
    // `h.other`) reads nothing that could empty it.
    if (isPrefixOf(ME, Object))
      return false;
    if (plainObject(ME))
      return true;
  } else if (isa<DeclRefExpr, CXXThisExpr>(Branch)) {
    return !isPrefixOf(cast<Expr>(Branch), Object);
  }
  for (const Stmt *C : Branch->children())
    if (!leavesValue(C, Object))
      return false;
  return true;
}

/// \p S never completes: a jump out (`return`, `throw`, `break`,
/// `continue`, `goto`), or a block whose last statement is one.
static bool jumpsAway(const Stmt *S) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(S))
    return !CS->body_empty() && jumpsAway(CS->body_back());
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    return isa<CXXThrowExpr>(E->IgnoreParenImpCasts());
  return isa_and_nonnull<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(S);
}

/// A statement of block \p Block before \p Cur leaves it where \p Obj
/// holds no value (`if (!opt) return;`), and nothing from there up to
/// and including \p Cur can empty it.
static bool guardedBefore(const CompoundStmt *Block, const Stmt *Cur,
                          const Expr *Obj) {
  const Stmt *Guard = nullptr;
  for (const Stmt *S : Block->body()) {
    if (S == Cur)
      break;
    if (const auto *If = dyn_cast<IfStmt>(S);
        If && !If->getElse() && !If->getConditionVariable() &&
        jumpsAway(If->getThen()) && saysHoldsValue(If->getCond(), false, Obj))
      Guard = S;
    else if (Guard && !leavesValue(S, Obj))
      Guard = nullptr;
  }
  return Guard && leavesValue(Cur, Obj);
}

bool accessCheckedAround(
    const CallExpr *Call,
    llvm::function_ref<const Stmt *(const Stmt *)> Parent) {
  const Expr *Obj = checkedAccessObject(Call);
  if (!Obj)
    return false;
  const Stmt *Cur = Call;
  for (const Stmt *P = Parent(Cur); P; Cur = P, P = Parent(P)) {
    if (isa<LambdaExpr, BlockExpr>(P))
      return false;
    const Expr *Cond = nullptr;
    bool Truth = true;
    const Stmt *Branch = Cur;
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (Cur == If->getThen())
        Cond = If->getCond();
      else if (Cur == If->getElse()) {
        Cond = If->getCond();
        Truth = false;
      }
    } else if (const auto *CO = dyn_cast<ConditionalOperator>(P)) {
      if (Cur == CO->getTrueExpr())
        Cond = CO->getCond();
      else if (Cur == CO->getFalseExpr()) {
        Cond = CO->getCond();
        Truth = false;
      }
    } else if (const auto *BO = dyn_cast<BinaryOperator>(P);
               BO && BO->isLogicalOp() && Cur == BO->getRHS()) {
      Cond = BO->getLHS();
      Truth = BO->getOpcode() == BO_LAnd;
    }
    if (Cond && saysHoldsValue(Cond, Truth, Obj))
      return leavesValue(Cond, Obj) && leavesValue(Branch, Obj);
    if (const auto *Block = dyn_cast<CompoundStmt>(P);
        Block && guardedBefore(Block, Cur, Obj))
      return true;
  }
  return false;
}

} // namespace clang::tidy::raii
