//===- LockGuardRewrite.h - manual lock/unlock pairs into guards ----------===//
//
// Decides, from the engine's facts about one lock acquisition, whether
// `m.lock(); ... m.unlock();` (or `pthread_mutex_lock(&m); ...
// pthread_mutex_unlock(&m);`) can be rewritten into a guard declared where
// the lock is taken, and builds the edits. Where the guard goes and which
// releases it replaces is decided once, for every spelling of the guard:
//
//  - every release sits where leaving the lock's block would release anyway
//    (the block's last statement, or right before a `return` / `break` /
//    `continue` that leaves the block, with nothing destroyed in between
//    that the guard would keep locked) → the guard at the lock, those
//    releases deleted;
//  - some release is followed by more code → that release stays a release:
//    `std::unique_lock` and `guard.unlock()` for a standard guard; for a
//    `raii::scope_exit` the call stays and `guard.release()` follows it; for
//    a C cleanup variable (`RAII_MUTEX_GUARD`, `RAII_AUTO(mtx_unlock)`) the
//    call stays and `guard = NULL;` follows it;
//  - a try-lock that is the whole condition of an `if` (`if (m.try_lock())`,
//    or `if (!m.try_lock())` whose branch leaves the block) → the guard
//    taken with `std::try_to_lock` before the `if` (a timed one,
//    `try_lock_for(d)` / `try_lock_until(t)`, with its `d` / `t`: the
//    guard's constructor calls it), whose condition asks
//    `guard.owns_lock()`;
//  - the locks of one `std::lock(a, b)` together: `std::scoped_lock
//    lock_a_b(a, b);` in place of the call (C++17, no release before the
//    block's end), otherwise the call stays and a guard per lock adopts it;
//  - paths that leave the block without releasing (raii-release-skipped)
//    are released by the guard too: the one change of behaviour, and the
//    point of the fix.
//
// Anything else is refused with a one-line reason: macros, template
// instantiations, a lock that is not a statement of its own, releases
// outside the lock's block or through other functions, the same lock taken
// twice in the function, labels a jump could reach past the guard, `goto`;
// for a `raii::scope_exit`, which evaluates the locked object again when it
// releases, an object whose expression could mean another one by then.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_FIXES_LOCKGUARDREWRITE_H
#define RAII_TIDY_FIXES_LOCKGUARDREWRITE_H

#include "engine/BodyIndex.h"
#include "engine/FunctionAnalysis.h"
#include "support/GuardNaming.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang::tidy::raii {

struct GuardRewrite {
  llvm::SmallVector<FixItHint, 4> Fixes; ///< empty when refused
  std::string Refusal; ///< why there is no fix (one line), when refused
  /// The guard the fix declares when it is not the one advised (`raii`
  /// style falling back to `std::unique_ptr` where the runtime cannot be
  /// included): the message names what the fix writes.
  std::string DeclaredGuard;
  /// No fix of its own and no note: another finding's fix rewrites this
  /// acquisition too (the locks of one `std::lock(a, b)`).
  bool Covered = false;
  bool ok() const { return !Fixes.empty(); }
  static GuardRewrite refused(std::string Why) {
    GuardRewrite R;
    R.Refusal = std::move(Why);
    return R;
  }
};

/// How the guard a lock is rewritten into is spelled.
enum class LockGuardForm {
  /// `std::lock_guard lock_m(m);` in place of `m.lock()` (a member call).
  Standard,
  /// A library's guard the unit declares, constructed as its declaration
  /// says: `absl::MutexLock lock_mu(&mu);` in place of `mu.Lock()`.
  Library,
  /// `pthread_mutex_lock(&m);` stays and `raii::scope_exit lock_m([&] {
  /// pthread_mutex_unlock(&m); });` follows it (a call taking the lock as
  /// an argument, in C++).
  ScopeExit,
  /// `RAII_MUTEX_GUARD(lock_m, &m);` of <raii/cleanup.h> in place of
  /// `pthread_mutex_lock(&m);` (C, with the cleanup attribute).
  CMutexGuard,
  /// `mtx_lock(&m);` stays and `RAII_AUTO(mtx_unlock) mtx_t *lock_m = &m;`
  /// follows it: a cleanup variable holding the locked object (C, any lock
  /// taken by a call whose release takes only the object).
  CCleanupLock
};

/// Plans the rewrite of acquisition \p Acq of \p FA (a manual lock) into a
/// guard of form \p Form; for LockGuardForm::Standard, \p GuardTemplate is
/// the family's standard guard (`std::lock_guard`, `std::shared_lock`).
GuardRewrite planLockGuardRewrite(const FunctionAnalysis &FA, unsigned Acq,
                                  LockGuardForm Form,
                                  llvm::StringRef GuardTemplate,
                                  ASTContext &Ctx);

/// The object a lock taken by a member call locks (`m.lock()`, `p->lock()`,
/// `lock()` in a class that is its own mutex), as a guard's constructor
/// takes it.
struct LockedObject {
  std::string Text;     ///< `m`, `*p`, `*this`
  QualType Type;        ///< the mutex type
  const Expr *Obj = nullptr; ///< the object's expression
  std::string NameBase; ///< the guard's name before uniquing: `lock_m`
};

/// The object \p MC locks, spelled for a guard; nullopt with the reason in
/// \p Why when it cannot be (written in a macro, no object).
std::optional<LockedObject> lockedObjectOf(const CXXMemberCallExpr *MC,
                                           const SourceManager &SM,
                                           const LangOptions &LO,
                                           std::string &Why);

/// Why the locked object's expression \p E, evaluated at another time than
/// the guard binds or releases it, could name another object: it calls a
/// function or has a side effect, or reads a variable that the function of
/// \p Body writes or that is not its own (a global, a member), or reads
/// through a reference or a structured binding. nullopt if it is stable.
std::optional<std::string> unstableObject(const Expr *E, const BodyIndex &Body,
                                          ASTContext &Ctx);

/// True if \p A is a lock taken by a call that is handed the locked object
/// as an argument (`pthread_mutex_lock(&m)`, `mtx_lock(&m)`): the shape the
/// ScopeExit and CMutexGuard forms rewrite.
bool lockedByCall(const Acquisition &A);

/// True for the standard guards this rewrite declares: `std::lock_guard`,
/// `std::scoped_lock`, `std::unique_lock`, `std::shared_lock`.
bool isRewritableLockGuard(llvm::StringRef Guard);
/// The header that declares standard lock guard \p Guard: `<shared_mutex>`
/// for `std::shared_lock`, `<mutex>` for the others.
llvm::StringRef lockGuardHeader(llvm::StringRef Guard);

/// The names the guard rewrites (locks, C++ handles) hand out in this
/// translation unit, so that two fixes never pick clashing names.
GuardNamer &guardRewriteNamer();

/// Forgets the guard names handed out (at the start of a translation unit).
void resetGuardRewriteNames();

} // namespace clang::tidy::raii

#endif
