//===- LockGuardRewrite.h - manual lock/unlock pairs into standard guards -===//
//
// Decides, from the engine's facts about one lock acquisition, whether
// `m.lock(); ... m.unlock();` can be rewritten into a standard guard declared
// where the lock is taken, and builds the edits:
//
//  - every release sits where leaving the lock's block would release anyway
//    (the block's last statement, or right before a `return` / `break` /
//    `continue` that leaves the block, with nothing destroyed in between
//    that the guard would keep locked) → the family's guard
//    (`std::lock_guard`, `std::shared_lock`) at the lock, those releases
//    deleted;
//  - some release is followed by more code → `std::unique_lock` (or the
//    family's unlockable guard), and those releases become `guard.unlock()`;
//  - paths that leave the block without releasing (raii-release-skipped)
//    are released by the guard too: the one change of behaviour, and the
//    point of the fix.
//
// Anything else is refused with a one-line reason: macros, template
// instantiations, a lock that is not a statement of its own, releases
// outside the lock's block or through other functions, the same lock taken
// twice in the function, labels a jump could reach past the guard, `goto`.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_FIXES_LOCKGUARDREWRITE_H
#define RAII_TIDY_FIXES_LOCKGUARDREWRITE_H

#include "engine/FunctionAnalysis.h"
#include "support/GuardNaming.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace clang::tidy::raii {

struct GuardRewrite {
  llvm::SmallVector<FixItHint, 4> Fixes; ///< empty when refused
  std::string Refusal; ///< why there is no fix (one line), when refused
  bool ok() const { return !Fixes.empty(); }
  static GuardRewrite refused(std::string Why) {
    GuardRewrite R;
    R.Refusal = std::move(Why);
    return R;
  }
};

/// Plans the rewrite of acquisition \p Acq of \p FA (a manual lock) into
/// \p GuardTemplate, the family's standard guard (`std::lock_guard`,
/// `std::shared_lock`).
GuardRewrite planLockGuardRewrite(const FunctionAnalysis &FA, unsigned Acq,
                                  llvm::StringRef GuardTemplate,
                                  ASTContext &Ctx);

/// True for the standard guards this rewrite declares: `std::lock_guard`,
/// `std::scoped_lock`, `std::unique_lock`, `std::shared_lock`.
bool isRewritableLockGuard(llvm::StringRef Guard);

/// The names the guard rewrites (locks, C++ handles) hand out in this
/// translation unit, so that two fixes never pick clashing names.
GuardNamer &guardRewriteNamer();

/// Forgets the guard names handed out (at the start of a translation unit).
void resetGuardRewriteNames();

} // namespace clang::tidy::raii

#endif
