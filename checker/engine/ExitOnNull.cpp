//===- ExitOnNull.cpp - where a failed realloc loses the block ------------===//
//
// findLostOnFailure() of ExitOnNull.h: each `p = realloc(p, n)` that loses
// the block p held, unless the block is saved or held elsewhere first, p
// held null, or the process ends on the failure (ExitsWhenNull.cpp).
//
//===----------------------------------------------------------------------===//
#include "engine/ExitOnNull.h"
#include "engine/CallRoles.h"
#include "support/BranchHints.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <functional>

namespace clang::tidy::raii {

/// Neither side is a variable, or both are the same one (`tmp =
/// realloc(buf, n)` stores into another variable, whatever aliases the
/// keys see; `this->data = realloc(data, n)` into the same field).
static bool sameVariable(const Expr *A, const Expr *B) {
  auto VarOf = [](const Expr *E) -> const Decl * {
    const auto *DRE = dyn_cast<DeclRefExpr>(ignoreValueCasts(E));
    return DRE ? DRE->getDecl()->getCanonicalDecl() : nullptr;
  };
  return VarOf(A) == VarOf(B);
}


/// The locals a statement of \p Branch itself (not one under a
/// condition) releases, stores outside the locals or returns (`free(p);`,
/// `*dst = p;`, `return p;`).
static void disposedLocals(const Stmt *Branch, const FunctionContext &C,
                           llvm::SmallVectorImpl<const VarDecl *> &Out) {
  auto Local = [&](const Expr *E) -> const VarDecl * {
    const auto *R = E ? dyn_cast<DeclRefExpr>(ignoreValueCasts(E)) : nullptr;
    const auto *V = R ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
    return V && BodyIndex::isLocalVar(V) ? V : nullptr;
  };
  auto Add = [&](const VarDecl *V) {
    if (V && !llvm::is_contained(Out, V))
      Out.push_back(V);
  };
  auto Disposes = [&](const Stmt *S) {
    if (const auto *Ret = dyn_cast<ReturnStmt>(S))
      return Add(Local(Ret->getRetValue()));
    const auto *E = dyn_cast<Expr>(S);
    if (!E)
      return;
    E = E->IgnoreParenCasts();
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && BO->getOpcode() == BO_Assign) {
      const auto *L = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
      if (!(L && BodyIndex::isLocalVar(L->getDecl())))
        Add(Local(BO->getRHS()));
      return;
    }
    for (const ReleaseRole &R : C.Roles.releases(E))
      Add(Local(RuleCatalog::handleExpr(E, R.Handle.Spec)));
  };
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Branch))
    llvm::for_each(Block->body(), Disposes);
  else if (Branch)
    Disposes(Branch);
}

/// The null test right after \p Assign (`*dst = realloc(*dst, n);`), a
/// statement of a block, as the next statement of that block (`if (!*dst)
/// ..`), if any.
struct FailureTest {
  const CompoundStmt *Block = nullptr;
  const Stmt *At = nullptr; ///< \p Assign as a statement of Block
  const IfStmt *If = nullptr;
};
static FailureTest failureTest(const BinaryOperator *Assign,
                               llvm::function_ref<bool(const Expr *)> NullTest,
                               const FunctionContext &C) {
  FailureTest T;
  const Stmt *At = C.Body.fullStatement(Assign);
  const auto *Block = dyn_cast_or_null<CompoundStmt>(C.Body.parent(At));
  const auto *AtExpr = dyn_cast<Expr>(At);
  if (!Block || !AtExpr || AtExpr->IgnoreParens() != Assign ||
      BodyIndex::containsEntry(At))
    return T;
  auto It = llvm::find(Block->body(), At);
  if (It == Block->body_end() || ++It == Block->body_end())
    return T;
  const auto *If = dyn_cast<IfStmt>(*It);
  if (!If || If->getInit() || If->getConditionVariable() ||
      !NullTest(If->getCond()) || BodyIndex::containsEntry(If))
    return T;
  T.Block = Block;
  T.At = At;
  T.If = If;
  return T;
}

