//===- LockGuardRewrite.cpp - manual lock/unlock pairs into guards --------===//
#include "fixes/LockGuardRewrite.h"
#include "engine/BodyIndex.h"
#include "fixes/StatementEdits.h"
#include "catalog/Vocabulary.h"
#include "support/GuardNaming.h"
#include "support/GuardTypes.h"
#include "support/Instantiation.h"
#include "support/Lockables.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include <functional>

namespace clang::tidy::raii {

GuardNamer &guardRewriteNamer() {
  static GuardNamer N;
  return N;
}

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

class Planner {
public:
  Planner(const FunctionAnalysis &FA, unsigned Acq, LockGuardForm Form,
          llvm::StringRef GuardTemplate, ASTContext &Ctx)
      : FA(FA), A(FA.Acquisitions[Acq]), Form(Form), Template(GuardTemplate),
        Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()),
        Body(FA.Fn, Ctx) {}

  GuardRewrite run();
  /// Decides placement: the refusal, or nullopt with \p Kept the releases
  /// that stay releases.
  std::optional<std::string> prepare(llvm::SmallVectorImpl<const Expr *> &Kept);

  // What prepare() found, for planLockEach (one lock of `std::lock`).
  const std::string &objText() const { return ObjText; }
  QualType objType() const { return ObjType; }
  const Expr *obj() const { return Obj; }
  const CompoundStmt *scope() const { return Scope; }
  /// Release statements of the other locks of one `std::lock`.
  void addSibling(const Expr *Release) {
    if (const Stmt *S = statementOf(Release))
      Siblings.insert(S);
  }
  const Stmt *lockStmt() const { return LockStmt; }
  /// The edits of the releases for a guard named \p Name: deleted, or
  /// `Name.unlock()` for those in \p Kept.
  void editReleases(llvm::ArrayRef<const Expr *> Kept, llvm::StringRef Name,
                    GuardRewrite &Out) const;

private:
  static GuardRewrite refuse(std::string Why) {
    return GuardRewrite::refused(std::move(Why));
  }
  bool before(const Stmt *X, const Stmt *Y) const {
    return endsBefore(X, Y, SM);
  }
  /// The statement of a compound statement that \p E is, alone or cast to
  /// `void` (`(void)pthread_mutex_unlock(&m);`), or null.
  const Stmt *statementOf(const Expr *E) const;
  /// The `if` of a block whose whole condition is try-lock \p MC (`if
  /// (m.try_lock())`, no initialiser, no `else if` chain above it), or its
  /// negation when the branch leaves the block on every path and there is
  /// no `else` (`if (!m.try_lock()) return;`, sets TryNegated), or null.
  const IfStmt *tryLockBranch(const CXXMemberCallExpr *MC);
  /// The `if` of a block whose whole condition says lock call \p C failed
  /// (`lock(&m)`, `lock(&m) != 0`, `0 != lock(&m)` for a lock that returns
  /// zero on success; `!lock(&m)` for one that returns true), with no
  /// `else`, no initialiser, and a branch that leaves the block on every
  /// path, or null.
  const IfStmt *failureBranch(const CallExpr *C);
  /// True if every path through \p S ends with a jump out of the lock's
  /// block: `return`, `throw`, or a `break`, `continue` or `goto` leaving
  /// it.
  bool leavesBlock(const Stmt *S) const;
  /// The compound statement \p S is directly a statement of, or null.
  const CompoundStmt *blockOf(const Stmt *S) const {
    return dyn_cast_or_null<CompoundStmt>(Body.parent(S));
  }
  /// True if jump \p J leaves the lock's block.
  bool leavesScope(const Stmt *J) const { return jumpLeaves(J, Scope, Body); }
  /// True if the release \p R can be deleted: the guard would release at
  /// the same point, with nothing destroyed in between.
  bool deletable(const Expr *R) const;
  /// A local declared after the lock, destroyed when leaving the scopes
  /// around \p R, whose destructor would run under the guard.
  bool destroyedUnderGuard(const Stmt *R) const;
  /// Why a jump could cross the guard's declaration, if one can: a label or
  /// `case` after the lock, a `goto` back to a label before it.
  std::optional<std::string> jumpPastGuard(const Stmt *S) const;
  void collectDestroyed(const Stmt *S);
  /// Checks the releases of a lock taken by a member call, and spells the
  /// object for the guard's constructor; refusal in \p Why.
  bool memberLock(const CXXMemberCallExpr *MC, std::string &Why);
  /// The same for a lock taken by a call given the object as an argument.
  bool callLock(const CallExpr *C, std::string &Why);
  /// The same for one of the locks `std::lock(a, b)` takes.
  bool eachLock(std::string &Why);
  /// True if every release is a member call on \p Object (`m.unlock()`);
  /// otherwise the reason in \p Why.
  bool releasedByMembersOf(const Expr *Object, std::string &Why);
  /// The edits, once placement is decided: \p Kept are the releases that
  /// stay releases.
  GuardRewrite spell(llvm::ArrayRef<const Expr *> Kept);
  /// The forms that keep the lock call: guard declaration \p Decl after the
  /// lock's statement, each release deleted or followed by \p Disarm
  /// (through \p EditRelease), added to \p Out.
  GuardRewrite
  guardAfterLock(const std::string &Decl, const std::string &Disarm,
                 llvm::function_ref<bool(const Expr *, llvm::StringRef)>
                     EditRelease,
                 GuardRewrite &Out);
public:
  /// `<std::mutex>`: the argument list of a guard for mutex type \p T,
  /// spelled out where there is no class template argument deduction.
  std::string templateArgs(QualType T) const {
    return "<" + T.getUnqualifiedType().getAsString(Ctx.getPrintingPolicy()) +
           ">";
  }

private:
  std::string text(SourceRange R) const {
    return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO)
        .str();
  }

  const FunctionAnalysis &FA;
  const Acquisition &A;
  LockGuardForm Form;
  llvm::StringRef Template;
  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  BodyIndex Body;
  const CompoundStmt *Scope = nullptr;
  const Expr *Lock = nullptr;
  const Stmt *LockStmt = nullptr;
  /// A try-lock tested by this `if`: the guard goes before it, with
  /// `std::try_to_lock`, and the condition asks the guard.
  const IfStmt *TryIf = nullptr;
  /// `if (pthread_mutex_lock(&m) != 0) return -1;`: the `if` whose branch
  /// the failed lock takes and leaves the block; the guard goes after it.
  const IfStmt *FailIf = nullptr;
  bool Each = false;       ///< one of the locks of `std::lock(a, b)`
  /// The statements that release the other locks of that `std::lock`.
  llvm::SmallPtrSet<const Stmt *, 4> Siblings;
  bool TryNegated = false; ///< `if (!m.try_lock()) return;`
  /// The duration or time point of a timed try-lock (`try_lock_for(d)`).
  const Expr *TryArg = nullptr;
  /// Locals with a destructor (or a cleanup attribute) declared in the
  /// block after the lock.
  llvm::SmallVector<const VarDecl *, 4> Destroyed;
  /// The locked object as the guard takes it: `m`, `*this` (member locks);
  /// the lock's argument, `&m` (call locks).
  std::string ObjText;
  QualType ObjType;     ///< member locks: the mutex type
  const Expr *Obj = nullptr; ///< the object's expression, for the name
  std::string NameBase;      ///< member locks: the guard's name base
  std::string ReleaseCallee; ///< call locks: the release as spelled
};

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

