//===- GuardTypes.cpp -----------------------------------------------------===//
#include "support/GuardTypes.h"
#include "support/NameMatcher.h"
#include "clang/AST/ASTContext.h"
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

bool isLibraryLockGuard(llvm::StringRef N) {
  return llvm::is_contained(
      {"absl::MutexLock", "absl::ReaderMutexLock", "absl::WriterMutexLock",
       "boost::lock_guard", "boost::unique_lock", "boost::shared_lock",
       "boost::upgrade_lock", "QMutexLocker", "QReadLocker", "QWriteLocker"},
      N);
}

std::optional<LockGuardShape> lockGuardShape(ASTContext &Ctx,
                                             llvm::StringRef QualifiedName,
                                             QualType Mutex) {
  // Down the declaration contexts, one name at a time.
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  const NamedDecl *Found = nullptr;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  QualifiedName.split(Parts, "::");
  for (llvm::StringRef Part : Parts) {
    auto Id = Ctx.Idents.find(Part);
    if (!DC || Id == Ctx.Idents.end())
      return std::nullopt;
    Found = nullptr;
    for (const NamedDecl *D : DC->lookup(DeclarationName(Id->getValue())))
      if (isa<NamespaceDecl, CXXRecordDecl, ClassTemplateDecl>(D)) {
        Found = D;
        break;
      }
    if (!Found)
      return std::nullopt;
    DC = dyn_cast<DeclContext>(Found);
  }
  LockGuardShape Shape;
  const CXXRecordDecl *RD = dyn_cast_or_null<CXXRecordDecl>(Found);
  if (const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(Found)) {
    RD = CTD->getTemplatedDecl();
    Shape.IsTemplate = true;
  }
  if (!RD || !(RD = RD->getDefinition()))
    return std::nullopt;
  QualType Want = Mutex.getCanonicalType().getUnqualifiedType();
  // The mutex's type or a base of it (QMutexLocker takes a QBasicMutex *).
  auto Takes = [&](QualType P) {
    QualType T = P.getCanonicalType().getUnqualifiedType();
    if (Shape.IsTemplate || T == Want)
      return true;
    const auto *Base = T->getAsCXXRecordDecl();
    const auto *Derived = Want->getAsCXXRecordDecl();
    return Base && Derived && Derived->hasDefinition() &&
           Derived->isDerivedFrom(Base);
  };
  bool ByRef = false, ByPtr = false;
  for (const CXXConstructorDecl *C : RD->ctors()) {
    if (C->getNumParams() == 0 || C->getMinRequiredArguments() > 1 ||
        C->isCopyOrMoveConstructor() || C->isDeleted())
      continue;
    QualType P = C->getParamDecl(0)->getType();
    if (P->isLValueReferenceType() && Takes(P.getNonReferenceType()))
      ByRef = true;
    else if (P->isPointerType() && Takes(P->getPointeeType()))
      ByPtr = true;
  }
  if (!ByRef && !ByPtr)
    return std::nullopt;
  Shape.ByPointer = !ByRef;
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getIdentifier() && M->getName() == "unlock" && M->param_empty())
      Shape.HasUnlock = true;
  return Shape;
}

bool mayHaveNontrivialDestructor(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return true;
  return !RD->hasTrivialDestructor();
}

} // namespace clang::tidy::raii
