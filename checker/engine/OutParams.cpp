//===- OutParams.cpp - functions that acquire into a parameter ------------===//
#include "engine/OutParamsImpl.h"
#include "engine/BodyIndex.h"
#include "engine/HandleKey.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::raii {

namespace {

/// `T **`, `T *&`, `int *` or `int &` (T *, int not const): a parameter a
/// handle (a pointer, a descriptor) can be stored through.
bool isOutParam(const ParmVarDecl *P, bool &Ref) {
  QualType T = P->getType();
  Ref = T->isLValueReferenceType();
  QualType Slot = Ref ? T.getNonReferenceType() : QualType();
  if (!Ref) {
    const auto *PT = T->getAs<PointerType>();
    if (!PT)
      return false;
    Slot = PT->getPointeeType();
  }
  return (Slot->isPointerType() || Slot->isIntegerType()) &&
         !Slot.isConstQualified();
}

} // namespace

namespace outparams {

const Family *OutScan::freshValue(const Expr *V, const Expr *&Site) {
  V = ignoreValueCasts(V);
  if (isa<CallExpr, CXXNewExpr>(V)) {
    const Acquire *A = Roles.Acquires(V);
    Site = V;
    if (!A || A->Fam->IsLock || A->Handle.Kind != HandleSpec::Return)
      return nullptr;
    Invalid = A->Invalid;
    return A->Fam;
  }
  const auto *R = dyn_cast<DeclRefExpr>(V);
  const auto *Var = R ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      Var->getType()->isReferenceType())
    return nullptr;
  // Every value the local is given: null, or a fresh acquire of one family.
  const Family *Fam = nullptr;
  bool Bad = false;
  auto Given = [&](const Expr *Value) {
    if (!Value || isNull(Value))
      return;
    const Expr *S = nullptr;
    const Expr *V = ignoreValueCasts(Value);
    const Family *F = isa<CallExpr, CXXNewExpr>(V) ? freshValue(V, S)
                                                   : nullptr;
    if (!F || (Fam && F != Fam))
      Bad = true;
    else if (!Fam) {
      Fam = F;
      Site = S;
    }
  };
  Given(Var->getInit());
  std::function<void(const Stmt *)> Writes = [&](const Stmt *S) {
    if (!S || Bad || isa<LambdaExpr, BlockExpr>(S))
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp() && namesDecl(BO->getLHS(), Var)) {
      if (BO->getOpcode() != BO_Assign)
        Bad = true;
      else
        Given(BO->getRHS());
    }
    for (const Stmt *C : S->children())
      Writes(C);
  };
  Writes(Def->getBody());
  if (Bad || !Fam)
    return nullptr;
  Local = Var;
  return Fam;
}

bool OutScan::harmlessRead(size_t Level) const {
  // Parents[Level] is the expression just above the use.
  const Stmt *Child = nullptr;
  for (size_t I = Level + 1; I-- > 0;) {
    const Stmt *Up = Parents[I];
    if (isa<ParenExpr, ImplicitCastExpr>(Up)) {
      Child = Up;
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(Up))
      return UO->getOpcode() == UO_LNot || UO->getOpcode() == UO_Deref;
    if (const auto *BO = dyn_cast<BinaryOperator>(Up))
      return BO->isComparisonOp() || BO->isLogicalOp();
    if (isa<MemberExpr, ArraySubscriptExpr, IfStmt, WhileStmt, DoStmt,
            ForStmt, UnaryExprOrTypeTraitExpr>(Up))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(Up)) {
      // `strcpy(data, ..)`, `printf("%s", data)`, `show(const char *)`:
      // C library functions and `const T *` parameters borrow.
      const FunctionDecl *FD = calledFunction(Call);
      if (!FD || Call->getCallee() == Child || Roles.Releases(Call))
        return false;
      if (isCLibraryFunction(FD))
        return true;
      for (unsigned A = 0; A < Call->getNumArgs(); ++A)
        if (Call->getArg(A) == Child)
          return A < FD->getNumParams() &&
                 FD->getParamDecl(A)->getType()->isPointerType() &&
                 FD->getParamDecl(A)
                     ->getType()
                     ->getPointeeType()
                     .isConstQualified();
      return false;
    }
    return false;
  }
  return false;
}