void Planner::editReleases(llvm::ArrayRef<const Expr *> Kept,
                           llvm::StringRef Name, GuardRewrite &Out) const {
  for (const Expr *R : A.Releases)
    if (llvm::is_contained(Kept, R))
      Out.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(R->getSourceRange()),
          Name.str() + ".unlock()"));
    else
      Out.Fixes.push_back(deleteStatement(statementOf(R), SM, LO));
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

GuardRewrite Planner::guardAfterLock(
    const std::string &Decl, const std::string &Disarm,
    llvm::function_ref<bool(const Expr *, llvm::StringRef)> EditRelease,
    GuardRewrite &Out) {
  auto Guard = insertStatementAfter(LockStmt, Decl, SM, LO);
  if (!Guard)
    return refuse("the lock cannot be edited");
  Out.Fixes.push_back(*Guard);
  for (const Expr *R : A.Releases)
    if (!EditRelease(R, Disarm))
      return refuse("a release cannot be edited");
  return std::move(Out);
}

GuardRewrite Planner::spell(llvm::ArrayRef<const Expr *> Kept) {
  // A family taken by a call whose release is no unlock (`pthread_mutexattr_
  // init` / `_destroy`) is named for what its guard does: `destroy_attr`.
  llvm::StringRef Verb = "lock";
  if (!ReleaseCallee.empty()) {
    std::string Lower = llvm::StringRef(ReleaseCallee).lower();
    llvm::StringRef Last = llvm::StringRef(ReleaseCallee).rsplit('_').second;
    if (!llvm::any_of(std::initializer_list<llvm::StringRef>{
                          "unlock", "post", "leave", "release"},
                      [&](llvm::StringRef W) {
                        return llvm::StringRef(Lower).contains(W);
                      }) &&
        !Last.empty() && llvm::all_of(Last, llvm::isAlpha))
      Verb = Last;
  }
  std::string Name = guardRewriteNamer().freshName(
      FA.Fn, Scope,
      NameBase.empty() ? guardNameBase({stripToObject(Obj)}, Verb) : NameBase,
      Ctx);
  GuardRewrite Out;
  auto EditRelease = [&](const Expr *R, llvm::StringRef After) {
    if (!llvm::is_contained(Kept, R)) {
      Out.Fixes.push_back(deleteStatement(statementOf(R), SM, LO));
      return true;
    }
    // The release stays, and the guard is told it happened.
    const Stmt *S = statementOf(R);
    auto Edit = S ? insertStatementAfter(S, After, SM, LO) : std::nullopt;
    if (Edit)
      Out.Fixes.push_back(*Edit);
    return Edit.has_value();
  };
  switch (Form) {
  case LockGuardForm::Standard: {
    std::string Guard = Template.str();
    if ((!Kept.empty() || TryIf) &&
        (Template == "std::lock_guard" || Template == "std::scoped_lock"))
      Out.DeclaredGuard = Guard = "std::unique_lock"; // the message says so
    if (!LO.CPlusPlus17)
      Guard += templateArgs(ObjType);
    if (TryIf) { // `if (lock_m.owns_lock())` after the guard
      if (TryIf->getBeginLoc().isMacroID())
        return refuse("the 'if' is written in a macro");
      const std::string How =
          TryArg ? text(TryArg->getSourceRange()) : "std::try_to_lock";
      if (How.empty())
        return refuse("the try-lock's argument cannot be spelled");
      Out.Fixes.push_back(insertStatementBefore(
          TryIf, Guard + " " + Name + "(" + ObjText + ", " + How + ");", SM));
      Out.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Lock->getSourceRange()),
          Name + ".owns_lock()"));
    } else {
      Out.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Lock->getSourceRange()),
          Guard + " " + Name + "(" + ObjText + ")"));
    }
    editReleases(Kept, Name, Out);
    return Out;
  }
  case LockGuardForm::Library: {
    std::optional<LockGuardShape> Shape = lockGuardShape(Ctx, Template, ObjType);
    if (!Shape)
      return refuse("'" + Template.str() + "' is not declared in this "
                    "translation unit with a constructor taking the lock");
    if (!Kept.empty() && !Shape->HasUnlock)
      return refuse("a release is followed by more code, and '" +
                    Template.str() + "' cannot unlock before its scope ends");
    std::string Guard = Template.str();
    if (Shape->IsTemplate && !LO.CPlusPlus17)
      Guard += templateArgs(ObjType);
    // `&m`, and `p` for `*p`, `this` for `*this`.
    std::string Arg = ObjText;
    if (Shape->ByPointer)
      Arg = llvm::StringRef(ObjText).starts_with("*")
                ? ObjText.substr(1)
                : "&" + ObjText;
    Out.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Lock->getSourceRange()),
        Guard + " " + Name + "(" + Arg + ")"));
    editReleases(Kept, Name, Out);
    return Out;
  }
  case LockGuardForm::ScopeExit:
    return guardAfterLock("raii::scope_exit " + Name + "([&] { " +
                              ReleaseCallee + "(" + ObjText + "); });",
                          Name + ".release();", EditRelease, Out);
  case LockGuardForm::CCleanupLock: {
    if (!LO.C99 && !LO.CPlusPlus)
      return refuse("'RAII_AUTO' declares a variable after the lock, which "
                    "needs C99");
    std::string Type = ObjType.getAsString(Ctx.getPrintingPolicy());
    if (!Type.empty() && Type.back() != '*')
      Type += ' ';
    return guardAfterLock("RAII_AUTO(" + ReleaseCallee + ") " + Type + Name +
                              " = " + ObjText + ";",
                          Name + " = NULL;", EditRelease, Out);
  }
  case LockGuardForm::CMutexGuard:
    if (!LO.C99 && !LO.CPlusPlus && blockOf(LockStmt)->body_front() != LockStmt)
      // GNU C89 compiles it, but projects that stay on C89 usually build
      // with -Wdeclaration-after-statement.
      return refuse("'RAII_MUTEX_GUARD' declares a variable after statements, "
                    "which needs C99");
    Out.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(LockStmt->getSourceRange()),
        "RAII_MUTEX_GUARD(" + Name + ", " + ObjText + ")"));
    for (const Expr *R : A.Releases)
      if (!EditRelease(R, Name + " = NULL;"))
        return refuse("a release cannot be edited");
    return Out;
  }
  return refuse("unknown guard form");
}

