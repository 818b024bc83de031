//===- LockGuardPlacement.cpp - where a lock's guard goes -----------------===//
//
// The Planner's placement (LockGuardPlanner.h): the lock's statement and
// block, a try-lock or failed-lock `if`, which releases the guard's scope
// end replaces and which stay, the locals destroyed under the guard, the
// jumps that could cross it; or the one-line reason there is no fix.
//
//===----------------------------------------------------------------------===//
#include "fixes/LockGuardPlanner.h"
#include "catalog/Vocabulary.h"
#include "support/GuardTypes.h"
#include "support/Instantiation.h"
#include "support/Lockables.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii::lockguard {

namespace {


/// The locked object is reached through a pointer or reference (`p->mu`,
/// `s.owner->mu`): an object the caller handed in or can find again.
bool lockThroughPointer(const FunctionAnalysis &FA, const Acquisition &A) {
  const HandleKey &K = FA.Keys[A.Key];
  for (unsigned I = 0; I + 1 < K.Steps.size(); ++I) {
    if (K.Steps[I].Kind != HandleKey::Step::Decl)
      continue;
    QualType T = static_cast<const ValueDecl *>(K.Steps[I].Ptr)->getType();
    if (T->isPointerType() || T->isReferenceType())
      return true;
  }
  return false;
}

} // namespace

const Stmt *Planner::statementOf(const Expr *E) const {
  if (blockOf(E))
    return E;
  const auto *Cast = dyn_cast_or_null<CStyleCastExpr>(Body.parent(E));
  if (Cast && Cast->getType()->isVoidType() && blockOf(Cast))
    return Cast;
  return nullptr;
}

bool Planner::leavesBlock(const Stmt *S) const {
  if (const auto *C = dyn_cast<CompoundStmt>(S))
    return !C->body_empty() && leavesBlock(C->body_back());
  if (isa<ReturnStmt, CXXThrowExpr>(S))
    return true;
  if (const auto *E = dyn_cast<ExprWithCleanups>(S))
    return leavesBlock(E->getSubExpr());
  return isa<BreakStmt, ContinueStmt, GotoStmt>(S) && leavesScope(S);
}

const IfStmt *Planner::tryLockBranch(const CXXMemberCallExpr *MC) {
  const CXXMethodDecl *M = MC->getMethodDecl();
  if (!M || !M->getIdentifier())
    return nullptr;
  // The timed ones: the guard's constructor given the duration or time
  // point calls them (`std::unique_lock l(m, d)` calls `m.try_lock_for(d)`).
  const bool Timed = llvm::is_contained(
      {"try_lock_for", "try_lock_until", "try_lock_shared_for",
       "try_lock_shared_until"},
      M->getName());
  if (MC->getNumArgs() != (Timed ? 1u : 0u) ||
      (!Timed && M->getName() != "try_lock" &&
       M->getName() != "try_lock_shared"))
    return nullptr;
  if (Timed) {
    TryArg = MC->getArg(0);
    if (inMacro(TryArg))
      return nullptr;
  }
  // The condition: the call, or its negation (through parentheses).
  // (A temporary argument, `try_lock_for(milliseconds(5))`, puts the
  // condition under an ExprWithCleanups.)
  const Stmt *Cond = MC;
  const Stmt *P = Body.parent(MC);
  while (isa_and_nonnull<ParenExpr, ExprWithCleanups>(P))
    P = Body.parent(Cond = P);
  if (const auto *Not = dyn_cast_or_null<UnaryOperator>(P);
      Not && Not->getOpcode() == UO_LNot) {
    TryNegated = true;
    Cond = Not;
    P = Body.parent(Not);
    while (isa_and_nonnull<ExprWithCleanups>(P))
      P = Body.parent(Cond = P);
  }
  const auto *If = dyn_cast_or_null<IfStmt>(P);
  if (!If || If->getCond() != Cond || If->getInit() ||
      If->getConditionVariable() || If->isConsteval() || !blockOf(If))
    return nullptr;
  // Negated, the branch runs without the lock and must not reach the code
  // after the `if`, which runs with it.
  Scope = blockOf(If);
  if (TryNegated && (If->getElse() || !leavesBlock(If->getThen())))
    return nullptr;
  return If;
}

