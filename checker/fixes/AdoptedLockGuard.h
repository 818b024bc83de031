//===- AdoptedLockGuard.h - a finally that unlocks, as a guard -----------===//
//
// raii-manual-finally finds `m.lock(); try { body } catch (...) { m.unlock();
// throw; } m.unlock();`. When the cleanup is the unlock of a lock family
// whose standard guard is `std::lock_guard` (or `std::scoped_lock`,
// `std::unique_lock`) or `std::shared_lock`, and the lock is taken by the
// statement right before the `try`, the standard guard says it exactly: it
// adopts the held lock at the start of the new block and unlocks it when
// the block is left, normally or by an exception:
//
//   m.lock();
//   {
//     std::lock_guard lock_m(m, std::adopt_lock);
//     body
//   }
//
// This file decides whether that guard can be declared and spells it; the
// check builds the edits around the `try`.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_FIXES_ADOPTEDLOCKGUARD_H
#define RAII_TIDY_FIXES_ADOPTEDLOCKGUARD_H

#include "catalog/RuleCatalog.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include <optional>
#include <string>

namespace clang::tidy::raii {

struct AdoptedLockGuard {
  std::string Guard;    ///< the guard's template: `std::lock_guard`
  std::string Type;     ///< as declared: `std::lock_guard<std::mutex>` (C++14)
  std::string Args;     ///< its constructor's arguments: `m, std::adopt_lock`
  std::string NameBase; ///< the variable's name before uniquing: `lock_m`
  std::string Header;   ///< to include: `<mutex>`
  std::string Refusal;  ///< why it cannot be declared; empty if it can
};

/// The standard guard that adopts the lock \p Cleanup (a finally's one
/// cleanup statement) releases, or nullopt if \p Cleanup is no unlock of a
/// member-call lock family with such a guard. \p Before is the statement
/// right before the `try` in its block (null if none), which must take the
/// lock; \p Fn is the function (or lambda call operator) holding the `try`.
std::optional<AdoptedLockGuard>
planAdoptedLockGuard(const Stmt *Cleanup, const Stmt *Before,
                     const FunctionDecl *Fn, const RuleCatalog &Catalog,
                     ASTContext &Ctx);

} // namespace clang::tidy::raii

#endif
