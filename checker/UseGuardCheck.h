//===- UseGuardCheck.h - raii-use-guard -----------------------------------===//
#ifndef RAII_TIDY_USEGUARDCHECK_H
#define RAII_TIDY_USEGUARDCHECK_H

#include "GuardFixingCheck.h"

namespace clang::tidy::raii {

/// Finds manual acquire/release pairs that are correct on every path today
/// and could be a guard object (C++ Core Guidelines R.1, CP.20): locks, and
/// handles released by hand on more than one path.
///
/// For the user-facing documentation see docs/checks/raii-use-guard.md.
class UseGuardCheck : public GuardFixingCheck {
public:
  using GuardFixingCheck::GuardFixingCheck;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
protected:
  void report(const FunctionAnalysis &FA, ASTContext &Ctx) override;
};

} // namespace clang::tidy::raii

#endif
