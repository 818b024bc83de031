//===- ReleaseSkippedCheck.h - raii-release-skipped -----------------------===//
#ifndef RAII_TIDY_RELEASESKIPPEDCHECK_H
#define RAII_TIDY_RELEASESKIPPEDCHECK_H

#include "engine/ResourceCheck.h"

namespace clang::tidy::raii {

/// Finds manually acquired resources whose release is skipped on some path out of the function (return, break, continue, goto, throw, an exception from a call), and local handles never released.
///
/// For the user-facing documentation see docs/checks/raii-release-skipped.md.
class ReleaseSkippedCheck : public ResourceCheck {
public:
  using ResourceCheck::ResourceCheck;

protected:
  void report(const FunctionAnalysis &FA, ASTContext &Ctx) override;
};

} // namespace clang::tidy::raii

#endif
