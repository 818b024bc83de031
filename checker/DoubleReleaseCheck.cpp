//===- DoubleReleaseCheck.cpp - raii-double-release -----------------------===//
#include "DoubleReleaseCheck.h"

namespace clang::tidy::raii {

void DoubleReleaseCheck::report(const FunctionAnalysis &FA, ASTContext &Ctx) {
  for (const DoubleRelease &D : FA.DoubleReleases) {
    const Acquisition &A = FA.Acquisitions[D.Acq];
    diag(exprDiagLoc(D.Second),
         "'%0' is released by '%1' on a path where it was already released")
        << A.Name << calleeName(D.Second);
    // Released with the handle a transfer gave it to (`fclose(f)` of `f =
    // fdopen(fd, ..)`): the first release is none of its family's, nor
    // one of a wrapper (a summary's release names the wrapper).
    const auto *First = dyn_cast<CallExpr>(D.First);
    const FunctionDecl *FD = First ? First->getDirectCallee() : nullptr;
    const bool Through =
        A.Fam && FD && FD->getIdentifier() && !FD->hasBody() &&
        llvm::none_of(A.Fam->Releases, [&](const Release &R) {
          return llvm::StringRef(R.Function).ends_with(FD->getName());
        });
    diag(exprDiagLoc(D.First),
         Through ? "'%0' was first released here, with the handle it was "
                   "handed to"
                 : "'%0' was first released here",
         DiagnosticIDs::Note)
        << A.Name;
  }
}

} // namespace clang::tidy::raii
