//===- ProjectScan.h - a walk over the project's own declarations ---------===//
//
// A RecursiveASTVisitor that leaves out every declaration a system header
// spells (its whole subtree: the library's, not the project's). The scans
// of a translation unit for what the project's code does (ProjectThrows,
// StandardStreams) derive from it.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_PROJECTSCAN_H
#define RAII_TIDY_SUPPORT_PROJECTSCAN_H

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::raii {

template <class Derived>
class ProjectScan : public RecursiveASTVisitor<Derived> {
public:
  explicit ProjectScan(const SourceManager &SM) : SM(SM) {}

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor<Derived>::TraverseDecl(D);
  }

private:
  const SourceManager &SM;
};

} // namespace clang::tidy::raii

#endif
