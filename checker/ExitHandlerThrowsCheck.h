//===- ExitHandlerThrowsCheck.h - raii-exit-handler-throws ----------------===//
#ifndef RAII_TIDY_EXITHANDLERTHROWSCHECK_H
#define RAII_TIDY_EXITHANDLERTHROWSCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "support/ExitHandlers.h"
#include "support/NameMatcher.h"
#include "support/NothrowPolicy.h"
#include "support/SharedOptions.h"
#include "support/ThrowSites.h"

namespace clang::tidy::raii {

/// Finds exit handlers that may throw: a `throw` or a call of a function
/// that may throw in a destructor, a scope-guard callback or an
/// `exit(std::exception_ptr)` member, not caught inside it; and handlers of a
/// destructor's function-try-block, which rethrow when they reach their end.
///
/// For the user-facing documentation see docs/checks/raii-exit-handler-throws.md.
class ExitHandlerThrowsCheck : public ClangTidyCheck {
public:
  ExitHandlerThrowsCheck(llvm::StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Walker.reset();
    Policy.reset();
  }
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus && LangOpts.CXXExceptions;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

private:
  void checkHandler(const ExitHandler &Handler, ASTContext &Ctx);
  void noteHandler(const ExitHandler &Handler);

  const SharedOptions Shared;
  const bool AllowNoexceptFalse;
  const bool TreatUnknownAsThrowing;
  const NameMatcher AssumeNothrow;
  const ExitHandlerRecognizer Recognizer;
  NothrowPolicy Policy;
  ThrowSites Sites;
  ExitHandlerWalker Walker;
};

} // namespace clang::tidy::raii

#endif
