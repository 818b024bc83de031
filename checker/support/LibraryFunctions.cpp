//===- LibraryFunctions.cpp - is this function the system's? --------------===//
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::raii {

bool isLibraryFunction(const FunctionDecl *FD) {
  return FD->getASTContext().getSourceManager().isInSystemHeader(
      FD->getLocation());
}

bool isCLibraryFunction(const FunctionDecl *FD) {
  return (FD->isExternC() || !FD->getASTContext().getLangOpts().CPlusPlus) &&
         isLibraryFunction(FD);
}

} // namespace clang::tidy::raii
