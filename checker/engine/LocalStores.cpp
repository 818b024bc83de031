//===- LocalStores.cpp - handles stored into a local other than by name --===//
#include "engine/LocalStores.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::raii {

std::vector<LocalStore> localStores(const FunctionContext &C) {
  std::vector<LocalStore> Out;
  for (const BinaryOperator *BO : C.Body.indirectStores()) {
    const VarDecl *Object = C.Body.ownedAggregate(BO->getLHS());
    const VarDecl *Pointee = Object ? nullptr : C.Body.pointeeLocal(
                                                    BO->getLHS());
    // (Through a copy returning its destination: `st.name = strcpy(p, s)`.)
    const auto *Src =
        dyn_cast<DeclRefExpr>(ignoreIdentityCalls(BO->getRHS()));
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
