//===- GuardFixingCheck.h - base of the checks that rewrite into guards ---===//
//
// raii-use-guard and raii-release-skipped both offer the rewrite of a manual
// lock into a standard guard (fixes/LockGuardRewrite.h). This base plans it
// for an acquisition, adds the guard's header with clang-tidy's
// IncludeInserter (option IncludeStyle), and says in a note why a lock that
// has a standard guard gets no fix.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_GUARDFIXINGCHECK_H
#define RAII_TIDY_GUARDFIXINGCHECK_H

#include "engine/ResourceCheck.h"
#include "fixes/LockGuardRewrite.h"
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
  /// names), header included; nullopt when \p I is not a lock with a
  /// standard guard this rewrite declares.
  std::optional<GuardRewrite> planGuardFix(const FunctionAnalysis &FA,
                                           unsigned I,
                                           std::optional<llvm::StringRef> Guard,
                                           ASTContext &Ctx);
  /// After the warning: the note saying why \p Fix was refused, if it was
  /// (at the acquire, or where the macro that holds it is expanded).
  void noteRefusal(const std::optional<GuardRewrite> &Fix,
                   const Acquisition &A, const SourceManager &SM);
  /// \p Fix's edits, for a diagnostic (none when refused or absent).
  static llvm::ArrayRef<FixItHint>
  fixesOf(const std::optional<GuardRewrite> &Fix) {
    return Fix ? llvm::ArrayRef<FixItHint>(Fix->Fixes)
               : llvm::ArrayRef<FixItHint>();
  }

private:
  utils::IncludeInserter Inserter;
};

} // namespace clang::tidy::raii

#endif
