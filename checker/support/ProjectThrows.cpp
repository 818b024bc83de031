//===- ProjectThrows.cpp - the scan for the project's throws and trys -----===//
#include "support/ProjectThrows.h"
#include "support/ProjectScan.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::raii {

namespace {

class Scan : public ProjectScan<Scan> {
public:
  using ProjectScan::ProjectScan;
  bool Found = false;

  bool VisitCXXThrowExpr(CXXThrowExpr *) { return !(Found = true); }
  bool VisitCXXTryStmt(CXXTryStmt *) { return !(Found = true); }
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
