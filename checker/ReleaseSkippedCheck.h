//===- ReleaseSkippedCheck.h - raii-release-skipped -----------------------===//
#ifndef RAII_TIDY_RELEASESKIPPEDCHECK_H
#define RAII_TIDY_RELEASESKIPPEDCHECK_H

#include "GuardFixingCheck.h"

namespace clang::tidy::raii {

/// Finds manually acquired resources whose release is skipped on some path out of the function (return, break, continue, goto, throw, an exception from a call), and local handles never released.
///
/// For the user-facing documentation see docs/checks/raii-release-skipped.md.
class ReleaseSkippedCheck : public GuardFixingCheck {
public:
  using GuardFixingCheck::GuardFixingCheck;

protected:
  void report(const FunctionAnalysis &FA, ASTContext &Ctx) override;

private:
  /// `p = realloc(p, n)`, and acquires whose result is discarded.
  void reportLost(const FunctionAnalysis &FA, ASTContext &Ctx);
  /// The exits that skip \p A's release, at most three and one more note.
  void noteSkips(const FunctionAnalysis &FA, const Acquisition &A,
                 ASTContext &Ctx);
};

} // namespace clang::tidy::raii

#endif