/// A local the null test \p T.If releases, stores or returns by a
/// statement of its own, and writes nowhere, was given the realloc's
/// target \p Target by a statement earlier in \p T's block, with nothing
/// between that writes it or a variable the target is reached through (\p
/// TargetVars), or lets control in (`char *p = *dst; .. *dst =
/// realloc(*dst, n); if (!*dst) { free(p); return 1; } p = *dst + len;`).
/// Where the call fails the local holds the block, whatever it is given
/// after that branch. Walks back from the call only as far as that save.
static bool keptForFailure(const FailureTest &T, const Expr *Target,
                           llvm::ArrayRef<const VarDecl *> TargetVars,
                           const FunctionContext &C) {
  llvm::SmallVector<const VarDecl *, 2> Locals;
  disposedLocals(T.If->getThen(), C, Locals);
  auto SavedBy = [&](const Stmt *S, const VarDecl *V) {
    while (const auto *L = dyn_cast<LabelStmt>(S))
      S = L->getSubStmt();
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      return DS->isSingleDecl() && DS->getSingleDecl() == V &&
             V->getInit() &&
             sameLvalue(ignoreValueCasts(V->getInit()), Target, C.Ctx);
    const auto *E = dyn_cast<Expr>(S);
    const auto *BO =
        E ? dyn_cast<BinaryOperator>(E->IgnoreParens()) : nullptr;
    const auto *L = BO && BO->getOpcode() == BO_Assign
                        ? dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts())
                        : nullptr;
    return L && L->getDecl()->getCanonicalDecl() == V->getCanonicalDecl() &&
           sameLvalue(ignoreValueCasts(BO->getRHS()), Target, C.Ctx);
  };
  auto AtIt = llvm::find(T.Block->body(), T.At);
  for (const VarDecl *V : Locals) {
    if (!C.Body.writtenOnlyByName(V) ||
        BodyIndex::writes(T.If->getCond(), V) ||
        BodyIndex::writes(T.If->getThen(), V))
      continue;
    for (auto It = AtIt; It != T.Block->body_begin();) {
      const Stmt *S = *--It;
      if (SavedBy(S, V))
        return true;
      if (BodyIndex::containsEntry(S) || BodyIndex::writes(S, V) ||
          llvm::any_of(TargetVars,
                       [&](const VarDecl *W) {
                         return BodyIndex::writes(S, W);
                       }))
        break;
    }
  }
  return false;
}