const IfStmt *Planner::failureBranch(const CallExpr *C) {
  auto Up = [&](const Stmt *&Cond) {
    const Stmt *P = Body.parent(Cond);
    while (isa_and_nonnull<ParenExpr, ImplicitCastExpr, ExprWithCleanups>(P))
      P = Body.parent(Cond = P);
    return P;
  };
  auto IsZero = [&](const Expr *E) {
    Expr::EvalResult R;
    return !E->isValueDependent() && E->EvaluateAsInt(R, Ctx) &&
           R.Val.getInt().isZero();
  };
  const Stmt *Cond = C;
  const Stmt *P = Up(Cond);
  bool Failed = A.Rule->SuccessWhen == Success::Zero; // `if (lock(&m))`
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
      BO && BO->getOpcode() == BO_NE &&
      IsZero(BO->getLHS() == Cond ? BO->getRHS() : BO->getLHS())) {
    Cond = BO;
    P = Up(Cond);
  } else if (const auto *Not = dyn_cast_or_null<UnaryOperator>(P);
             Not && Not->getOpcode() == UO_LNot) {
    Failed = A.Rule->SuccessWhen == Success::True;
    Cond = Not;
    P = Up(Cond);
  }
  const auto *If = dyn_cast_or_null<IfStmt>(P);
  if (!Failed || !If || If->getCond() != Cond || If->getInit() ||
      If->getConditionVariable() || If->getElse() || !blockOf(If))
    return nullptr;
  Scope = blockOf(If);
  return leavesBlock(If->getThen()) ? If : nullptr;
}

bool Planner::destroyedUnderGuard(const Stmt *R) const {
  return llvm::any_of(Destroyed, [&](const VarDecl *V) {
    const Stmt *DS = Body.declStmtOf(V);
    return DS && before(DS, R) && Body.isAncestor(Body.enclosingCompound(DS), R);
  });
}

bool Planner::deletable(const Expr *R) const {
  const Stmt *S = statementOf(R);
  const CompoundStmt *Block = S ? blockOf(S) : nullptr;
  if (!Block || destroyedUnderGuard(S))
    return false;
  const Stmt *Next = nullptr;
  for (auto It = Block->body_begin(); It != Block->body_end(); ++It)
    if (*It == S) {
      Next = std::next(It) == Block->body_end() ? nullptr : *std::next(It);
      break;
    }
  // The releases of the other locks of one `std::lock`: the one guard
  // releases them all.
  for (auto It = Block->body_begin(); Next && Siblings.count(Next);) {
    It = std::find(It, Block->body_end(), Next);
    Next = std::next(It) == Block->body_end() ? nullptr : *std::next(It);
  }
  if (!Next)
    return Block == Scope; // the lock's block ends here
  if (const auto *Ret = dyn_cast<ReturnStmt>(Next))
    return returnsTrivially(Ret);
  return isa<BreakStmt, ContinueStmt>(Next) && leavesScope(Next);
}

std::optional<std::string> Planner::jumpPastGuard(const Stmt *S) const {
  if (!S || isa<LambdaExpr>(S))
    return std::nullopt;
  if (before(Lock, S) || S->getBeginLoc() == Lock->getBeginLoc()) {
    if (const auto *L = dyn_cast<LabelStmt>(S))
      return "a 'goto' could jump to label '" + std::string(L->getName()) +
             "' past the guard's declaration";
    if (const auto *G = dyn_cast<GotoStmt>(S)) {
      const LabelStmt *Target = G->getLabel()->getStmt();
      if (Target && Body.isAncestor(Scope, Target) && before(Target, Lock))
        return std::string("a 'goto' jumps back past the lock");
    }
    if (isa<SwitchCase>(S)) {
      const Stmt *P = Body.parent(S);
      while (P && !isa<SwitchStmt>(P))
        P = Body.parent(P);
      if (!P || !Body.isAncestor(Scope, P) || !before(Lock, P))
        return std::string(
            "a 'case' label after the lock would jump past the guard's "
            "declaration");
    }
  }
  for (const Stmt *C : S->children())
    if (auto Why = jumpPastGuard(C))
      return Why;
  return std::nullopt;
}

void Planner::collectDestroyed(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *DS = dyn_cast<DeclStmt>(S); DS && before(Lock, DS))
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D);
          V && V->hasLocalStorage() &&
          (V->needsDestruction(Ctx) || V->hasAttr<CleanupAttr>()))
        Destroyed.push_back(V);
  for (const Stmt *C : S->children())
    collectDestroyed(C);
}

bool Planner::releasedByMembersOf(const Expr *Object, std::string &Why) {
  for (const Expr *R : A.Releases) {
    const auto *RC = dyn_cast<CXXMemberCallExpr>(R);
    if (!RC || !RC->getImplicitObjectArgument() ||
        !sameObject(RC->getImplicitObjectArgument(), Object)) {
      Why = "'" + A.Name + "' is released through '" + calleeName(R) + "'";
      return false;
    }
  }
  return true;
}