/// The locks of the `std::lock(a, b)` calls whose fix this translation
/// unit made, by argument, with the guard that fix declares for each: the
/// findings of the other locks get no fix of their own (the one fix covers
/// them), and their messages name that guard.
llvm::DenseMap<const Expr *, std::string> &lockEachFixed() {
  static llvm::DenseMap<const Expr *, std::string> Fixed;
  return Fixed;
}

/// `std::lock(a, b, ...)`: the locks it takes are rewritten together. With
/// C++17 and no release before the end of the block, one
/// `std::scoped_lock lock_a_b(a, b);` in its place; otherwise the call
/// stays and one guard per lock adopts it right after (`std::lock_guard
/// lock_a(a, std::adopt_lock);`, a `std::unique_lock` for a lock released
/// earlier, whose release becomes `lock_a.unlock()`).
GuardRewrite planLockEach(const FunctionAnalysis &FA, unsigned Acq,
                          llvm::StringRef Template, ASTContext &Ctx) {
  const auto *Call = cast<CallExpr>(FA.Acquisitions[Acq].Site);
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  llvm::SmallVector<unsigned, 4> Group;
  for (unsigned J = 0; J < FA.Acquisitions.size(); ++J)
    if (FA.Acquisitions[J].Site == Call)
      Group.push_back(J);
  if (Group.size() != Call->getNumArgs())
    return GuardRewrite::refused("an argument of '" + calleeName(Call) +
                                 "' is no lock the rules know");
  if (auto It = lockEachFixed().find(FA.Acquisitions[Acq].HandleExpr);
      It != lockEachFixed().end()) {
    GuardRewrite Covered;
    Covered.Covered = true;
    Covered.DeclaredGuard = It->second;
    return Covered;
  }
  // Every lock must be rewritable on its own.
  std::vector<std::unique_ptr<Planner>> Parts;
  llvm::SmallVector<llvm::SmallVector<const Expr *, 2>, 4> Kept;
  bool AnyKept = false;
  for (unsigned J : Group) {
    if (FA.Acquisitions[J].Releases.empty())
      return GuardRewrite::refused("'" + FA.Acquisitions[J].Name +
                                   "' is not unlocked by hand in this function");
    Parts.push_back(std::make_unique<Planner>(
        FA, J, LockGuardForm::Standard, Template, Ctx));
    for (unsigned K : Group)
      if (K != J)
        for (const Expr *R : FA.Acquisitions[K].Releases)
          Parts.back()->addSibling(R);
    Kept.emplace_back();
    if (auto Why = Parts.back()->prepare(Kept.back()))
      return GuardRewrite::refused(*Why);
    AnyKept |= !Kept.back().empty();
  }
  const CompoundStmt *Scope = Parts.front()->scope();
  const Stmt *LockStmt = Parts.front()->lockStmt();
  GuardRewrite Out;
  if (LO.CPlusPlus17 && !AnyKept) {
    llvm::SmallVector<const Expr *, 4> Objs;
    std::string Args;
    for (const auto &P : Parts) {
      Objs.push_back(stripToObject(P->obj()));
      Args += (Args.empty() ? "" : ", ") + P->objText();
    }
    std::string Name = guardRewriteNamer().freshName(
        FA.Fn, Scope, guardNameBase(Objs), Ctx);
    Out.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Call->getSourceRange()),
        "std::scoped_lock " + Name + "(" + Args + ")"));
    for (const auto &P : Parts) {
      P->editReleases({}, Name, Out);
      lockEachFixed()[P->obj()] = "std::scoped_lock";
    }
  } else {
    std::string Indent;
    for (unsigned I = 0; I < Parts.size(); ++I) {
      const Planner &P = *Parts[I];
      std::string Name = guardRewriteNamer().freshName(
          FA.Fn, Scope, guardNameBase({stripToObject(P.obj())}), Ctx);
      // (`std::scoped_lock` takes its adopt tag first; this one reads as
      // the single-lock fixes do.)
      std::string Guard =
          Kept[I].empty() ? "std::lock_guard" : "std::unique_lock";
      lockEachFixed()[P.obj()] = Guard;
      if (!LO.CPlusPlus17)
        Guard += P.templateArgs(P.objType());
      std::string Decl = Guard + " " + Name + "(" + P.objText() +
                         ", std::adopt_lock);";
      if (I == 0) { // the declarations: one insertion, the first fix
        auto First = insertStatementAfter(LockStmt, Decl, SM, LO);
        if (!First)
          return GuardRewrite::refused("the lock cannot be edited");
        // "\n" + the statement's indentation + the declaration.
        Indent = First->CodeToInsert.substr(
            1, First->CodeToInsert.size() - 1 - Decl.size());
        Out.Fixes.push_back(*First);
      } else {
        Out.Fixes.front().CodeToInsert += "\n" + Indent + Decl;
      }
      P.editReleases(Kept[I], Name, Out);
    }
  }
  Out.DeclaredGuard = lockEachFixed()[FA.Acquisitions[Acq].HandleExpr];
  return Out;
}

} // namespace