/// A local written once, before \p Assign, with the block \p Assign's
/// target holds, and read after it (`old = s->v; s->v = realloc(s->v, n);
/// if (!s->v) { s->v = old; .. }`): the block is not lost.
static bool savedBefore(const BinaryOperator *Assign,
                        const FunctionContext &C) {
  const SourceManager &SM = C.Ctx.getSourceManager();
  const Expr *Target = Assign->getLHS();
  // Or the same place through an alias (`el = best; data = best->data;
  // el->data = realloc(el->data, n);`, e2fsprogs' tdb.c).
  HandleKey TargetKey;
  const bool Keyed = C.KeyOf.keyOf(Target, TargetKey, false);
  auto SameKey = [&](const Expr *Value) {
    HandleKey K;
    return Keyed && C.KeyOf.keyOf(Value, K, false) && K == TargetKey;
  };
  // Or the same field of the object the target's pointer was given just
  // before, which the failure branch puts back into the target (`data =
  // best->data; el = best; el->data = realloc(el->data, n); if (!el->data)
  // { el->data = data; .. }`, `el` written elsewhere too).
  const auto *TargetField =
      dyn_cast<MemberExpr>(ignoreValueCasts(Target));
  const auto *TargetBase =
      TargetField ? dyn_cast<DeclRefExpr>(
                        TargetField->getBase()->IgnoreParenImpCasts())
                  : nullptr;
  auto NullTest = [&](const Expr *Cond) {
    Cond = Cond->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
        UO && UO->getOpcode() == UO_LNot)
      return sameLvalue(ignoreValueCasts(UO->getSubExpr()), Target, C.Ctx);
    const auto *BO = dyn_cast<BinaryOperator>(Cond);
    auto IsNull = [&](const Expr *E) {
      std::optional<int64_t> K = constantValue(ignoreValueCasts(E), C.Ctx);
      return K && *K == 0;
    };
    return BO && BO->getOpcode() == BO_EQ &&
           ((sameLvalue(ignoreValueCasts(BO->getLHS()), Target, C.Ctx) &&
             IsNull(BO->getRHS())) ||
            (sameLvalue(ignoreValueCasts(BO->getRHS()), Target, C.Ctx) &&
             IsNull(BO->getLHS())));
  };
  auto SameFieldPutBack = [&](const VarDecl *V, const Expr *Value) {
    const auto *ME = dyn_cast<MemberExpr>(ignoreValueCasts(Value));
    if (!TargetBase || !ME ||
        ME->getMemberDecl() != TargetField->getMemberDecl())
      return false;
    bool Aliased = false, PutBack = false;
    // Between the save and the store nothing else is given to the
    // target's pointer (`if (spare) el = spare;`) or to what the field
    // was saved from (`best = best->next;`).
    const auto *SavedFrom = dyn_cast<DeclRefExpr>(
        ME->getBase()->IgnoreParenImpCasts());
    unsigned OtherWrites = 0;
    std::function<void(const Stmt *, bool)> Walk = [&](const Stmt *S,
                                                      bool OnFailure) {
      if (!S)
        return;
      const Expr *Written = nullptr;
      if (const auto *BO = dyn_cast<BinaryOperator>(S);
          BO && BO->isAssignmentOp())
        Written = BO->getLHS();
      else if (const auto *UO = dyn_cast<UnaryOperator>(S);
               UO && UO->isIncrementDecrementOp())
        Written = UO->getSubExpr();
      if (const auto *W = Written ? dyn_cast<DeclRefExpr>(
                                        Written->IgnoreParenImpCasts())
                                  : nullptr;
          W &&
          SM.isBeforeInTranslationUnit(Value->getEndLoc(), S->getBeginLoc()) &&
          SM.isBeforeInTranslationUnit(S->getEndLoc(), Assign->getBeginLoc()) &&
          (W->getDecl() == TargetBase->getDecl() ||
           (SavedFrom && W->getDecl() == SavedFrom->getDecl())))
        ++OtherWrites;
      // `el = best;` between the save and the store.
      if (const auto *BO = dyn_cast<BinaryOperator>(S);
          BO && BO->getOpcode() == BO_Assign &&
          SM.isBeforeInTranslationUnit(Value->getEndLoc(),
                                       BO->getBeginLoc()) &&
          SM.isBeforeInTranslationUnit(BO->getEndLoc(),
                                       Assign->getBeginLoc()))
        if (const auto *L = dyn_cast<DeclRefExpr>(
                BO->getLHS()->IgnoreParenImpCasts());
            L && L->getDecl() == TargetBase->getDecl() &&
            sameLvalue(ignoreValueCasts(BO->getRHS()),
                       ignoreValueCasts(ME->getBase()), C.Ctx)) {
          Aliased = true;
          --OtherWrites; // the alias itself
        }
      if (const auto *BO = dyn_cast<BinaryOperator>(S);
          OnFailure && BO && BO->getOpcode() == BO_Assign &&
          sameLvalue(ignoreValueCasts(BO->getLHS()), Target, C.Ctx)) {
        const auto *R =
            dyn_cast<DeclRefExpr>(ignoreValueCasts(BO->getRHS()));
        PutBack |= R && R->getDecl()->getCanonicalDecl() ==
                            V->getCanonicalDecl();
      }
      if (const auto *If = dyn_cast<IfStmt>(S);
          If && SM.isBeforeInTranslationUnit(Assign->getEndLoc(),
                                             If->getBeginLoc()) &&
          NullTest(If->getCond())) {
        Walk(If->getThen(), true);
        Walk(If->getElse(), OnFailure);
        return;
      }
      for (const Stmt *Child : S->children())
        Walk(Child, OnFailure);
    };
    Walk(C.Fn->getBody(), false);
    return Aliased && PutBack && OtherWrites == 0;
  };
  // A copy saved just before, however often written later.
  if (const FailureTest Fails = failureTest(Assign, NullTest, C); Fails.If) {
    llvm::SmallVector<const VarDecl *, 2> TargetVars;
    std::function<void(const Stmt *)> Vars = [&](const Stmt *S) {
      if (const auto *R = dyn_cast<DeclRefExpr>(S))
        if (const auto *W = dyn_cast<VarDecl>(R->getDecl()))
          TargetVars.push_back(W);
      for (const Stmt *Child : S->children())
        if (Child)
          Vars(Child);
    };
    Vars(Target);
    if (keptForFailure(Fails, Target, TargetVars, C))
      return true;
  }
  llvm::SmallVector<const VarDecl *, 2> Saved;
  auto Note = [&](const VarDecl *V, const Expr *Value) {
    if (V && Value && BodyIndex::isLocalVar(V) &&
        !V->getType()->isReferenceType() && C.Body.writeCount(V) == 1 &&
        SM.isBeforeInTranslationUnit(Value->getEndLoc(),
                                     Assign->getBeginLoc()) &&
        (sameLvalue(ignoreValueCasts(Value), Target, C.Ctx) ||
         SameKey(Value) || SameFieldPutBack(V, Value)))
      Saved.push_back(cast<VarDecl>(V->getCanonicalDecl()));
  };
  std::function<void(const Stmt *)> Find = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          Note(V, V->getInit());
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S);
               BO && BO->getOpcode() == BO_Assign) {
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        Note(dyn_cast<VarDecl>(DRE->getDecl()), BO->getRHS());
    }
    for (const Stmt *Child : S->children())
      Find(Child);
  };
  Find(C.Fn->getBody());
  return llvm::any_of(Saved, [&](const VarDecl *V) {
    return BodyIndex::referencedAfter(C.Fn->getBody(), V,
                                      Assign->getEndLoc(), SM);
  });
}

