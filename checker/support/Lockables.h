//===- Lockables.h - identity and naming of lockable objects --------------===//
//
// "The same mutex" across expressions: `m`, `(m)`, `&m`, `*&m`, `this->mu_`
// and `mu_` inside a member function all name one object. Used to see a lock
// taken again, to name a guard after what it locks, and by the engine to key
// acquisitions of objects rather than handles.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_LOCKABLES_H
#define RAII_TIDY_SUPPORT_LOCKABLES_H

#include "clang/AST/Expr.h"
#include <string>

namespace clang::tidy::raii {

/// Strips parentheses, implicit casts, `&` and `*` from \p E.
const Expr *stripToObject(const Expr *E);

/// True if \p A and \p B denote the same object: the same variable, or the
/// same field of the same object (recursively), `this` included.
bool sameObject(const Expr *A, const Expr *B);

/// True if \p D refers to the object \p E names (a variable or a field of
/// `this`).
bool namesDecl(const Expr *E, const ValueDecl *D);

/// True for a class with a `lock()`, `lock_shared()` or `try_lock()` member,
/// and for dependent types (which may be one).
bool isLockableType(QualType T);

/// True for a class with `lock()` and `unlock()` members (what
/// `std::lock_guard` needs), and for dependent types.
bool isBasicLockableType(QualType T);

/// True for a lockable type that may be locked again by its owner
/// (`std::recursive_mutex`, `std::recursive_timed_mutex`, ...).
bool isRecursiveLockableType(QualType T);

/// A short identifier describing \p E for use in a generated name: `m` for
/// `m`, `mu` for `this->mu_`, `state_mtx` for `state.mtx`. Empty if none.
std::string objectNameHint(const Expr *E);

/// \p Name without member-style decoration (`m_`, leading/trailing `_`).
std::string identifierHint(llvm::StringRef Name);

} // namespace clang::tidy::raii

#endif