std::optional<LockedObject> lockedObjectOf(const CXXMemberCallExpr *MC,
                                           const SourceManager &SM,
                                           const LangOptions &LO,
                                           std::string &Why) {
  const Expr *Object = MC->getImplicitObjectArgument();
  if (!Object) {
    Why = "the lock is not a member call";
    return std::nullopt;
  }
  LockedObject Out;
  Out.Obj = Object;
  Out.Type = Object->getType();
  const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
  if (const auto *This = dyn_cast<CXXThisExpr>(Object->IgnoreParenImpCasts());
      This && This->isImplicit()) {
    Out.Text = "*this";
    Out.Type = Out.Type->getPointeeType();
  } else {
    if (Object->getBeginLoc().isMacroID()) {
      Why = "the locked object is written in a macro";
      return std::nullopt;
    }
    Out.Text = Lexer::getSourceText(
                   CharSourceRange::getTokenRange(Object->getSourceRange()),
                   SM, LO)
                   .str();
    if (ME && ME->isArrow()) {
      Out.Text = "*" + Out.Text;
      Out.Type = Out.Type->getPointeeType();
    }
  }
  if (Out.Text.empty() || Out.Type.isNull()) {
    Why = "the locked object cannot be spelled";
    return std::nullopt;
  }
  Out.NameBase = Out.Text == "*this" ? std::string("lock_this")
                                     : guardNameBase({stripToObject(Object)});
  return Out;
}

