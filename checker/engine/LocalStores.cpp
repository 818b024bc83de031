//===- LocalStores.cpp - handles stored into a local other than by name --===//
#include "engine/LocalStores.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::raii {

const VarDecl *ownedAggregate(const Expr *E, const BodyIndex &Body) {
  E = E->IgnoreParenImpCasts();
  const auto *ME = dyn_cast<MemberExpr>(E);
  if (!ME)
    return nullptr;
  while (ME) {
    if (ME->isArrow() || !isa<FieldDecl>(ME->getMemberDecl()))
      return nullptr;
    E = ME->getBase()->IgnoreParenImpCasts();
    ME = dyn_cast<MemberExpr>(E);
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !BodyIndex::isLocalVar(V) || V->getType()->isReferenceType() ||
      !V->getType()->isRecordType() || V->hasAttr<CleanupAttr>() ||
      !Body.isUnchanged(V))
    return nullptr;
  if (const auto *RD = V->getType()->getAsCXXRecordDecl();
      RD && !RD->hasTrivialDestructor())
    return nullptr;
  return V;
}

const VarDecl *pointeeLocal(const Expr *E, const BodyIndex &Body) {
  const auto *UO = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
  if (!UO || UO->getOpcode() != UO_Deref)
    return nullptr;
  const auto *P = dyn_cast<DeclRefExpr>(ignoreValueCasts(UO->getSubExpr()));
  const auto *PV = P ? dyn_cast<VarDecl>(P->getDecl()) : nullptr;
  if (!PV || !BodyIndex::isLocalVar(PV) || !PV->getType()->isPointerType())
    return nullptr;
  const Expr *Init = Body.aliasInit(PV);
  const auto *Addr =
      Init ? dyn_cast<UnaryOperator>(Init->IgnoreParenImpCasts()) : nullptr;
  if (!Addr || Addr->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *V = dyn_cast<DeclRefExpr>(Addr->getSubExpr()->IgnoreParens());
  const auto *Local = V ? dyn_cast<VarDecl>(V->getDecl()) : nullptr;
  return Local && BodyIndex::isLocalVar(Local) &&
                 !Local->getType()->isReferenceType()
             ? Local
             : nullptr;
}

std::vector<LocalStore> localStores(const FunctionContext &C) {
  std::vector<LocalStore> Out;
  for (const BinaryOperator *BO : C.Body.indirectStores()) {
    const VarDecl *Object = ownedAggregate(BO->getLHS(), C.Body);
    const VarDecl *Pointee = Object ? nullptr : pointeeLocal(BO->getLHS(),
                                                             C.Body);
    const auto *Src = dyn_cast<DeclRefExpr>(ignoreValueCasts(BO->getRHS()));
    // The store is the variable's last use: a release or return of it
    // later would leave the field a copy, not the owner.
    if ((!Object && !Pointee) || !Src || !isa<VarDecl>(Src->getDecl()) ||
        BodyIndex::referencedAfter(C.Fn->getBody(), Src->getDecl(),
                                   BO->getEndLoc(),
                                   C.Ctx.getSourceManager()))
      continue;
    LocalStore M{BO, Object ? Object : Pointee, {}, {}, !Object};
    if (Pointee)
      M.To.addDecl(Pointee);
    else if (!C.KeyOf.keyOf(BO->getLHS(), M.To, false))
      continue;
    if (C.KeyOf.keyOf(Src, M.From, false) && !(M.To == M.From))
      Out.push_back(std::move(M));
  }
  return Out;
}

} // namespace clang::tidy::raii
