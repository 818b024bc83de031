//===- BodyIndexLocals.cpp - what a body does with its locals -------------===//
//
// BodyIndex's answers about locals, from what its walk (BodyIndex.cpp)
// recorded: which are the function's own, what a copy copies and from
// where, the targets a value is stored into, chains written together, the
// tests and later references of a local, and whether it is ever written.
//
//===----------------------------------------------------------------------===//
#include "engine/BodyIndex.h"
#include "engine/LoopParts.h"
#include "engine/HandleKey.h"
#include "support/BranchHints.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include <functional>

namespace clang::tidy::raii {

bool BodyIndex::isLocalVar(const ValueDecl *D) {
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  return VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD);
}

bool BodyIndex::containsReturnOrLabel(const Stmt *S) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (isa<ReturnStmt, LabelStmt>(S))
    return true;
  return llvm::any_of(S->children(), containsReturnOrLabel);
}

bool BodyIndex::isOwnedVar(const ValueDecl *D) {
  const auto *V = dyn_cast_or_null<VarDecl>(D);
  if (!V || !V->hasLocalStorage())
    return false;
  if (!V->getType()->isReferenceType())
    return true;
  // A local reference to storage of the function's own (`char *&r = p;`,
  // `= c ? p : q`, `= s.buf`, `= a[0]` of a local struct or array), not to
  // a field through a pointer or to what a reference parameter names.
  if (isa<ParmVarDecl>(V) || !V->getInit())
    return false;
  std::function<bool(const Expr *)> Own = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *CO = dyn_cast<ConditionalOperator>(E))
      return Own(CO->getTrueExpr()) && Own(CO->getFalseExpr());
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return !ME->isArrow() && Own(ME->getBase());
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      return AS->getBase()->IgnoreParenImpCasts()->getType()->isArrayType() &&
             Own(AS->getBase());
    const auto *R = dyn_cast<DeclRefExpr>(E);
    return R && R->getDecl() != V && isOwnedVar(R->getDecl());
  };
  return Own(V->getInit());
}

std::optional<BodyIndex::Element>
BodyIndex::elementSource(const ValueDecl *D) const {
  auto It = ElementCopies.find(cast<ValueDecl>(D->getCanonicalDecl()));
  if (It == ElementCopies.end() || !It->second.Array ||
      ElementsWritten.count(It->second.Array))
    return std::nullopt;
  return It->second;
}

const Expr *BodyIndex::copiedValue(const Copy &Cp) {
  if (const auto *BO = dyn_cast<BinaryOperator>(Cp.Where))
    return BO->getRHS();
  return Cp.To->getInit();
}

bool BodyIndex::copiesWhole(const Copy &Cp) {
  auto IsFrom = [&](const Expr *E) {
    const auto *R = dyn_cast<DeclRefExpr>(ignoreValueCasts(E));
    return R && R->getDecl()->getCanonicalDecl() ==
                    Cp.From->getCanonicalDecl();
  };
  const Expr *V = copiedValue(Cp);
  const Expr *Copied = nullptr;
  const Expr *Last = V ? ignoreValueCasts(V) : nullptr;
  while (const auto *Chain = dyn_cast_or_null<BinaryOperator>(Last)) {
    if (Chain->getOpcode() != BO_Assign)
      break;
    if (!Copied && IsFrom(Chain->getLHS()))
      Copied = Chain->getLHS();
    Last = ignoreValueCasts(Chain->getRHS());
  }
  if (Copied && isa<DeclRefExpr>(Last))
    V = Copied;
  return V && IsFrom(V);
}

const VarDecl *BodyIndex::initialisedVar(const Expr *E) const {
  if (const VarDecl *V = storedInto(E))
    return V;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(parent(E)))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (VD->getInit() &&
            VD->getInit()->IgnoreImplicit() == E->IgnoreImplicit())
          return VD;
  return nullptr;
}

const VarDecl *BodyIndex::storedInto(const Expr *E) const {
  // `orig = p = strdup(s)` stores into both; the variable written only
  // there keeps the handle (p is advanced, orig freed), else the first.
  llvm::SmallVector<const VarDecl *, 2> Targets;
  storedTargets(E, Targets);
  if (Targets.empty())
    return nullptr;
  for (const VarDecl *V : llvm::reverse(Targets))
    if (writeCount(V) == 1)
      return V;
  return Targets.front();
}

bool BodyIndex::armTells(const ConditionalOperator *CO, const Stmt *Arm,
                         ASTContext &Ctx) {
  const Expr *Other =
      CO->getTrueExpr() == Arm ? CO->getFalseExpr() : CO->getTrueExpr();
  const bool Pointer = cast<Expr>(Arm)->getType()->isPointerType();
  // Another call's status, or a `?:` of such (`a ? (b ? init(&z) :
  // init2(&z)) : init3(&z)`), tells of the arm that ran.
  std::function<bool(const Expr *)> Status = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Inner = dyn_cast<ConditionalOperator>(E))
      return Status(Inner->getTrueExpr()) && Status(Inner->getFalseExpr());
    return isa<CallExpr>(E) || constantValue(E, Ctx).has_value();
  };
  if (std::optional<int64_t> K = constantValue(Other, Ctx))
    return Pointer ? *K == 0 : *K != 0;
  return !Pointer && Status(Other);
}