std::optional<std::string> unstableObject(const Expr *E, const BodyIndex &Body,
                                          ASTContext &Ctx) {
  if (E->HasSideEffects(Ctx))
    return std::string("the locked object is computed with a side effect");
  // A value read: a variable or member under an lvalue-to-rvalue cast.
  std::function<std::optional<std::string>(const Stmt *, bool)> Walk =
      [&](const Stmt *S, bool Read) -> std::optional<std::string> {
    if (!S)
      return std::nullopt;
    if (isa<CallExpr, CXXConstructExpr, LambdaExpr>(S))
      return std::string("the locked object is computed by a call");
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(S))
      return Walk(IC->getSubExpr(), IC->getCastKind() == CK_LValueToRValue);
    if (const auto *P = dyn_cast<ParenExpr>(S))
      return Walk(P->getSubExpr(), Read);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!Read)
        return std::nullopt; // the object itself
      // A value read through a reference or a structured binding: what it
      // names may be written through another name.
      if (!V || V->getType()->isReferenceType())
        return "'" + DRE->getDecl()->getNameAsString() +
               "' may hold another value when the guard releases";
      if (V->hasLocalStorage() && Body.isUnchanged(V))
        return std::nullopt;
      return "'" + V->getNameAsString() + "' may hold another value when "
             "the guard releases";
    }
    if (const auto *ME = dyn_cast<MemberExpr>(S); ME && Read)
      return "'" + ME->getMemberDecl()->getNameAsString() +
             "' may hold another value when the guard releases";
    for (const Stmt *C : S->children())
      if (auto Why = Walk(C, false))
        return Why;
    return std::nullopt;
  };
  return Walk(E, false);
}

