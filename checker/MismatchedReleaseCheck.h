//===- MismatchedReleaseCheck.h - raii-mismatched-release -----------------===//
#ifndef RAII_TIDY_MISMATCHEDRELEASECHECK_H
#define RAII_TIDY_MISMATCHEDRELEASECHECK_H

#include "engine/ResourceCheck.h"

namespace clang::tidy::raii {

/// Finds a resource released through another family's release (new[]/delete, malloc/delete, popen/fclose).
///
/// For the user-facing documentation see docs/checks/raii-mismatched-release.md.
class MismatchedReleaseCheck : public ResourceCheck {
public:
  using ResourceCheck::ResourceCheck;

protected:
  void report(const FunctionAnalysis &FA, ASTContext &Ctx) override;
};

} // namespace clang::tidy::raii

#endif
