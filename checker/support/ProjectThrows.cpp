//===- ProjectThrows.cpp - the scan for the project's throws and trys -----===//
#include "support/ProjectThrows.h"
#include "support/ProjectScan.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii {

namespace {

/// \p T catches `std::bad_alloc`, and else only `std::exception` and `...`:
/// the safety net around a whole program or task (nghttp2's `run_app`:
/// "Out of memory", what(), "Unknown exception caught"), which expects the
/// allocator's exceptions, not the project's. A lone `catch (...)` around
/// a call is still taken to expect that call to throw.
bool safetyNet(const CXXTryStmt *T) {
  bool OutOfMemory = false;
  for (unsigned I = 0; I < T->getNumHandlers(); ++I) {
    QualType Caught = T->getHandler(I)->getCaughtType();
    if (Caught.isNull())
      continue; // `...`
    const auto *RD = Caught.getNonReferenceType()->getAsCXXRecordDecl();
    if (!RD || !RD->getIdentifier() || !RD->isInStdNamespace())
      return false;
    if (RD->getName() == "bad_alloc")
      OutOfMemory = true;
    else if (RD->getName() != "exception")
      return false;
  }
  return OutOfMemory;
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