bool Planner::memberLock(const CXXMemberCallExpr *MC, std::string &Why) {
  if (!releasedByMembersOf(MC->getImplicitObjectArgument(), Why))
    return false;
  std::optional<LockedObject> Spelled = lockedObjectOf(MC, SM, LO, Why);
  if (!Spelled)
    return false;
  Obj = Spelled->Obj;
  ObjText = Spelled->Text;
  NameBase = Spelled->NameBase;
  ObjType = Spelled->Type;
  return true;
}

bool Planner::callLock(const CallExpr *C, std::string &Why) {
  const Expr *Arg = C->getArg(A.Rule->Handle.Index);
  const FunctionDecl *ReleaseFn = nullptr;
  for (const Expr *R : A.Releases) {
    const auto *RC = dyn_cast<CallExpr>(R);
    const FunctionDecl *FD = RC ? RC->getDirectCallee() : nullptr;
    const bool OwnRelease =
        FD && !isa<CXXMemberCallExpr>(RC) &&
        llvm::any_of(A.Fam->Releases, [&](const Release &Rel) {
          return Rel.Handle.Kind == HandleSpec::Arg &&
                 Rel.Handle.Index < RC->getNumArgs() &&
                 Rel.Function == FD->getQualifiedNameAsString() &&
                 sameObject(RC->getArg(Rel.Handle.Index)->IgnoreParenCasts(),
                            Arg->IgnoreParenCasts());
        });
    if (!OwnRelease) {
      Why = "'" + A.Name + "' is released through '" + calleeName(R) + "'";
      return false;
    }
    if (ReleaseFn && ReleaseFn->getCanonicalDecl() != FD->getCanonicalDecl()) {
      Why = "'" + A.Name + "' is released by two functions";
      return false;
    }
    if (RC->getNumArgs() != 1) {
      Why = "the release '" + calleeName(R) + "' takes more than the lock";
      return false;
    }
    if (!ReleaseFn)
      ReleaseCallee = text(RC->getCallee()->getSourceRange());
    ReleaseFn = FD;
  }
  if (!ReleaseFn) {
    Why = "'" + A.Name + "' is released nowhere in its block";
    return false;
  }
  if (Arg->getBeginLoc().isMacroID() || Arg->getEndLoc().isMacroID()) {
    Why = "the locked object is written in a macro";
    return false;
  }
  Obj = Arg->IgnoreParenCasts();
  ObjText = text(Arg->getSourceRange());
  if (ObjText.empty() || ReleaseCallee.empty()) {
    Why = "the locked object cannot be spelled";
    return false;
  }
  if (Form == LockGuardForm::ScopeExit)
    if (auto Unstable = unstableObject(Arg, Body, Ctx)) {
      Why = *Unstable;
      return false;
    }
  if (Form == LockGuardForm::CCleanupLock) {
    // The variable is initialised with the argument again, right after the
    // lock: the same object unless evaluating it does something.
    if (Arg->HasSideEffects(Ctx)) {
      Why = "the locked object is computed with a side effect";
      return false;
    }
    if (!Arg->getType()->isPointerType()) {
      Why = "the lock is not given a pointer to the locked object";
      return false;
    }
    ObjType = Arg->getType();
    ReleaseCallee = ReleaseFn->getNameAsString();
  }
  return true;
}

bool Planner::eachLock(std::string &Why) {
  const Expr *Object = A.HandleExpr;
  if (!releasedByMembersOf(Object, Why))
    return false;
  if (inMacro(Object)) {
    Why = "the locked object is written in a macro";
    return false;
  }
  Obj = Object;
  ObjText = text(Object->getSourceRange());
  ObjType = Object->getType().getNonReferenceType();
  NameBase = guardNameBase({stripToObject(Object)});
  if (ObjText.empty()) {
    Why = "the locked object cannot be spelled";
    return false;
  }
  return true;
}

