//===- PathFactsCells.cpp - what may change the value a cell holds -------===//
//
// A cell is `*p` of a parameter pointing to a scalar the function may write
// (BodyIndex::cellParameter). Its value is a path fact until something may
// change it: a write through p, a call or constructor given p in any form
// (`p`, `&*p`, `p + 0`), or a store that may reach the same object: a
// global, a field through a pointer that is no parameter (`this->flag`,
// `h->f`), a write through a pointer that is neither a parameter nor one
// into the function's own storage, or a call given such a pointer, or one
// to something that may lead on to the cell (a structure, a pointer), a
// parameter's or a local's too. Two parameters' scalars are taken to be
// apart (`*err = 0` leaves `*count` known), stores of bytes through a
// `char *` are not taken to reach a flag, and a callee given p is not
// taken to keep it for a later call to write through.
//
//===----------------------------------------------------------------------===//
#include "engine/PathFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::raii {

const VarDecl *ConditionFacts::cellOf(const Expr *E, const BodyIndex &B) {
  const auto *UO = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
  if (!UO || UO->getOpcode() != UO_Deref)
    return nullptr;
  const auto *DRE =
      dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && B.cellParameter(V) ? cast<VarDecl>(V->getCanonicalDecl())
                                 : nullptr;
}

/// \p T without qualifiers, an integer as its unsigned counterpart (the
/// signed and unsigned kinds of one integer may alias).
static QualType aliasType(QualType T, ASTContext &Ctx) {
  T = T.getCanonicalType().getUnqualifiedType();
  if (T->isIntegerType() && !T->isBooleanType() && !T->isEnumeralType() &&
      T->isSignedIntegerType())
    T = Ctx.getCorrespondingUnsignedType(T);
  return T;
}

void ConditionFacts::prepareCells() {
  const auto *Fn = C.Body.function();
  for (const ParmVarDecl *P : Fn->parameters())
    if (C.Body.cellParameter(P))
      Cells.push_back({cast<ParmVarDecl>(P->getCanonicalDecl()),
                       aliasType(P->getType()->getPointeeType(), C.Ctx)});
}

/// The parameter \p E's pointer value is, or points into by arithmetic
/// (`p`, `p + 1`, `&p[2]`, `&*p`); null otherwise.
static const ParmVarDecl *pointerParameter(const Expr *E) {
  for (;;) {
    E = E->IgnoreParenCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<ParmVarDecl>(DRE->getDecl());
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && BO->isAdditiveOp()) {
      E = BO->getLHS()->getType()->isPointerType() ? BO->getLHS()
                                                   : BO->getRHS();
      continue;
    }
    const auto *UO = dyn_cast<UnaryOperator>(E);
    if (!UO || UO->getOpcode() != UO_AddrOf)
      return nullptr;
    const Expr *Sub = UO->getSubExpr()->IgnoreParens();
    if (const auto *D = dyn_cast<UnaryOperator>(Sub);
        D && D->getOpcode() == UO_Deref)
      E = D->getSubExpr();
    else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Sub);
             AS && AS->getBase()->getType()->isPointerType())
      E = AS->getBase();
    else
      return nullptr;
  }
}

const VarDecl *ConditionFacts::storageRoot(const Expr *LValue) {
  for (;;) {
    LValue = LValue->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(LValue)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      return V && !V->getType()->isReferenceType() ? V : nullptr;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(LValue); ME && !ME->isArrow())
      LValue = ME->getBase();
    else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(LValue);
             AS && AS->getBase()->IgnoreParenImpCasts()->getType()
                       ->isArrayType())
      LValue = AS->getBase();
    else
      return nullptr;
  }
}

bool ConditionFacts::localStorage(const Expr *LValue) const {
  const VarDecl *V = storageRoot(LValue);
  return V && V->hasLocalStorage();
}

bool ConditionFacts::intoLocal(const Expr *Pointer) const {
  Pointer = Pointer->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Pointer);
      UO && UO->getOpcode() == UO_AddrOf)
    return localStorage(UO->getSubExpr());
  // An array decayed to a pointer (the casts are gone above).
  if (Pointer->getType()->isArrayType())
    return localStorage(Pointer);
  // A local pointer only ever given a local's address (`int *w = buf;`).
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Pointer))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
        V && BodyIndex::isLocalVar(V))
      if (const Expr *Init = C.Body.aliasInit(V))
        return intoLocal(Init);
  return false;
}

void ConditionFacts::cellOfParameter(
    const ParmVarDecl *P, llvm::SmallVectorImpl<const VarDecl *> &Hit) const {
  P = cast<ParmVarDecl>(P->getCanonicalDecl());
  for (const Cell &Cl : Cells)
    if (Cl.Param == P)
      Hit.push_back(P);
}

void ConditionFacts::cellsOfType(
    QualType T, bool Whole, llvm::SmallVectorImpl<const VarDecl *> &Hit) const {
  const QualType A = aliasType(T, C.Ctx);
  for (const Cell &Cl : Cells)
    if (Whole || Cl.Type == A)
      Hit.push_back(Cl.Param);
}