void BodyIndex::storedTargets(
    const Expr *E, llvm::SmallVectorImpl<const VarDecl *> &Targets) const {
  const Stmt *Cur = E;
  for (const Stmt *P = Parent.lookup(Cur); P; Cur = P, P = Parent.lookup(P)) {
    if (isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr, CXXStaticCastExpr,
            CXXReinterpretCastExpr, ExprWithCleanups>(P))
      continue;
    // Through a `?:` whose other arm lets the variable still tell
    // (armTells).
    if (const auto *CO = dyn_cast<ConditionalOperator>(P);
        CO && CO->getCond() != Cur) {
      if (armTells(CO, Cur, Ctx))
        continue;
      break;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit() && VD->getInit()->IgnoreParenCasts() ==
                                   cast<Expr>(Cur)->IgnoreParenCasts() &&
              isLocalVar(VD))
            Targets.push_back(VD);
      break;
    }
    const auto *BO = dyn_cast<BinaryOperator>(P);
    if (!BO || BO->getOpcode() != BO_Assign || BO->getRHS() != Cur)
      break;
    const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    // A parameter assigned a new handle (`z = realloc(z, n)`) holds it like
    // a local.
    if (!VD || !VD->hasLocalStorage() || VD->getType()->isReferenceType())
      break;
    Targets.push_back(VD);
  }
}

const Expr *BodyIndex::aliasInit(const ValueDecl *D) const {
  D = cast<ValueDecl>(D->getCanonicalDecl());
  const Expr *Init = AliasInit.lookup(D);
  if (!Init || !Written.count(D))
    return Init;
  return clearedLast(D) ? Init : nullptr;
}

bool BodyIndex::clearedLast(const ValueDecl *D) const {
  auto [It, New] = ClearedLast.try_emplace(D, false);
  if (!New)
    return It->second;
  const auto *V = dyn_cast<VarDecl>(D);
  const Stmt *Decl = V ? declStmtOf(V) : nullptr;
  llvm::ArrayRef<const Stmt *> Sites = writeSites(D);
  if (!Decl || !writtenOnlyByName(D) || Writes.lookup(D) != 2 ||
      Sites.size() != 2)
    return false;
  const auto *Clear = dyn_cast<BinaryOperator>(Sites[0] == Decl ? Sites[1]
                                                                : Sites[0]);
  std::optional<int64_t> K =
      Clear && Clear->getOpcode() == BO_Assign
          ? constantValue(Clear->getRHS(), Ctx)
          : std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  if (!K || *K != 0 || enclosingLoop(Clear) != enclosingLoop(Decl) ||
      !SM.isBeforeInTranslationUnit(Decl->getEndLoc(), Clear->getBeginLoc()) ||
      referencedAfter(body(), D, Clear->getEndLoc(), SM))
    return false;
  // The object it names gets nothing between (`h.a = malloc(n);` after
  // `q = h.a;`: q no longer names what h.a holds).
  const Expr *Base = AliasInit.lookup(D);
  while (true) {
    Base = Base->IgnoreParenCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(Base))
      Base = ME->getBase();
    else if (const auto *UO = dyn_cast<UnaryOperator>(Base);
             UO && (UO->getOpcode() == UO_Deref ||
                    UO->getOpcode() == UO_AddrOf))
      Base = UO->getSubExpr();
    else
      break;
  }
  if (const auto *R = dyn_cast<DeclRefExpr>(Base)) {
    const ValueDecl *Root = R->getDecl();
    std::function<bool(const Stmt *)> Written = [&](const Stmt *S) {
      if (!S)
        return false;
      if (const auto *BO = dyn_cast<BinaryOperator>(S);
          BO && BO->isAssignmentOp() && refersTo(BO->getLHS(), Root) &&
          SM.isBeforeInTranslationUnit(Decl->getEndLoc(), BO->getBeginLoc()) &&
          SM.isBeforeInTranslationUnit(BO->getBeginLoc(),
                                       Clear->getBeginLoc()))
        return true;
      return llvm::any_of(S->children(), Written);
    };
    if (Written(body()))
      return false;
  }
  // No label between: a `goto` back to it would read the cleared value.
  It = ClearedLast.find(D);
  return It->second = !labelBetween(Decl->getEndLoc(), Clear->getBeginLoc());
}

const ValueDecl *BodyIndex::copySource(const ValueDecl *D) const {
  return Copies.lookup(cast<ValueDecl>(D->getCanonicalDecl()));
}

