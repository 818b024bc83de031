//===- GuardTypes.h - recognising scope-guard types -----------------------===//
//
// A guard type is a class whose destructor undoes what its constructor did
// (std::lock_guard, raii::scope_exit, ...). Checks recognise them by name
// through the shared `GuardTypes` option; this header resolves a type, also a
// dependent one written in a template, to the declaration to match, and
// tells how a library's lock guard is constructed (a fix declaring one).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_GUARDTYPES_H
#define RAII_TIDY_SUPPORT_GUARDTYPES_H

#include "clang/AST/Type.h"
#include <optional>

namespace clang::tidy::raii {

/// The default of the `GuardTypes` option: the standard library's lock guards,
/// the raii runtime's guards and the common third-party scope guards.
extern const char DefaultGuardTypes[];

/// True if \p GuardDecl (from guardDeclOf) is a scope guard that runs its
/// action on every exit from its scope (`raii::scope_exit`,
/// `std::experimental::scope_exit`, `boost::scope::scope_exit`,
/// `gsl::final_action`, `absl::Cleanup`); not one that runs it on failure or
/// success only, or that commits with it (`scope_fail`, `transaction`).
bool runsActionOnEveryExit(const NamedDecl *GuardDecl);

/// The declaration naming \p T's class or class template: the record for a
/// concrete type, the template for `std::lock_guard<M>` with dependent `M` or
/// for a CTAD placeholder. Null for other types.
const NamedDecl *guardDeclOf(QualType T);

/// True for the library lock guards known to take their lock in the
/// constructor and release it in the destructor, as `std::lock_guard` does
/// (`absl::MutexLock`, `boost::lock_guard`, `QMutexLocker`, ...); a fix may
/// declare one in place of the lock call. (Not `QSemaphoreReleaser`, which
/// only releases.)
bool isLibraryLockGuard(llvm::StringRef QualifiedName);

/// How a lock guard class that this translation unit declares is
/// constructed from the lock it holds.
struct LockGuardShape {
  bool ByPointer = false; ///< `absl::MutexLock l(&mu)`, `QMutexLocker l(&m)`
  bool IsTemplate = false; ///< needs `<Mutex>` before C++17
  bool HasUnlock = false;  ///< can release before its scope ends
};

/// The shape of guard class \p QualifiedName (`absl::MutexLock`, no
/// template arguments) for a lock of type \p Mutex, from its declaration in
/// \p Ctx: a constructor taking only the lock, by reference or pointer.
/// Nullopt when the unit does not declare the class or no constructor fits.
std::optional<LockGuardShape> lockGuardShape(ASTContext &Ctx,
                                             llvm::StringRef QualifiedName,
                                             QualType Mutex);

/// False only when \p T is a complete class type whose destructor is trivial
/// (such a type cannot release anything when it dies).
bool mayHaveNontrivialDestructor(QualType T);

} // namespace clang::tidy::raii

#endif
