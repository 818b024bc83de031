//===- LockAcrossSuspendCheck.h - raii-lock-across-suspend ----------------===//
#ifndef RAII_TIDY_LOCKACROSSSUSPENDCHECK_H
#define RAII_TIDY_LOCKACROSSSUSPENDCHECK_H

#include "engine/ResourceCheck.h"
#include "support/NameMatcher.h"

namespace clang::tidy::raii {

/// Finds a thread-bound lock (a guard object alive, or a manual acquire not
/// yet released on some path) held where a coroutine suspends (`co_await`,
/// `co_yield`): it can be released on another thread, and whatever waits
/// for it while the coroutine is suspended may deadlock (C++ Core
/// Guidelines CP.52).
///
/// For the user-facing documentation see docs/checks/raii-lock-across-suspend.md.
class LockAcrossSuspendCheck : public ResourceCheck {
public:
  LockAcrossSuspendCheck(llvm::StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20 || LangOpts.Coroutines;
  }

protected:
  void report(const FunctionAnalysis &FA, ASTContext &Ctx) override;

private:
  /// True if \p A locks an object of a type made for coroutines, or is held
  /// by a guard of such a type.
  bool allowedLock(const Acquisition &A) const;
  /// True if what \p Suspend awaits is an allowed awaitable.
  bool allowedAwaitable(const Expr *Suspend) const;

  const std::string AllowedLockTypesOpt;
  const std::string AllowedAwaitablesOpt;
  const NameMatcher AllowedLockTypes;
  const NameMatcher AllowedAwaitables;
};

} // namespace clang::tidy::raii

#endif
