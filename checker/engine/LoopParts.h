//===- LoopParts.h - the body and condition of a loop statement -----------===//
//
// The parts of a `for`, `while`, `do` or range `for` statement the
// engine's walks look at, without a switch over the four kinds at each.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_LOOPPARTS_H
#define RAII_TIDY_ENGINE_LOOPPARTS_H

#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii {

/// The body of loop \p S, or null if \p S is no loop.
inline const Stmt *loopBody(const Stmt *S) {
  if (const auto *W = dyn_cast_or_null<WhileStmt>(S))
    return W->getBody();
  if (const auto *D = dyn_cast_or_null<DoStmt>(S))
    return D->getBody();
  if (const auto *F = dyn_cast_or_null<ForStmt>(S))
    return F->getBody();
  if (const auto *RF = dyn_cast_or_null<CXXForRangeStmt>(S))
    return RF->getBody();
  return nullptr;
}

/// The condition of `for`, `while` or `do` loop \p S, or null (a range
/// `for`, a `for (;;)`, no loop).
inline const Expr *loopCondition(const Stmt *S) {
  if (const auto *W = dyn_cast_or_null<WhileStmt>(S))
    return W->getCond();
  if (const auto *D = dyn_cast_or_null<DoStmt>(S))
    return D->getCond();
  if (const auto *F = dyn_cast_or_null<ForStmt>(S))
    return F->getCond();
  return nullptr;
}

} // namespace clang::tidy::raii

#endif