std::optional<std::string>
Planner::prepare(llvm::SmallVectorImpl<const Expr *> &Kept) {
  if (isInInstantiatedContext(FA.Fn))
    return std::string("the function is a template instantiation; an edit would "
                  "change every instantiation");
  // Through a wrapper, unless the wrapper is the object's own `lock()`
  // the standard guard would call (`mx.lock()` of a class wrapping
  // pthread_mutex_lock).
  const auto *SiteMC = dyn_cast<CXXMemberCallExpr>(A.Site);
  if (A.Via && !(Form == LockGuardForm::Standard && SiteMC &&
                 SiteMC->getMethodDecl() &&
                 SiteMC->getMethodDecl()->getCanonicalDecl() ==
                     A.Via->getCanonicalDecl()))
    return std::string("'" + A.Name + "' is locked through '" +
                  A.Via->getNameAsString() + "'");
  const auto *MC = dyn_cast<CXXMemberCallExpr>(A.Site);
  const auto *Call = dyn_cast<CallExpr>(A.Site);
  // `std::lock(a, b)`: one acquisition per argument (planLockEach).
  Each = Form == LockGuardForm::Standard && Call && !MC &&
         isLockEachFunction(Call->getDirectCallee()) && A.HandleExpr;
  const bool Member =
      Form == LockGuardForm::Standard || Form == LockGuardForm::Library;
  if (Member ? !Each && (!MC || !MC->getImplicitObjectArgument())
             : !Call || MC || !lockedByCall(A))
    return std::string(Member
                      ? "the lock is not a member call"
                      : "the lock is not a call given the locked object");
  if (Form == LockGuardForm::Library && MC->getNumArgs() != 0)
    return std::string("the lock takes arguments the guard's constructor "
                       "does not");
  if (inMacro(Call))
    return std::string("the lock is written in a macro");
  Lock = Call;
  LockStmt = statementOf(Call);
  if (!LockStmt && MC && Form == LockGuardForm::Standard && A.Rule &&
      A.Rule->Try && isRewritableLockGuard(Template))
    LockStmt = TryIf = tryLockBranch(MC);
  else if (!LockStmt && !MC &&
           (Form == LockGuardForm::ScopeExit ||
            Form == LockGuardForm::CCleanupLock) &&
           A.Rule && A.Rule->isConditional())
    LockStmt = FailIf = failureBranch(Call);
  Scope = LockStmt ? blockOf(LockStmt) : nullptr;
  if (!Scope)
    return std::string(!A.Rule || !A.Rule->isConditional()
                      ? "the lock is not a statement of its own"
                  : A.Rule->Try ? "the lock is a try-lock tested in a condition"
                                : "the result of the lock is tested");
  if (A.Rule && A.Rule->Try && !TryIf && !FailIf)
    return std::string("the lock is a try-lock whose result is not tested");
  for (unsigned J = 0; J < FA.Acquisitions.size(); ++J) {
    const Acquisition &O = FA.Acquisitions[J];
    if (&O != &A && O.Key == A.Key && !O.isSeed())
      return std::string("'" + A.Name + "' is locked more than once in this "
                    "function");
  }
  for (const SkipCause &C : A.Skips) {
    if (C.Kind == SkipCause::Overwrite ||
        ((C.Kind == SkipCause::Break || C.Kind == SkipCause::Continue) &&
         !leavesScope(C.Where)))
      return std::string("a path keeps the lock past the end of its block");
    // `/* leaves p locked */ return 0;`: a value returned with the lock of
    // an object reached through a pointer may tell the caller to unlock it
    // (memcached's extstore_write_request); the guard would unlock at the
    // return. Globals and members returned locked with a value stay fixed:
    // the classic forgotten unlock on an error return.
    const auto *Ret = dyn_cast_or_null<ReturnStmt>(C.Where);
    if (C.Kind == SkipCause::Return && Ret && Ret->getRetValue() &&
        lockThroughPointer(FA, A))
      return std::string("a 'return' with a value leaves '" + A.Name +
                    "' locked, which may be for the caller to unlock");
  }
  std::string Why;
  if (!(Each ? eachLock(Why) : MC ? memberLock(MC, Why) : callLock(Call, Why)))
    return Why;
  for (const Expr *R : A.Releases) {
    if (inMacro(R))
      return std::string("a release is written in a macro");
    if (!Body.isAncestor(Scope, R) || !before(Call, R))
      return std::string("a release is outside the block that takes the lock");
    if (TryIf && !TryNegated && !Body.isAncestor(TryIf->getThen(), R))
      return std::string("a release is outside the branch the try-lock takes");
    if (TryIf && TryNegated && !before(TryIf, R))
      return std::string("a release is inside the branch the failed try-lock "
                    "takes");
    if (FailIf && !before(FailIf, R))
      return std::string("a release is inside the branch the failed lock "
                         "takes");
  }
  if (auto Why = jumpPastGuard(Scope))
    return std::string(*Why);
  collectDestroyed(Scope);

  for (const Expr *R : A.Releases)
    if (!deletable(R))
      Kept.push_back(R);
  return std::nullopt;
}

GuardRewrite Planner::run() {
  llvm::SmallVector<const Expr *, 2> Kept;
  if (auto Why = prepare(Kept))
    return refuse(*Why);
  return spell(Kept);
}

} // namespace clang::tidy::raii::lockguard