/// \p Call is a getter of the file: every `return` of its body gives a
/// field or what a pointer points to (`return r->list;`).
static bool returnsPlace(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def))
    return false;
  bool Any = false, Other = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Other || isa<LambdaExpr, BlockExpr>(S))
      return;
    if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
      const Expr *V = Ret->getRetValue() ? ignoreValueCasts(Ret->getRetValue())
                                         : nullptr;
      const auto *UO = dyn_cast_or_null<UnaryOperator>(V);
      (isa_and_nonnull<MemberExpr>(V) || (UO && UO->getOpcode() == UO_Deref)
           ? Any
           : Other) = true;
      return;
    }
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(Def->getBody());
  return Any && !Other;
}

/// \p Branch ends by leaving the function without naming local \p V: its
/// last statement is a `return` (of anything but \p V) or a `goto` to a
/// label whose statements up to a `return` of their block do not name it
/// (`goto drop; .. drop: log(..); return;`).
static bool leavesWithout(const Stmt *Branch, const VarDecl *V,
                          const FunctionContext &C) {
  const Stmt *Last = Branch;
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Branch))
    Last = Block->body_empty() ? nullptr : Block->body_back();
  if (const auto *Ret = dyn_cast_or_null<ReturnStmt>(Last))
    return !BodyIndex::refersTo(Ret, V);
  const auto *Goto = dyn_cast_or_null<GotoStmt>(Last);
  const LabelStmt *Label = Goto ? Goto->getLabel()->getStmt() : nullptr;
  const auto *Tail =
      Label ? dyn_cast_or_null<CompoundStmt>(C.Body.parent(Label)) : nullptr;
  if (!Tail)
    return false;
  for (auto It = llvm::find(Tail->body(), Label); It != Tail->body_end();
       ++It) {
    if (BodyIndex::refersTo(*It, V))
      return false;
    const Stmt *S = *It;
    while (const auto *L = dyn_cast<LabelStmt>(S))
      S = L->getSubStmt();
    if (isa<ReturnStmt>(S))
      return true;
  }
  return false;
}

