//===- ReacquireCheck.h - raii-reacquire ----------------------------------===//
#ifndef RAII_TIDY_REACQUIRECHECK_H
#define RAII_TIDY_REACQUIRECHECK_H

#include "engine/ResourceCheck.h"

namespace clang::tidy::raii {

/// Finds a non-recursive lock acquired again while the function already holds it (also through a guard in an enclosing scope): a self-deadlock.
///
/// For the user-facing documentation see docs/checks/raii-reacquire.md.
class ReacquireCheck : public ResourceCheck {
public:
  using ResourceCheck::ResourceCheck;

protected:
  void report(const FunctionAnalysis &FA, ASTContext &Ctx) override;
};

} // namespace clang::tidy::raii

#endif
