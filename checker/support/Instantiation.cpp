//===- Instantiation.cpp --------------------------------------------------===//
#include "support/Instantiation.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::raii {

static bool isInstantiation(const Decl *D) {
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    return FD->isTemplateInstantiation();
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) {
    switch (RD->getTemplateSpecializationKind()) {
    case TSK_ImplicitInstantiation:
    case TSK_ExplicitInstantiationDeclaration:
    case TSK_ExplicitInstantiationDefinition:
      return true;
    default:
      return false;
    }
  }
  if (const auto *VD = dyn_cast<VarDecl>(D))
    return isTemplateInstantiation(VD->getTemplateSpecializationKind());
  return false;
}

bool isInInstantiatedContext(const Decl *D) {
  if (isInstantiation(D))
    return true;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (isInstantiation(cast<Decl>(DC)))
      return true;
  return false;
}

} // namespace clang::tidy::raii
