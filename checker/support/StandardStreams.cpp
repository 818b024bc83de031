//===- StandardStreams.cpp - the standard streams' functions and masks ----===//
#include "support/StandardStreams.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "support/ProjectScan.h"

namespace clang::tidy::raii {

/// `std::ios_base`, or a class of namespace `std` derived from it.
static bool isStandardStreamClass(const CXXRecordDecl *RD, unsigned Depth) {
  if (!RD || Depth > 8 || !RD->isInStdNamespace())
    return false;
  if (RD->getIdentifier() && RD->getName() == "ios_base")
    return true;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    return false;
  for (const CXXBaseSpecifier &B : Def->bases())
    if (isStandardStreamClass(B.getType()->getAsCXXRecordDecl(), Depth + 1))
      return true;
  return false;
}

/// The class or enumeration \p T names, through references, pointers and
/// qualifiers.
static const TagDecl *namedType(QualType T) {
  T = T.getNonReferenceType();
  while (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  return T->getAsTagDecl();
}

bool isStandardStreamFunction(const FunctionDecl *FD) {
  if (!FD)
    return false;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    return isStandardStreamClass(MD->getParent(), 0);
  if (!FD->isInStdNamespace() || FD->getNumParams() == 0 ||
      !FD->getParamDecl(0)->getType()->isReferenceType() ||
      !isStandardStreamClass(dyn_cast_or_null<CXXRecordDecl>(
                                 namedType(FD->getParamDecl(0)->getType())),
                             0))
    return false;
  for (const ParmVarDecl *P : FD->parameters())
    if (const TagDecl *TD = namedType(P->getType());
        TD && !TD->isInStdNamespace())
      return false;
  return true;
}

namespace {

class MaskScan : public ProjectScan<MaskScan> {
public:
  using ProjectScan::ProjectScan;
  bool Found = false;

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *MD = Call->getMethodDecl();
    if (MD && Call->getNumArgs() == 1 && MD->getIdentifier() &&
        MD->getName() == "exceptions" &&
        isStandardStreamClass(MD->getParent(), 0))
      Found = true;
    return !Found;
  }
  // A template's instantiations: `s.exceptions(mask)` with `s` a stream
  // there.
  bool shouldVisitTemplateInstantiations() const { return true; }
};

} // namespace

bool projectSetsStreamExceptions(const ASTContext &Ctx) {
  MaskScan S(Ctx.getSourceManager());
  S.TraverseDecl(Ctx.getTranslationUnitDecl());
  return S.Found;
}

} // namespace clang::tidy::raii
