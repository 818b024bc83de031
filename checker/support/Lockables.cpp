//===- Lockables.cpp ------------------------------------------------------===//
#include "support/Lockables.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::raii {

const Expr *stripToObject(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref) {
        E = UO->getSubExpr();
        continue;
      }
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      // `*ptr` through a smart pointer's operator*.
      if (OC->getOperator() == OO_Star && OC->getNumArgs() == 1) {
        E = OC->getArg(0);
        continue;
      }
    }
    break;
  }
  return E;
}

static const ValueDecl *declOf(const Expr *E) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl();
  return nullptr;
}

bool sameObject(const Expr *A, const Expr *B) {
  A = stripToObject(A);
  B = stripToObject(B);
  if (!A || !B)
    return false;
  if (isa<CXXThisExpr>(A) && isa<CXXThisExpr>(B))
    return true;
  const ValueDecl *DA = declOf(A), *DB = declOf(B);
  if (!DA || !DB || DA->getCanonicalDecl() != DB->getCanonicalDecl())
    return false;
  const auto *MA = dyn_cast<MemberExpr>(A);
  const auto *MB = dyn_cast<MemberExpr>(B);
  if (!MA && !MB)
    return true;
  if (!MA || !MB)
    return false;
  // A static member is one object whatever the base.
  if (isa<VarDecl>(DA))
    return true;
  return sameObject(MA->getBase(), MB->getBase());
}

bool namesDecl(const Expr *E, const ValueDecl *D) {
  E = stripToObject(E);
  if (!E || !D)
    return false;
  const ValueDecl *ED = declOf(E);
  if (!ED || ED->getCanonicalDecl() != D->getCanonicalDecl())
    return false;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return isa<VarDecl>(ED) ||
           isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
  return true;
}

static bool hasMethodNamed(const CXXRecordDecl *RD,
                           std::initializer_list<llvm::StringRef> Names) {
  if (!RD || !RD->hasDefinition())
    return false;
  auto Has = [&](const CXXRecordDecl *R) {
    for (const CXXMethodDecl *M : R->methods())
      if (M->getIdentifier())
        for (llvm::StringRef N : Names)
          if (M->getName() == N)
            return true;
    // Methods of a class template's pattern, seen through using-declarations,
    // are also declared as decls.
    for (const Decl *D : R->decls())
      if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
        for (llvm::StringRef N : Names)
          if (FT->getName() == N)
            return true;
    return false;
  };
  if (Has(RD))
    return true;
  bool Found = false;
  RD->forallBases([&](const CXXRecordDecl *Base) {
    Found = Found || Has(Base);
    return true;
  });
  return Found;
}

bool isLockableType(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isDependentType())
    return true;
  return hasMethodNamed(T->getAsCXXRecordDecl(),
                        {"lock", "lock_shared", "try_lock", "Lock"});
}

bool isBasicLockableType(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isDependentType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return hasMethodNamed(RD, {"lock"}) && hasMethodNamed(RD, {"unlock"});
}

bool isRecursiveLockableType(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() &&
         RD->getName().contains_insensitive("recursive");
}

std::string identifierHint(llvm::StringRef Name) {
  if (Name.starts_with("m_") && Name.size() > 2)
    Name = Name.drop_front(2);
  Name = Name.trim('_');
  return Name.str();
}

std::string objectNameHint(const Expr *E) {
  E = stripToObject(E);
  if (!E)
    return {};
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl()->getIdentifier()
               ? identifierHint(DRE->getDecl()->getName())
               : std::string();
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *D = ME->getMemberDecl();
    if (!D->getIdentifier())
      return {};
    std::string Member = identifierHint(D->getName());
    const Expr *Base = stripToObject(ME->getBase());
    if (isa<CXXThisExpr>(Base))
      return Member;
    std::string Outer = objectNameHint(Base);
    return Outer.empty() ? Member : Outer + "_" + Member;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    if (const auto *MD = Call->getMethodDecl())
      if (MD->getIdentifier())
        return identifierHint(MD->getName());
  if (const auto *DSM = dyn_cast<CXXDependentScopeMemberExpr>(E))
    if (DSM->getMember().isIdentifier())
      return identifierHint(DSM->getMember().getAsString());
  return {};
}

} // namespace clang::tidy::raii
