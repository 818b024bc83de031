//===- UnwindingGuard.cpp - code a destructor runs only when not unwinding ===//
#include "support/UnwindingGuard.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

namespace clang::tidy::raii {

/// \p E is a call of std::uncaught_exceptions() (\p Count) or
/// std::uncaught_exception().
static bool uncaughtCall(const Expr *E, bool &Count) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier())
    return false;
  Count = FD->getName() == "uncaught_exceptions";
  return Count || FD->getName() == "uncaught_exception";
}

/// Where \p Cond is true, no new exception is in flight (\p Unwinding:
/// where it is true, one is).
static bool tellsUnwinding(const Expr *Cond, bool Unwinding) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    // A conjunction is true only where each operand is; a disjunction
    // where one is.
    if (BO->getOpcode() == (Unwinding ? BO_LOr : BO_LAnd))
      return tellsUnwinding(BO->getLHS(), Unwinding) ||
             tellsUnwinding(BO->getRHS(), Unwinding);
    if (BO->getOpcode() == (Unwinding ? BO_LAnd : BO_LOr))
      return false;
    bool Count = false;
    const bool Left = uncaughtCall(BO->getLHS(), Count);
    if (!Left && !uncaughtCall(BO->getRHS(), Count))
      return false;
    if (!Count)
      return false;
    // `uncaught_exceptions() == n`: none since n was saved; `!=`, `>`
    // (`n < uncaught_exceptions()`): some.
    switch (BO->getOpcode()) {
    case BO_EQ:
      return !Unwinding;
    case BO_NE:
      return Unwinding;
    case BO_GT:
      return Unwinding && Left;
    case BO_LT:
      return Unwinding && !Left;
    default:
      return false;
    }
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    return tellsUnwinding(UO->getSubExpr(), !Unwinding);
  bool Count = false;
  // `if (std::uncaught_exception())`, `if (std::uncaught_exceptions())`.
  return uncaughtCall(Cond, Count) && Unwinding;
}

/// \p Inner is \p Outer or lies inside it.
static bool within(const Stmt *Outer, const Stmt *Inner) {
  if (!Outer)
    return false;
  if (Outer == Inner)
    return true;
  for (const Stmt *Child : Outer->children())
    if (within(Child, Inner))
      return true;
  return false;
}

static bool guarded(const Stmt *S, const Stmt *Target) {
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    if (within(If->getThen(), Target))
      return tellsUnwinding(If->getCond(), false) ||
             guarded(If->getThen(), Target);
    if (within(If->getElse(), Target))
      return tellsUnwinding(If->getCond(), true) ||
             guarded(If->getElse(), Target);
    return false;
  }
  if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
    bool Left = false; // a statement before returned where unwinding
    for (const Stmt *Sub : CS->body()) {
      if (within(Sub, Target))
        return Left || guarded(Sub, Target);
      const auto *If = dyn_cast<IfStmt>(Sub);
      if (If && !If->getElse() && isa_and_nonnull<ReturnStmt>(If->getThen()))
        Left |= tellsUnwinding(If->getCond(), true);
      else if (If && !If->getElse())
        if (const auto *Block = dyn_cast_or_null<CompoundStmt>(If->getThen());
            Block && Block->size() == 1 && isa<ReturnStmt>(Block->body_back()))
          Left |= tellsUnwinding(If->getCond(), true);
    }
    return false;
  }
  for (const Stmt *Child : S->children())
    if (Child && within(Child, Target))
      return guarded(Child, Target);
  return false;
}

bool onlyWhenNotUnwinding(const Stmt *Body, const Stmt *S) {
  return Body && S && guarded(Body, S);
}

} // namespace clang::tidy::raii