/// \p Assign's target is a local every value of which, but what this
/// call gives back, is read from a place the caller or an object keeps
/// (`list = r->list;`, `list = res_list(r);` of a getter of the file, `p
/// = *pp;`, `memcpy(&p, pp, sizeof p)`), the assignment is in no loop,
/// and the next statement of its block that names it tests it and leaves where it is null, or is the
/// last to name it (`if (!list) return -1;`, `if (list) { r->list =
/// list; }`): where the call fails, that place still holds the block (not
/// where the null goes back there, `set_list(r, list);`).
static bool heldElsewhere(const BinaryOperator *Assign,
                          const FunctionContext &C) {
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts());
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!V || !BodyIndex::isLocalVar(V) || isa<ParmVarDecl>(V) ||
      V->getType()->isReferenceType() || !C.Body.writtenByNameOrCalls(V))
    return false;
  const Decl *Canon = V->getCanonicalDecl();
  bool Kept = false, Owned = false;
  llvm::SmallVector<const Expr *, 2> Places;
  auto Given = [&](const Expr *Value) {
    if (!Value)
      return;
    // `*idp - 1`: a pointer into the block read from the place.
    const Expr *X = BodyIndex::pointerBase(ignoreValueCasts(Value));
    if (constantValue(X, C.Ctx))
      return; // null: nothing held
    if (Value == Assign->getRHS())
      return; // the block this call gives back
    const auto *UO = dyn_cast<UnaryOperator>(X);
    const auto *Call = dyn_cast<CallExpr>(X);
    const bool Place = isa<MemberExpr>(X) ||
                       (UO && UO->getOpcode() == UO_Deref) ||
                       (Call && returnsPlace(Call));
    (Place ? Kept : Owned) = true;
    if (Place && !Call)
      Places.push_back(X);
  };
  Given(V->getInit());
  // For the forms that leave without a null test of their own (`if (!(p =
  // realloc(..)))`, `else goto`) or step the local: the places it was read
  // from are given nothing but its own value anywhere (`c->buf = NULL;`
  // before the call, or in the failure branch, loses the block).
  auto PlacesKept = [&] {
    bool Other = false;
    std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
      if (!S || Other)
        return;
      if (const auto *BO = dyn_cast<BinaryOperator>(S);
          BO && BO->isAssignmentOp()) {
        const auto *R = dyn_cast<DeclRefExpr>(ignoreValueCasts(BO->getRHS()));
        const bool Own = BO->getOpcode() == BO_Assign && R &&
                         R->getDecl()->getCanonicalDecl() == Canon;
        for (const Expr *P : Places)
          if (!Own && sameLvalue(ignoreValueCasts(BO->getLHS()), P, C.Ctx))
            Other = true;
      }
      for (const Stmt *Child : S->children())
        Walk(Child);
    };
    Walk(C.Fn->getBody());
    return !Other && !Places.empty();
  };
  // `p += n` after the call, no label before it (the call not in a loop,
  // asked below): a cursor stepped on the success path.
  const SourceManager &SM = C.Ctx.getSourceManager();
  std::optional<bool> LabelBefore;
  bool Stepped = false;
  auto SteppedAfter = [&](const BinaryOperator *BO) {
    if ((BO->getOpcode() != BO_AddAssign && BO->getOpcode() != BO_SubAssign) ||
        !SM.isBeforeInTranslationUnit(Assign->getEndLoc(), BO->getBeginLoc()))
      return false;
    if (!LabelBefore)
      LabelBefore =
          C.Body.labelBetween(SourceLocation(), Assign->getBeginLoc());
    return !*LabelBefore;
  };
  std::function<void(const Stmt *)> Find = [&](const Stmt *S) {
    if (!S || Owned)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp()) {
      const auto *L = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
      if (L && L->getDecl()->getCanonicalDecl() == Canon) {
        if (BO->getOpcode() == BO_Assign)
          Given(BO->getRHS());
        else if (!SteppedAfter(BO))
          Owned = true;
        else
          Stepped = true;
      }
    }
    // `memcpy(&p, ptr, sizeof p)`: p read from where ptr points (e2fsprogs'
    // ext2fs_resize_mem), or copied from a local (`memcpy(&p, &q, ..)`);
    // `memcpy(ptr, &p, ..)` reads p. Another call given `&p` may give it
    // anything.
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      std::optional<ByteCopyArgs> Copy = byteCopyArgs(calledFunction(Call));
      for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
        const VarDecl *To = BodyIndex::outArgument(Call->getArg(I));
        if (!To || To->getCanonicalDecl() != Canon || (Copy && I == Copy->Src))
          continue;
        const bool FromPlace = Copy && I == Copy->Dst &&
                               Copy->Src < Call->getNumArgs() &&
                               !BodyIndex::outArgument(Call->getArg(Copy->Src));
        (FromPlace ? Kept : Owned) = true;
      }
    }
    for (const Stmt *Child : S->children())
      Find(Child);
  };
  Find(C.Fn->getBody());
  if (!Kept || Owned || C.Body.enclosingLoop(Assign) ||
      (Stepped && !PlacesKept()))
    return false;
  // `if (n > max && (ids = realloc(ids, m))) { .. }`: the condition tests
  // the result, and where it is null nothing after names the local.
  const Stmt *Full = C.Body.fullStatement(Assign);
  if (const auto *If = dyn_cast<IfStmt>(Full);
      If && C.Body.isAncestor(If->getCond(), Assign)) {
    const Stmt *P = C.Body.valueParent(Assign);
    // `if (!(ids = realloc(ids, m))) return -1;`: the null leaves.
    if (const auto *Not = dyn_cast_or_null<UnaryOperator>(P);
        Not && Not->getOpcode() == UO_LNot && C.Body.valueParent(Not) == If &&
        leavesWithout(If->getThen(), V, C) && PlacesKept())
      return true;
    while (const auto *And = dyn_cast_or_null<BinaryOperator>(P)) {
      if (And->getOpcode() != BO_LAnd)
        break;
      P = C.Body.valueParent(And);
    }
    if (P != If || (If->getElse() && BodyIndex::refersTo(If->getElse(), V)))
      return false;
    for (const Stmt *Rest = C.Body.nextStatement(If); Rest;
         Rest = C.Body.nextStatement(Rest))
      if (BodyIndex::refersTo(Rest, V))
        return false;
    return true;
  }
  for (const Stmt *Next = C.Body.nextStatement(Full);
       Next; Next = C.Body.nextStatement(Next)) {
    if (!BodyIndex::refersTo(Next, V))
      continue;
    const auto *If = dyn_cast<IfStmt>(Next);
    if (!If || !BodyIndex::refersTo(If->getCond(), V))
      return false;
    // `if (!list) return -1;`, `if (list == NULL) ..`: the null leaves.
    const Expr *Cond = If->getCond()->IgnoreParenImpCasts();
    const auto *Not = dyn_cast<UnaryOperator>(Cond);
    const auto *Eq = dyn_cast<BinaryOperator>(Cond);
    const bool NullTest =
        (Not && Not->getOpcode() == UO_LNot) ||
        (Eq && Eq->getOpcode() == BO_EQ &&
         (constantValue(Eq->getRHS(), C.Ctx) == 0 ||
          constantValue(Eq->getLHS(), C.Ctx) == 0));
    if (NullTest && BodyIndex::containsJump(If->getThen()))
      return true;
    // `if (list) { .. } else goto drop;`: the null leaves too.
    const auto *Ne = Eq && Eq->getOpcode() == BO_NE ? Eq : nullptr;
    const auto *Tested = dyn_cast<DeclRefExpr>(
        Ne ? (constantValue(Ne->getRHS(), C.Ctx) == 0 ? Ne->getLHS()
                                                       : Ne->getRHS())
                 ->IgnoreParenImpCasts()
           : Cond);
    if (Tested && Tested->getDecl()->getCanonicalDecl() == Canon &&
        (!Ne || constantValue(Ne->getRHS(), C.Ctx) == 0 ||
         constantValue(Ne->getLHS(), C.Ctx) == 0) &&
        If->getElse() && leavesWithout(If->getElse(), V, C) && PlacesKept())
      return true;
    // `if (list) { .. }` with nothing after naming it.
    for (const Stmt *Rest = C.Body.nextStatement(If); Rest;
         Rest = C.Body.nextStatement(Rest))
      if (BodyIndex::refersTo(Rest, V))
        return false;
    return !NullTest;
  }
  return false;
}

