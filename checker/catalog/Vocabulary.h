//===- Vocabulary.h - the words of the lock and container APIs ------------===//
//
// The names every check that reasons about ownership agrees on, in one place:
// the member functions that lock and unlock a lockable or a guard, the
// functions that lock several lockables at once (`std::lock`), the
// guards' `release()`, the lock tags that change what a guard's constructor
// does (`std::defer_lock`, `std::adopt_lock`, `std::try_to_lock`), and the
// members of containers that store their argument (a handle stored there is
// handed off to the container).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_CATALOG_VOCABULARY_H
#define RAII_TIDY_CATALOG_VOCABULARY_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::raii {

/// `lock`, `try_lock`, `try_lock_for`, `lock_shared`, ... (a member of a
/// lockable or of a movable guard that takes the lock).
bool isLockMethodName(llvm::StringRef Name);
/// `lock` and `lock_shared`: the blocking ones.
bool isBlockingLockMethodName(llvm::StringRef Name);
/// `unlock` and `unlock_shared`.
bool isUnlockMethodName(llvm::StringRef Name);
/// A guard's `release()`: it lets go of the lock without unlocking it.
bool isGuardReleaseMethodName(llvm::StringRef Name);

/// True for a function that locks each of its arguments as the argument's
/// own `lock()` does, avoiding deadlock among them: `std::lock(a, b, ...)`
/// (and `boost::lock`). Each argument is then held until unlocked.
bool isLockEachFunction(const FunctionDecl *FD);

/// What a lock tag passed to a guard's constructor says.
enum class LockTag { None, Defer, Adopt, TryTo };
/// The tag \p Arg is (`std::defer_lock` and friends), or LockTag::None.
LockTag lockTagOf(const Expr *Arg);

/// True if \p Call stores its arguments in the object it is called on: the
/// insertion members of the standard containers and adaptors (and of
/// containers that copy their interface), an assignment operator, or a
/// smart pointer's `reset(p)`.
bool storesArguments(const CallExpr *Call);

/// True if \p Call forwards its arguments to the constructor of an object
/// it allocates (`std::make_shared<Sock>(fd)`, `std::make_unique`,
/// `std::allocate_shared`, Boost's): the object may keep them.
bool buildsOwnedObject(const CallExpr *Call);

} // namespace clang::tidy::raii

#endif
