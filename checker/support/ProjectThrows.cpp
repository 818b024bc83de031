//===- ProjectThrows.cpp - the scan for the project's throws and trys -----===//
#include "support/ProjectThrows.h"
#include "support/ProjectScan.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii {

namespace {

/// \p T's handlers catch nothing but `...` and `std::bad_alloc`: a safety
/// net around a whole program or task (nghttp2's `run_app`: "Out of
/// memory", "Unknown exception caught"), which expects exceptions from the
/// allocator and the library, not from the project's own functions.
bool safetyNet(const CXXTryStmt *T) {
  for (unsigned I = 0; I < T->getNumHandlers(); ++I) {
    QualType Caught = T->getHandler(I)->getCaughtType();
    if (Caught.isNull())
      continue; // `...`
    Caught = Caught.getNonReferenceType();
    const auto *RD = Caught->getAsCXXRecordDecl();
    if (!RD || !RD->getIdentifier() || RD->getName() != "bad_alloc" ||
        !RD->isInStdNamespace())
      return false;
  }
  return true;
}

class Scan : public ProjectScan<Scan> {
public:
  using ProjectScan::ProjectScan;
  bool Found = false;

  bool VisitCXXThrowExpr(CXXThrowExpr *) { return !(Found = true); }
  bool VisitCXXTryStmt(CXXTryStmt *T) {
    return safetyNet(T) || !(Found = true);
  }
  bool VisitObjCAtThrowStmt(ObjCAtThrowStmt *) { return !(Found = true); }
  bool VisitObjCAtTryStmt(ObjCAtTryStmt *) { return !(Found = true); }
};

} // namespace

bool projectThrowsOrCatches(const ASTContext &Ctx) {
  Scan S(Ctx.getSourceManager());
  S.TraverseDecl(Ctx.getTranslationUnitDecl());
  return S.Found;
}

} // namespace clang::tidy::raii