bool OutScan::use(const DeclRefExpr *R) {
  const ValueDecl *D = R->getDecl();
  if (D != P && D != Local)
    return true;
  // Parents.back() is R's parent.
  size_t Level = Parents.size() - 1;
  if (D == P) {
    // `*out = ..` (or `out = ..`): a store, checked where it is seen.
    const Stmt *Up = Parents[Level];
    size_t L = Level;
    while (isa<ParenExpr, ImplicitCastExpr>(Up) && L > 0)
      Up = Parents[--L];
    if (!Ref)
      if (const auto *UO = dyn_cast<UnaryOperator>(Up);
          UO && UO->getOpcode() == UO_Deref && L > 0) {
        const Stmt *Above = Parents[L - 1];
        if (const auto *BO = dyn_cast<BinaryOperator>(Above);
            BO && BO->getOpcode() == BO_Assign &&
            strip(BO->getLHS()) == UO)
          return true;
        return harmlessRead(L - 1);
      }
    if (Ref)
      if (const auto *BO = dyn_cast<BinaryOperator>(Up);
          BO && BO->getOpcode() == BO_Assign && strip(BO->getLHS()) == R)
        return true;
    return harmlessRead(Level);
  }
  // The stored local: before the store, its own acquires and assignments
  // (checked by freshValue), reads, and a release on a path that leaves
  // (`if (bad) { free(p); return -1; }`); after it, reads only.
  const Stmt *Up = Parents[Level];
  if (const auto *BO = dyn_cast<BinaryOperator>(Up);
      BO && BO->isAssignmentOp() && strip(BO->getLHS()) == R)
    return true;
  // (walk() runs once the store is found.)
  if (Up == Store || strip(Store->getRHS()) == R)
    return true;
  if (harmlessRead(Level))
    return true;
  if (!before(R))
    return false;
  const auto *Call = dyn_cast<CallExpr>(Up);
  if (!Call)
    for (size_t L = Level; L > 0 && !Call; --L) {
      if (!isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr>(Parents[L]))
        break;
      Call = dyn_cast<CallExpr>(Parents[L - 1]);
    }
  // A release before the store: a failure path's clean-up.
  return Call && Roles.Releases(Call);
}

bool OutScan::walk(const Stmt *S) {
  if (!S)
    return true;
  if (isa<LambdaExpr, BlockExpr>(S))
    return true;
  if (isa<GotoStmt, IndirectGotoStmt, LabelStmt>(S))
    return false;
  if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
    Returns.push_back(Ret);
    if (StoreStart && !before(Ret) && underNullTest(Ret))
      Failed.insert(Ret);
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->isAssignmentOp() && isSlot(BO->getLHS()) && BO != Store &&
      BO != ElseStore &&
      !(BO->getOpcode() == BO_Assign && isNull(BO->getRHS())))
    return false; // another value stored through the parameter
  if (const auto *R = dyn_cast<DeclRefExpr>(S))
    return use(R);
  Parents.push_back(S);
  bool Ok = true;
  for (const Stmt *C : S->children())
    if (!(Ok = walk(C)))
      break;
  Parents.pop_back();
  return Ok;
}

const BinaryOperator *OutScan::storeIn(const Stmt *S) const {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S)) {
    const BinaryOperator *Found = nullptr;
    for (const Stmt *Each : Block->body())
      if (const BinaryOperator *BO = storeIn(Each)) {
        if (Found)
          return nullptr;
        Found = BO;
      }
    return Found;
  }
  const auto *E = dyn_cast_or_null<Expr>(S);
  const auto *BO = E ? dyn_cast<BinaryOperator>(E->IgnoreImplicit()) : nullptr;
  return BO && BO->getOpcode() == BO_Assign && isSlot(BO->getLHS()) &&
                 !isNull(BO->getRHS())
             ? BO
             : nullptr;
}

