//===- GuardFixingCheck.h - base of the checks that rewrite into guards ---===//
//
// raii-use-guard and raii-release-skipped both offer the rewrite of a manual
// lock into a standard guard or, in `raii` style, a lock taken by a call
// into `raii::scope_exit` (fixes/LockGuardRewrite.h), of a C++ handle into
// the guard its rule names (fixes/HandleGuardRewrite.h), and in C, with
// option RaiiCCleanupAttribute (off by default), of a handle into a
// <raii/cleanup.h> cleanup variable (fixes/CCleanupRewrite.h) and of a
// pthread mutex lock into `RAII_MUTEX_GUARD` (fixes/LockGuardRewrite.h).
// This base plans it for an acquisition, adds the header with clang-tidy's
// IncludeInserter (option IncludeStyle), and says in a note why an
// acquisition that has a rewrite gets no fix.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_GUARDFIXINGCHECK_H
#define RAII_TIDY_GUARDFIXINGCHECK_H

#include "engine/ResourceCheck.h"
#include "fixes/LockGuardRewrite.h"
#include "support/RuntimeHeaders.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include <optional>

namespace clang::tidy::raii {

class GuardFixingCheck : public ResourceCheck {
public:
  GuardFixingCheck(llvm::StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void onStartOfTranslationUnit() override;

protected:
  /// The rewrite of acquisition \p I into \p Guard (the guard the message
  /// names; none in C), header included; nullopt when \p I has no rewrite
  /// (not a lock with a standard guard this rewrite declares, not a handle
  /// whose guard a handle rewrite declares; in C, not a handle, or
  /// RaiiCCleanupAttribute is off).
  std::optional<GuardRewrite> planGuardFix(const FunctionAnalysis &FA,
                                           unsigned I,
                                           std::optional<llvm::StringRef> Guard,
                                           ASTContext &Ctx);
  /// After the warning: the note saying why \p Fix was refused, if it was
  /// (at the acquire, or where the macro that holds it is expanded).
  void noteRefusal(const std::optional<GuardRewrite> &Fix,
                   const Acquisition &A, const SourceManager &SM);
  /// The guard a message names: the one \p Fix declares when it fell back
  /// to another (`std::unique_ptr` in `raii` style without the runtime),
  /// otherwise \p Advised.
  static llvm::StringRef shownGuard(llvm::StringRef Advised,
                                    const std::optional<GuardRewrite> &Fix) {
    return Fix && !Fix->DeclaredGuard.empty()
               ? llvm::StringRef(Fix->DeclaredGuard)
               : Advised;
  }
  /// \p Fix's edits, for a diagnostic (none when refused or absent).
  static llvm::ArrayRef<FixItHint>
  fixesOf(const std::optional<GuardRewrite> &Fix) {
    return Fix ? llvm::ArrayRef<FixItHint>(Fix->Fixes)
               : llvm::ArrayRef<FixItHint>();
  }

private:
  /// Adds to \p Fix (if it is one) the include of \p Header (`<memory>`) in
  /// the file of \p A's acquire, unless the file has it or a fix of this
  /// translation unit already adds it.
  void includeFor(GuardRewrite &Fix, const Acquisition &A,
                  llvm::StringRef Header, ASTContext &Ctx);
  /// C++ handles: the guard a rule names (fixes/HandleGuardRewrite.h).
  std::optional<GuardRewrite> planHandleFix(const FunctionAnalysis &FA,
                                            unsigned I, llvm::StringRef Guard,
                                            ASTContext &Ctx);
  /// C++ locks taken by a call whose family's guard is `raii::scope_exit`
  /// (`pthread_mutex_lock`, `mtx_lock`, user families), advised \p Guard:
  /// the scope_exit form of fixes/LockGuardRewrite.h where the runtime can
  /// be included; in `std` style (\p Guard empty) a refusal.
  std::optional<GuardRewrite> planScopeExitLockFix(const FunctionAnalysis &FA,
                                                   unsigned I,
                                                   llvm::StringRef Guard,
                                                   ASTContext &Ctx);
  /// C: handles into <raii/cleanup.h> variables, pthread mutexes into
  /// `RAII_MUTEX_GUARD`, other locks taken by a call into a cleanup
  /// variable holding the locked object.
  std::optional<GuardRewrite> planCFix(const FunctionAnalysis &FA, unsigned I,
                                       ASTContext &Ctx);
  /// C: `mtx_lock(&m);` followed by `RAII_AUTO(mtx_unlock) mtx_t *lock_m =
  /// &m;`, with the helper's definition (fixes/CleanupDefinition.h).
  GuardRewrite planCCleanupLock(const FunctionAnalysis &FA, unsigned I,
                                ASTContext &Ctx);
  /// Joins insertions of one fix at one place into one.
  static void mergeInsertions(GuardRewrite &Fix);
  /// The release of \p A's lock family (`pthread_mutex_unlock`).
  static std::string lockRelease(const Acquisition &A);

  utils::IncludeInserter Inserter;
  RuntimeHeaders Runtime;
  bool CCleanupAttribute;
};

} // namespace clang::tidy::raii

#endif
