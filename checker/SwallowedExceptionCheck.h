//===- SwallowedExceptionCheck.h - raii-swallowed-exception ---------------===//
#ifndef RAII_TIDY_SWALLOWEDEXCEPTIONCHECK_H
#define RAII_TIDY_SWALLOWEDEXCEPTIONCHECK_H

#include "catalog/UnitCatalog.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "support/ExitHandlers.h"
#include "support/NameMatcher.h"
#include "support/SharedOptions.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::raii {

/// Finds exit handlers that silently swallow an exception: handlers in
/// destructors, scope-guard callbacks and `exit(std::exception_ptr)` members
/// that neither report, store nor comment on the exception; `catch (...)`
/// blocks that only release resources or repeat the cleanup after the `try`
/// and fall through; and `exit()` handlers that return true on every path.
///
/// For the user-facing documentation see docs/checks/raii-swallowed-exception.md.
class SwallowedExceptionCheck : public ClangTidyCheck {
public:
  SwallowedExceptionCheck(llvm::StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Walker.reset();
    BodyReports.clear();
    Catalog.startTranslationUnit();
  }
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus && LangOpts.CXXExceptions;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

private:
  void checkCatch(const CXXCatchStmt *Catch,
                  const ExitHandlerWalker::TrySite &Site, ASTContext &Ctx);
  void checkExitMember(const CXXMethodDecl *Exit, ASTContext &Ctx);
  /// How \p Body deals with the exception it sees.
  struct Handling {
    bool Reported = false; ///< Reported, stored, terminated or commented on.
    bool Rethrown = false;
  };
  /// \p Cleanup: statements known to be cleanup (repeated after the
  /// `try`), which report nothing whatever they call.
  Handling handlingIn(const Stmt *Body, const VarDecl *Exception,
                      SourceRange CommentRange, ASTContext &Ctx,
                      llvm::ArrayRef<const Stmt *> Cleanup = {}) const;
  bool isReportingCall(const CallExpr *Call) const;
  bool isReportingName(const NamedDecl *D) const;
  /// True if calling \p Call may report: a reporting name, or a function of
  /// the project that is not known to be silent (no visible body, or a body
  /// that may report, looked at through \p Depth levels of calls). Library
  /// functions and the catalog's releases are silent unless named as
  /// reporting.
  bool mayReport(const CallExpr *Call, unsigned Depth) const;
  bool hasIntentComment(SourceRange R, ASTContext &Ctx) const;

  const std::string ReportingFunctionsOption;
  const std::string IntentMarkersOption;
  const std::string SilentFunctionsOption;
  const SharedOptions Shared;
  UnitCatalog Catalog;
  const ExitHandlerRecognizer Recognizer;
  ExitHandlerWalker Walker;
  NameMatcher ReportingNames;
  std::vector<std::string> ReportingPatterns; ///< Lowercase, `*` wildcards.
  std::vector<std::string> IntentMarkers;     ///< Lowercase.
  std::vector<std::string> SilentPatterns;    ///< Lowercase, `*` wildcards.
  /// mayReport() of functions with bodies; false while being looked at.
  mutable llvm::DenseMap<const FunctionDecl *, bool> BodyReports;
};

} // namespace clang::tidy::raii

#endif
