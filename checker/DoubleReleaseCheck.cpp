//===- DoubleReleaseCheck.cpp - raii-double-release -----------------------===//
#include "DoubleReleaseCheck.h"
#include "engine/BodyIndex.h"

namespace clang::tidy::raii {

void DoubleReleaseCheck::report(const FunctionAnalysis &FA, ASTContext &Ctx) {
  for (const DoubleRelease &D : FA.DoubleReleases) {
    const Acquisition &A = FA.Acquisitions[D.Acq];
    diag(exprDiagLoc(D.Second),
         "'%0' is released by '%1' on a path where it was already released")
        << A.Name << calleeName(D.Second);
    // Released with the handle a transfer gave it to (`fclose(f)` of `f =
    // fdopen(fd, ..)`): the first release does not name it.
    const auto *First = dyn_cast<CallExpr>(D.First);
    const bool Through =
        A.HandleVar && First &&
        llvm::none_of(First->arguments(), [&](const Expr *Arg) {
          return BodyIndex::refersTo(Arg, A.HandleVar);
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
