//===- ProjectThrows.cpp - the scan for the project's throws and trys -----===//
#include "support/ProjectThrows.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::raii {

namespace {

class Scan : public RecursiveASTVisitor<Scan> {
public:
  explicit Scan(const SourceManager &SM) : SM(SM) {}
  bool Found = false;

  bool TraverseDecl(Decl *D) {
    // A declaration a system header spells (its whole subtree) is the
    // library's, not the project's.
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitCXXThrowExpr(CXXThrowExpr *) { return !(Found = true); }
  bool VisitCXXTryStmt(CXXTryStmt *) { return !(Found = true); }
  bool VisitObjCAtThrowStmt(ObjCAtThrowStmt *) { return !(Found = true); }
  bool VisitObjCAtTryStmt(ObjCAtTryStmt *) { return !(Found = true); }

private:
  const SourceManager &SM;
};

} // namespace

bool projectThrowsOrCatches(const ASTContext &Ctx) {
  Scan S(Ctx.getSourceManager());
  S.TraverseDecl(Ctx.getTranslationUnitDecl());
  return S.Found;
}

} // namespace clang::tidy::raii