GuardRewrite planLockGuardRewrite(const FunctionAnalysis &FA, unsigned Acq,
                                  LockGuardForm Form,
                                  llvm::StringRef GuardTemplate,
                                  ASTContext &Ctx) {
  const Acquisition &A = FA.Acquisitions[Acq];
  const auto *Call = dyn_cast_or_null<CallExpr>(A.Site);
  if (Form == LockGuardForm::Standard && Call &&
      !isa<CXXMemberCallExpr>(Call) &&
      isLockEachFunction(Call->getDirectCallee()) && A.HandleExpr &&
      !isInInstantiatedContext(FA.Fn))
    return planLockEach(FA, Acq, GuardTemplate, Ctx);
  return Planner(FA, Acq, Form, GuardTemplate, Ctx).run();
}

bool lockedByCall(const Acquisition &A) {
  const auto *C = dyn_cast_or_null<CallExpr>(A.Site);
  return A.IsLock && A.Rule && A.Fam && C && !isa<CXXMemberCallExpr>(C) &&
         A.Rule->Handle.Kind == HandleSpec::Arg &&
         A.Rule->Handle.Index < C->getNumArgs();
}

bool isRewritableLockGuard(llvm::StringRef Guard) {
  return Guard == "std::lock_guard" || Guard == "std::scoped_lock" ||
         Guard == "std::unique_lock" || Guard == "std::shared_lock";
}

llvm::StringRef lockGuardHeader(llvm::StringRef Guard) {
  return Guard == "std::shared_lock" ? "<shared_mutex>" : "<mutex>";
}

void resetGuardRewriteNames() {
  guardRewriteNamer().reset();
  lockEachFixed().clear();
}

} // namespace clang::tidy::raii
