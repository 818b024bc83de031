//===- ManualFinallyCheck.h - raii-manual-finally -------------------------===//
#ifndef RAII_TIDY_MANUALFINALLYCHECK_H
#define RAII_TIDY_MANUALFINALLYCHECK_H

#include "catalog/UnitCatalog.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "fixes/IncludePlacement.h"
#include "support/ExitHandlers.h"
#include "support/GuardNaming.h"
#include "support/NameMatcher.h"
#include "support/NothrowPolicy.h"
#include "support/RuntimeHeaders.h"
#include "support/SharedOptions.h"
#include "support/ThrowSites.h"

namespace clang::tidy::raii {

/// Finds hand-written `finally` blocks: `try { body } catch (...) { cleanup;
/// throw; } cleanup;` and the commit/rollback shape `try { body } catch (...)
/// { rollback; throw; } commit;`. Offers to declare a guard before the body
/// instead: a standard lock guard adopting the lock the cleanup unlocks
/// (both styles); in `RaiiGuardStyle: raii` otherwise `raii::scope_exit`, or
/// `raii::transaction` (`raii::scope_success` and `raii::scope_fail` when
/// the commit may throw, with the transaction as the alternative on a note).
///
/// For the user-facing documentation see docs/checks/raii-manual-finally.md.
class ManualFinallyCheck : public ClangTidyCheck {
public:
  ManualFinallyCheck(llvm::StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Namer.reset();
    Walker.reset();
    Policy.reset();
    Catalog.startTranslationUnit();
    resetIncludeInsertions();
  }
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11 && LangOpts.CXXExceptions;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

private:
  struct Plan;
  void checkTry(const CXXTryStmt *Try, const CompoundStmt *Block,
                const FunctionDecl *Fn, ASTContext &Ctx);
  bool isMarkedCall(const Stmt *S, llvm::ArrayRef<std::string> Markers) const;
  bool isCommitRollback(const Stmt *Rollback, const Stmt *Commit) const;
  /// The first place an exception can leave \p S (a throw, or a call that
  /// may throw and is not a release the rules say cannot), or null.
  const Stmt *throwSite(const Stmt *S, ASTContext &Ctx);
  /// Why no fix can be offered, as a statement to point at and a reason; a
  /// null statement with reason 0 means the fix is safe.
  std::pair<const Stmt *, unsigned>
  fixBlocker(const CXXTryStmt *Try, const FunctionDecl *Fn,
             llvm::ArrayRef<const Stmt *> Actions, ASTContext &Ctx);
  /// The guards for a finally whose cleanup is \p Cleanup, the `try`
  /// following statement \p Before of its block (or null).
  Plan planFinally(llvm::ArrayRef<const Stmt *> Cleanup, const Stmt *Before,
                   const FunctionDecl *Fn, ASTContext &Ctx);
  /// The guards for the commit/rollback shape.
  Plan planCommitRollback(const Stmt *Commit, const Stmt *Rollback,
                          ASTContext &Ctx);

  const SharedOptions Shared;
  /// `RaiiGuardStyle: raii`: the runtime's guards where no standard one
  /// says the cleanup exactly.
  const bool RaiiStyle;
  UnitCatalog Catalog;
  const std::string CommitMarkersOption;
  const std::string RollbackMarkersOption;
  const NameMatcher AssumeNothrow;
  std::vector<std::string> CommitMarkers;
  std::vector<std::string> RollbackMarkers;
  NothrowPolicy Policy;
  ThrowSites Sites;
  utils::IncludeInserter Inserter;
  /// For the alternative fix on a note: its include is not the main fix's
  /// (only one of the two is applied).
  utils::IncludeInserter AlternativeInserter;
  RuntimeHeaders Runtime;
  GuardNamer Namer;
  /// Finds the `try` statements and their blocks; guards do not matter here.
  const ExitHandlerRecognizer Recognizer;
  ExitHandlerWalker Walker;
};

} // namespace clang::tidy::raii

#endif