unsigned BodyIndex::writesCopying(const ValueDecl *To,
                                  const ValueDecl *From) const {
  To = cast<ValueDecl>(To->getCanonicalDecl());
  From = cast<ValueDecl>(From->getCanonicalDecl());
  return llvm::count_if(CopyStmts, [&](const Copy &Cp) {
    return Cp.To->getCanonicalDecl() == To &&
           Cp.From->getCanonicalDecl() == From;
  });
}

llvm::ArrayRef<const ValueDecl *>
BodyIndex::chainPartners(const ValueDecl *D) const {
  auto It = Chained.find(cast<ValueDecl>(D->getCanonicalDecl()));
  if (It == Chained.end())
    return {};
  return It->second;
}

bool BodyIndex::assignedTogether(const ValueDecl *A,
                                 const ValueDecl *B) const {
  return llvm::is_contained(chainPartners(A),
                            cast<ValueDecl>(B->getCanonicalDecl()));
}

bool BodyIndex::refersTo(const Stmt *S, const ValueDecl *V) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    return DRE->getDecl()->getCanonicalDecl() == V->getCanonicalDecl();
  if (const auto *ME = dyn_cast<MemberExpr>(S);
      ME && isa<FieldDecl>(V) && ME->getMemberDecl() == V)
    return true;
  for (const Stmt *C : S->children())
    if (C && refersTo(C, V))
      return true;
  return false;
}

bool BodyIndex::testsValue(const Expr *E, const ValueDecl *V) {
  E = ignoreTruthHints(E)->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl()->getCanonicalDecl() == V->getCanonicalDecl();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_LNot && testsValue(UO->getSubExpr(), V);
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (!BO)
    return false;
  if (BO->getOpcode() == BO_Comma)
    return testsValue(BO->getRHS(), V);
  if (BO->isLogicalOp() || BO->isEqualityOp() || BO->isRelationalOp() ||
      BO->getOpcode() == BO_Assign)
    return testsValue(BO->getLHS(), V) || testsValue(BO->getRHS(), V);
  return false;
}

bool BodyIndex::conditionTests(const ValueDecl *V) const {
  std::function<bool(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return false;
    const Expr *Cond = loopCondition(S);
    if (const auto *If = dyn_cast<IfStmt>(S))
      Cond = If->getCond();
    else if (const auto *CO = dyn_cast<ConditionalOperator>(S))
      Cond = CO->getCond();
    if (Cond && testsValue(Cond, V))
      return true;
    for (const Stmt *C : S->children())
      if (Walk(C))
        return true;
    return false;
  };
  return Walk(body());
}

bool BodyIndex::referencedAfter(const Stmt *S, const ValueDecl *V,
                                SourceLocation Loc, const SourceManager &SM) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S);
      DRE && DRE->getDecl()->getCanonicalDecl() == V->getCanonicalDecl() &&
      SM.isBeforeInTranslationUnit(Loc, DRE->getBeginLoc()))
    return true;
  for (const Stmt *Child : S->children())
    if (referencedAfter(Child, V, Loc, SM))
      return true;
  return false;
}

bool BodyIndex::isUnchanged(const ValueDecl *D) const {
  return !Written.count(cast<ValueDecl>(D->getCanonicalDecl()));
}

const VarDecl *BodyIndex::ownedAggregate(const Expr *E) const {
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
  if (!V || !isLocalVar(V) || V->getType()->isReferenceType() ||
      !V->getType()->isRecordType() || V->hasAttr<CleanupAttr>() ||
      !isUnchanged(V))
    return nullptr;
  if (const auto *RD = V->getType()->getAsCXXRecordDecl();
      RD && !RD->hasTrivialDestructor())
    return nullptr;
  return V;
}

const VarDecl *BodyIndex::pointeeLocal(const Expr *E) const {
  const auto *UO = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
  if (!UO || UO->getOpcode() != UO_Deref)
    return nullptr;
  const auto *P = dyn_cast<DeclRefExpr>(ignoreValueCasts(UO->getSubExpr()));
  const auto *PV = P ? dyn_cast<VarDecl>(P->getDecl()) : nullptr;
  if (!PV || !isLocalVar(PV) || !PV->getType()->isPointerType())
    return nullptr;
  const Expr *Init = aliasInit(PV);
  const auto *Addr =
      Init ? dyn_cast<UnaryOperator>(Init->IgnoreParenImpCasts()) : nullptr;
  if (!Addr || Addr->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *V = dyn_cast<DeclRefExpr>(Addr->getSubExpr()->IgnoreParens());
  const auto *Local = V ? dyn_cast<VarDecl>(V->getDecl()) : nullptr;
  return Local && isLocalVar(Local) &&
                 !Local->getType()->isReferenceType()
             ? Local
             : nullptr;
}

} // namespace clang::tidy::raii