void ConditionFacts::cellsStoredTo(
    const Expr *LHS, llvm::SmallVectorImpl<const VarDecl *> &Hit) const {
  LHS = LHS->IgnoreParenImpCasts();
  // Through a pointer: the cell itself, or what the pointer may reach.
  const Expr *Pointer = nullptr;
  if (const auto *UO = dyn_cast<UnaryOperator>(LHS);
      UO && UO->getOpcode() == UO_Deref)
    Pointer = UO->getSubExpr();
  else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(LHS);
           AS && AS->getBase()->IgnoreParenImpCasts()->getType()
                     ->isPointerType())
    Pointer = AS->getBase();
  if (Pointer) {
    if (const ParmVarDecl *P = pointerParameter(Pointer)) {
      cellOfParameter(P, Hit);
      return; // another parameter: taken to point elsewhere
    }
    if (intoLocal(Pointer))
      return;
  } else if (localStorage(LHS)) {
    return;
  } else if (const auto *ME = dyn_cast<MemberExpr>(LHS);
             ME && ME->isArrow() && pointerParameter(ME->getBase())) {
    return; // a field of what another parameter points to
  }
  const QualType T = LHS->getType();
  if (T->isCharType())
    return;
  cellsOfType(T, T->isRecordType() || T->isArrayType(), Hit);
}

/// The type of the storage \p Pointer points into: `&x`'s, an array's
/// element's, a pointer's pointee's.
static QualType storageType(const Expr *Pointer) {
  const Expr *E = Pointer->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    return UO->getSubExpr()->getType();
  if (const auto *AT = E->getType()->getAsArrayTypeUnsafe())
    return AT->getElementType();
  return E->getType()->isPointerType() ? E->getType()->getPointeeType()
                                       : E->getType();
}

/// An object of type \p T may hold a way on to other storage: a pointer,
/// a reference, or a field or element that does (unknown past a depth).
static bool leadsOn(QualType T, unsigned Depth) {
  T = T.getCanonicalType();
  if (T->isPointerType() || T->isReferenceType() || T->isVoidType() ||
      Depth > 3)
    return true;
  if (const auto *AT = T->getAsArrayTypeUnsafe())
    return leadsOn(AT->getElementType(), Depth + 1);
  if (const auto *RD = T->getAsRecordDecl()) {
    if (!RD->getDefinition())
      return true;
    for (const FieldDecl *F : RD->getDefinition()->fields())
      if (leadsOn(F->getType(), Depth + 1))
        return true;
    if (const auto *CXX = dyn_cast<CXXRecordDecl>(RD->getDefinition()))
      for (const CXXBaseSpecifier &B : CXX->bases())
        if (leadsOn(B.getType(), Depth + 1))
          return true;
  }
  return false;
}

void ConditionFacts::cellsPassed(
    const Expr *Arg, QualType ParamType,
    llvm::SmallVectorImpl<const VarDecl *> &Hit) const {
  // Given by reference: as a store to the lvalue.
  if (!ParamType.isNull() && ParamType->isReferenceType() &&
      !ParamType->getPointeeType().isConstQualified()) {
    cellsStoredTo(Arg, Hit);
    return;
  }
  const Expr *V = Arg->IgnoreParenImpCasts();
  if (!V->getType()->isPointerType())
    return;
  const QualType Pointee = V->getType()->getPointeeType();
  // What the pointer points to may lead on to a cell: a structure (its
  // pointer fields), a pointer.
  const bool Leads = Pointee->isRecordType() || Pointee->isPointerType() ||
                     Pointee->isVoidType();
  // Given as a pointer to const scalars (`strcmp(status, ..)`): read only.
  if (!Leads && !ParamType.isNull() && ParamType->isPointerType() &&
      ParamType->getPointeeType().isConstQualified())
    return;
  if (const ParmVarDecl *P = pointerParameter(V)) {
    cellOfParameter(P, Hit);
    if (!Leads)
      return; // another parameter's scalar: taken to be apart
  } else if (intoLocal(V) && !leadsOn(storageType(V), 0)) {
    return; // `stat(name, &st)`: storage of the function's, no pointers
  }
  if (Pointee.isConstQualified() || Pointee->isCharType())
    return;
  cellsOfType(Pointee, Pointee->isRecordType() || Pointee->isVoidType(),
              Hit);
}

void ConditionFacts::cellsOfArgument(
    const Expr *Arg, llvm::SmallVectorImpl<const VarDecl *> &Hit) const {
  const Stmt *Parent = C.Body.parent(Arg);
  QualType ParamType;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Parent)) {
    if (const FunctionDecl *FD = Call->getDirectCallee())
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == Arg) {
          // A member operator's object is no parameter.
          const unsigned J =
              I - (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(FD));
          if (J < FD->getNumParams())
            ParamType = FD->getParamDecl(J)->getType();
          break;
        }
  } else if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(Parent)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      if (CE->getArg(I) == Arg && I < Ctor->getNumParams()) {
        ParamType = Ctor->getParamDecl(I)->getType();
        break;
      }
  }
  cellsPassed(Arg, ParamType, Hit);
}

void ConditionFacts::forgetReading(llvm::ArrayRef<const Decl *> Hit,
                                 FactSet &F) {
  if (Hit.empty() || F.empty())
    return;
  auto Reads = [&](const void *R) {
    if (!R)
      return false;
    for (const Decl *D : static_cast<const Record *>(R)->Reads)
      if (llvm::is_contained(Hit, D->getCanonicalDecl()))
        return true;
    return false;
  };
  F.forgetIf([&](const Fact &Fa) {
    switch (Fa.Kind) {
    case Fact::Holds:
    case Fact::Fails:
    case Fact::ExprEquals:
    case Fact::ExprDiffers:
    case Fact::ExprOneOf:
    case Fact::Spells:
      return Reads(Fa.Subject);
    case Fact::Names:
      return Reads(Fa.Other);
    default:
      return false;
    }
  });
}

} // namespace clang::tidy::raii
