//===- OutParamsConventions.cpp - what an out-parameter's returns tell ---===//
//
// The part of OutScan (OutParamsImpl.h) that reads how a function's
// returns tell its caller whether the acquire into the parameter
// happened: constants before and after the store, a null test of the
// slot, or a status local only the failure branch changes.
//
//===----------------------------------------------------------------------===//
#include "engine/OutParamsImpl.h"
#include "engine/BodyIndex.h"
#include "engine/HandleKey.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include <functional>

namespace clang::tidy::raii::outparams {

bool OutScan::testsNull(const Expr *Cond) const {
  if (Invalid != InvalidValue::Null)
    return false;
  Cond = strip(Cond);
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    return namesSlot(UO->getSubExpr());
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  return BO && BO->getOpcode() == BO_EQ &&
         ((namesSlot(BO->getLHS()) && isNull(BO->getRHS())) ||
          (namesSlot(BO->getRHS()) && isNull(BO->getLHS())));
}

bool OutScan::underNullTest(const ReturnStmt *Ret) const {
  const Stmt *Child = Ret;
  for (size_t I = Parents.size(); I-- > 0; Child = Parents[I])
    if (const auto *If = dyn_cast<IfStmt>(Parents[I]))
      if (If->getThen() == Child && !before(If) && testsNull(If->getCond()))
        return true;
  return false;
}

std::optional<Success> OutScan::convention() const {
  // A return before it: what the returns on each side give must tell the
  // caller which one it got.
  const bool Void = Def->getReturnType()->isVoidType();
  llvm::SmallVector<int64_t, 4> Before, After;
  for (const ReturnStmt *Ret : Returns) {
    auto &Side = before(Ret) || Failed.count(Ret) ? Before : After;
    if (Void || !Ret->getRetValue()) {
      if (&Side == &Before)
        return std::nullopt; // leaves without a handle and says nothing
      continue;
    }
    std::optional<int64_t> V = constantValue(strip(Ret->getRetValue()), Ctx);
    // `return errno;`, `return -errno;` where it failed: not zero.
    const auto *Neg = dyn_cast<UnaryOperator>(strip(Ret->getRetValue()));
    if (!V && &Side == &Before &&
        (readsErrno(Ret->getRetValue()) ||
         (Neg && Neg->getOpcode() == UO_Minus && readsErrno(Neg->getSubExpr()))))
      V = -1;
    if (!V)
      return std::nullopt;
    Side.push_back(*V);
  }
  if (After.empty())
    return std::nullopt;
  auto Zero = [](int64_t V) { return V == 0; };
  if (llvm::none_of(Before, Zero) && llvm::all_of(After, Zero))
    return Success::Zero;
  if (llvm::all_of(Before, Zero) && llvm::none_of(After, Zero))
    return Success::True;
  return std::nullopt;
}

bool OutScan::testsFailure(const Expr *Cond) const {
  if (Invalid == InvalidValue::Null)
    return testsNull(Cond);
  const auto *BO = dyn_cast<BinaryOperator>(strip(Cond));
  if (Invalid != InvalidValue::Negative || !BO || !BO->isComparisonOp())
    return false;
  BinaryOperatorKind Op = BO->getOpcode();
  const Expr *Handle = BO->getLHS(), *Bound = BO->getRHS();
  if (!namesSlot(Handle)) {
    std::swap(Handle, Bound);
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  std::optional<int64_t> K = constantValue(strip(Bound), Ctx);
  if (!namesSlot(Handle) || !K)
    return false;
  return (Op == BO_EQ && *K < 0) || (Op == BO_LT && *K <= 0) ||
         (Op == BO_LE && *K < 0);
}

std::optional<Success> OutScan::statusConvention() const {
  const VarDecl *Status = nullptr;
  for (const ReturnStmt *Ret : Returns) {
    const auto *R = dyn_cast_or_null<DeclRefExpr>(strip(Ret->getRetValue()));
    const auto *V = R ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
    if (!V || (Status && V != Status))
      return std::nullopt;
    Status = V;
  }
  if (!Status || !BodyIndex::isLocalVar(Status) || Status == Local ||
      !Status->getType()->isIntegerType() || !Status->getInit())
    return std::nullopt;
  std::optional<int64_t> K = constantValue(strip(Status->getInit()), Ctx);
  if (!K)
    return std::nullopt;
  // Each other write of the status, where and what it stores.
  llvm::SmallVector<int64_t, 2> Failures;
  bool Bad = false;
  std::function<void(const Stmt *, bool)> Walk = [&](const Stmt *S,
                                                     bool InFailure) {
    if (!S || Bad)
      return;
    if (isa<LambdaExpr, BlockExpr>(S)) {
      Bad = BodyIndex::refersTo(S, Status);
      return;
    }
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      Walk(If->getInit(), InFailure);
      Walk(If->getCond(), InFailure);
      Walk(If->getThen(), InFailure || (!If->getInit() &&
                                        testsFailure(If->getCond())));
      Walk(If->getElse(), InFailure);
      return;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(S);
        UO && (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf) &&
        namesDecl(UO->getSubExpr(), Status)) {
      Bad = true;
      return;
    }
    // The failure branch leaves the handle failed: no other value in the
    // stored local there (`fd = open(p, O_RDONLY);` retried).
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        InFailure && BO && BO->isAssignmentOp() && Local &&
        namesDecl(BO->getLHS(), Local)) {
      Bad = true;
      return;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp() && namesDecl(BO->getLHS(), Status)) {
      std::optional<int64_t> V = constantValue(strip(BO->getRHS()), Ctx);
      if (BO->getOpcode() != BO_Assign || !InFailure ||
          !(V ? *V != *K : *K == 0 && readsErrno(BO->getRHS()))) {
        Bad = true;
        return;
      }
      Failures.push_back(V.value_or(1));
    }
    for (const Stmt *Child : S->children())
      Walk(Child, InFailure);
  };
  Walk(Def->getBody(), false);
  if (Bad || Failures.empty())
    return std::nullopt;
  if (*K == 0)
    return Success::Zero;
  if (llvm::all_of(Failures, [](int64_t V) { return V == 0; }))
    return Success::True;
  return std::nullopt;
}

} // namespace clang::tidy::raii::outparams
