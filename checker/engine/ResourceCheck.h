//===- ResourceCheck.h - base of the checks that share the engine ---------===//
//
// Reads the shared options (support/SharedOptions.h) and GuardTypes, loads
// the rules catalog, matches function definitions and lambdas, and hands
// each analysed function to the concrete check's report(). The analysis
// itself is shared between the checks through the engine's cache.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_RESOURCECHECK_H
#define RAII_TIDY_ENGINE_RESOURCECHECK_H

#include "catalog/UnitCatalog.h"
#include "engine/Analysis.h"
#include "support/SharedOptions.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::raii {

class ResourceCheck : public ClangTidyCheck {
public:
  ResourceCheck(llvm::StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    clearAnalysisCache();
    Catalog.startTranslationUnit();
  }

protected:
  virtual void report(const FunctionAnalysis &FA, ASTContext &Ctx) = 0;
  /// The guard a fix or message names for \p F under RaiiGuardStyle: in
  /// `std` style the family's `std` guard (the standard's or the library's
  /// own, never the raii runtime's; empty when it names none).
  llvm::StringRef guardFor(const Family &F) const;
  /// The guard to advise for \p A: a type, "" for "a scope guard", or
  /// nullopt when none fits (the family names none, or \p A locks through
  /// a member of a class that is not BasicLockable, `mutex_.Lock()`). A
  /// lock of `std::lock(a, b)` is advised `std::scoped_lock` under C++17
  /// (\p LO), which takes them all.
  std::optional<llvm::StringRef> guardAdvice(const Acquisition &A,
                                             const LangOptions &LO) const;
  /// \p Guard as a message spells it for \p A: the rule's placeholder `T`
  /// becomes the type the handle points to (`std::unique_ptr<char, void
  /// (*)(void *)>` for a `char *` from `malloc`).
  static std::string guardText(llvm::StringRef Guard, const Acquisition &A,
                               const ASTContext &Ctx);
  /// Emits the note that points into the wrapper a summary made an acquire
  /// or a release of.
  void noteWrapper(const FunctionDecl *Via, const Stmt *Inside,
                   llvm::StringRef What);
  /// Emits the note at another acquire of a variable whose finding is
  /// given once, at its first acquire.
  void noteAlsoAcquired(const Acquisition &Other);

private:
  const SharedOptions Shared;
  const AnalysisOptions Opts;
  UnitCatalog Catalog;
};

} // namespace clang::tidy::raii

#endif