/// The local \p Assign stores into holds null when it runs: \p Assign is
/// (inside) an expression statement of a block whose last statement before
/// it naming the local gives it a null constant, its declaration or an
/// assignment (`struct curl_slist *h = NULL; h = curl_slist_append(h,
/// ..);`); no label or `case` lets control in between, and the local's
/// address is never taken. Nothing is lost when the call fails then.
static bool nullBefore(const BinaryOperator *Assign, const FunctionContext &C) {
  const auto *DRE =
      dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !BodyIndex::isLocalVar(V) || !C.Body.writtenOnlyByName(V))
    return false;
  const Stmt *S = Assign;
  while (C.Body.parent(S) && isa<Expr>(C.Body.parent(S)))
    S = C.Body.parent(S);
  const auto *Block = dyn_cast_or_null<CompoundStmt>(C.Body.parent(S));
  if (!Block)
    return false; // a loop's or an `if`'s body of one statement, a `case`
  auto IsNull = [&](const Expr *E) {
    std::optional<int64_t> K = E ? constantValue(E, C.Ctx) : std::nullopt;
    return K && *K == 0;
  };
  const Stmt *Last = nullptr; // the last statement before S naming V
  bool Entry = false;
  for (const Stmt *Sub : Block->body()) {
    if (Sub == S)
      break;
    if (BodyIndex::containsEntry(Sub))
      Entry = true;
    const auto *DS = dyn_cast<DeclStmt>(Sub);
    if (BodyIndex::refersTo(Sub, V) ||
        (DS && llvm::is_contained(DS->decls(), V))) {
      Last = Sub;
      Entry = BodyIndex::containsEntry(Sub);
    }
  }
  if (!Last || Entry)
    return false;
  if (const auto *DS = dyn_cast<DeclStmt>(Last))
    return DS->isSingleDecl() && DS->getSingleDecl() == V &&
           IsNull(V->getInit());
  const auto *Set = dyn_cast<BinaryOperator>(Last);
  const auto *To = Set && Set->getOpcode() == BO_Assign
                       ? dyn_cast<DeclRefExpr>(
                             Set->getLHS()->IgnoreParenImpCasts())
                       : nullptr;
  return To && To->getDecl() == DRE->getDecl() &&
         !BodyIndex::refersTo(Set->getRHS(), V) && IsNull(Set->getRHS());
}