bool OutScan::armStores(const IfStmt *If) {
  const BinaryOperator *Then = storeIn(If->getThen());
  const BinaryOperator *Else = storeIn(If->getElse());
  if (!Then || !Else || If->getInit() || If->getConditionVariable() ||
      BodyIndex::containsReturnOrLabel(If))
    return false;
  Store = Then;
  ElseStore = Else;
  StoreStart = If;
  return true;
}

bool OutScan::readsSlot(const Expr *Value) const {
  return Value && (BodyIndex::refersTo(Value, P) ||
                   (Local && BodyIndex::refersTo(Value, Local)));
}

std::optional<OutParamAcquire> OutScan::run() {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body)
    return std::nullopt;
  // The store: a statement of the outermost block, or of a plain block
  // inside it (`{ char s[] = ".."; data = strdup(s); }`).
  const Family *Fam = nullptr;
  const Expr *Site = nullptr;
  bool Twice = false;
  std::function<void(const CompoundStmt *)> Find =
      [&](const CompoundStmt *Block) {
        for (const Stmt *S : Block->body()) {
          if (const auto *Inner = dyn_cast<CompoundStmt>(S)) {
            Find(Inner);
            continue;
          }
          if (const auto *If = dyn_cast<IfStmt>(S)) {
            const BinaryOperator *First = Store;
            if (armStores(If))
              Twice |= First != nullptr;
            continue;
          }
          const BinaryOperator *BO = storeIn(S);
          if (!BO)
            continue;
          Twice |= Store != nullptr;
          Store = BO;
          StoreStart = BO;
          ElseStore = nullptr;
        }
      };
  Find(Body);
  if (!Store || Twice || !(Fam = freshValue(Store->getRHS(), Site)))
    return std::nullopt;
  // Each arm's value an acquire of the one family that fails alike (no
  // local to follow).
  if (ElseStore) {
    const Expr *ElseSite = nullptr;
    const InvalidValue ThenInvalid = Invalid;
    if (Local || freshValue(ElseStore->getRHS(), ElseSite) != Fam || Local ||
        Invalid != ThenInvalid)
      return std::nullopt;
  }
  if (!walk(Body))
    return std::nullopt;
  OutParamAcquire Out;
  Out.Param = P->getFunctionScopeIndex();
  Out.Fam = Fam;
  Out.Invalid = Invalid;
  Out.Site = Site;
  // Every return after the store leaves the handle stored, whatever it
  // gives (`*path = strdup(s); return s + 1;`) but what reads the slot
  // (readsSlot); returns under a null test of it leave nothing, where
  // what the returns give tells the caller (convention()).
  const bool NoneBefore =
      llvm::none_of(Returns, [&](const ReturnStmt *R) { return before(R); });
  if (NoneBefore && !Failed.empty())
    if (std::optional<Success> S = convention()) {
      Out.SuccessWhen = *S;
      return Out;
    }
  if (NoneBefore && Failed.empty())
    if (std::optional<Success> S = statusConvention()) {
      Out.SuccessWhen = *S;
      return Out;
    }
  if (NoneBefore)
    return llvm::any_of(Returns,
                        [&](const ReturnStmt *R) {
                          return readsSlot(R->getRetValue());
                        })
               ? std::nullopt
               : std::optional<OutParamAcquire>(Out);
  if (std::optional<Success> S = convention()) {
    Out.SuccessWhen = *S;
    return Out;
  }
  return std::nullopt;
}

} // namespace outparams

std::optional<OutParamAcquire> outParamAcquire(const FunctionDecl *Def,
                                               const OutParamRoles &Roles) {
  for (const ParmVarDecl *P : Def->parameters()) {
    bool Ref = false;
    if (!isOutParam(P, Ref))
      continue;
    if (auto Out = outparams::OutScan(Def, P, Ref, Roles).run())
      return Out;
  }
  return std::nullopt;
}

} // namespace clang::tidy::raii
