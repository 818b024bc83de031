//===- DoubleReleaseCheck.h - raii-double-release -------------------------===//
#ifndef RAII_TIDY_DOUBLERELEASECHECK_H
#define RAII_TIDY_DOUBLERELEASECHECK_H

#include "engine/ResourceCheck.h"

namespace clang::tidy::raii {

/// Finds a release reached a second time for one acquisition on some path.
///
/// For the user-facing documentation see docs/checks/raii-double-release.md.
class DoubleReleaseCheck : public ResourceCheck {
public:
  using ResourceCheck::ResourceCheck;

protected:
  void report(const FunctionAnalysis &FA, ASTContext &Ctx) override;
};

} // namespace clang::tidy::raii

#endif