void findLostOnFailure(FunctionContext &C) {
  for (const Expr *E : C.Body.candidates()) {
    const auto *BO = dyn_cast_or_null<BinaryOperator>(C.Body.valueParent(E));
    if (!BO || BO->getOpcode() != BO_Assign ||
        BO->getRHS()->IgnoreParenCasts() != E)
      continue;
    for (const ReleaseRole &R : C.Roles.releases(E)) {
      if (R.Rule->On != Release::OnSuccess)
        continue;
      // Another variable given to realloc still holds the block when it
      // fails (`tmp = realloc(buf, n)`, even once `buf = tmp` made them
      // aliases in a loop): only storing over the argument itself loses it.
      const Expr *Arg = RuleCatalog::handleExpr(E, R.Handle.Spec);
      HandleKey K, L;
      if (CallRoles::keyFor(E, R.Handle, R.Rule->Fam->IsLock, C.KeyOf, K) &&
          C.KeyOf.keyOf(BO->getLHS(), L, false)) {
        if (!(L == K) || !Arg || !sameVariable(BO->getLHS(), Arg))
          continue;
        const ValueDecl *Root = L.root();
        if (L.Steps.size() == 1 && isa_and_nonnull<ParmVarDecl>(Root) &&
            !Root->getType()->isReferenceType())
          continue;
      } else if (!sameLvalue(BO->getLHS(), Arg, C.Ctx) ||
                 !R.Handle.Fields.empty()) {
        continue; // `*buf = realloc(*buf, n)`, `v[i] = realloc(v[i], n)`
      }
      if (!exitsWhenNull(BO, C) && !nullBefore(BO, C) &&
          !savedBefore(BO, C) && !heldElsewhere(BO, C))
        C.Out.lostOnFailure(E, BO->getLHS());
      break;
    }
  }
}

} // namespace clang::tidy::raii
