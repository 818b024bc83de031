//===- GuardTypes.cpp -----------------------------------------------------===//
#include "support/GuardTypes.h"
#include "support/NameMatcher.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::raii {

const char DefaultGuardTypes[] =
    "::std::lock_guard;::std::scoped_lock;::std::unique_lock;"
    "::std::shared_lock;::std::experimental::scope_exit;"
    "::std::experimental::scope_fail;::std::experimental::scope_success;"
    "::std::experimental::unique_resource;"
    "::raii::scope_exit;::raii::scope_fail;::raii::scope_success;"
    "::raii::unique_resource;::raii::transaction;::raii::retry_lock;"
    "::raii::closing;::raii::owned_closing;::raii::exit_stack;"
    "::boost::scope::scope_exit;::boost::scope::scope_fail;"
    "::boost::scope::scope_success;::boost::lock_guard;::boost::unique_lock;"
    "::boost::shared_lock;::gsl::final_action;::absl::Cleanup;"
    "::absl::MutexLock;::absl::ReaderMutexLock;::absl::WriterMutexLock";

bool runsActionOnEveryExit(const NamedDecl *GuardDecl) {
  static const NameMatcher EveryExit(std::vector<std::string>{
      "::raii::scope_exit", "::std::experimental::scope_exit",
      "::boost::scope::scope_exit", "::gsl::final_action", "::absl::Cleanup"});
  return GuardDecl && EveryExit.matches(GuardDecl);
}

const NamedDecl *guardDeclOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const auto *RD = T->getAsCXXRecordDecl()) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      return Spec->getSpecializedTemplate();
    return RD;
  }
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    return TST->getTemplateName().getAsTemplateDecl();
  if (const auto *DT = T->getAs<DeducedTemplateSpecializationType>())
    return DT->getTemplateName().getAsTemplateDecl();
  return nullptr;
}

bool mayHaveNontrivialDestructor(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return true;
  return !RD->hasTrivialDestructor();
}

} // namespace clang::tidy::raii
