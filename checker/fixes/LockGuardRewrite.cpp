//===- LockGuardRewrite.cpp - manual lock/unlock pairs into guards --------===//
#include "fixes/LockGuardRewrite.h"
#include "engine/BodyIndex.h"
#include "fixes/StatementEdits.h"
#include "support/GuardNaming.h"
#include "support/Instantiation.h"
#include "support/Lockables.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::raii {

GuardNamer &guardRewriteNamer() {
  static GuardNamer N;
  return N;
}

namespace {

class Planner {
public:
  Planner(const FunctionAnalysis &FA, unsigned Acq,
          llvm::StringRef GuardTemplate, ASTContext &Ctx)
      : FA(FA), A(FA.Acquisitions[Acq]), Template(GuardTemplate), Ctx(Ctx),
        SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), Body(FA.Fn, Ctx) {}

  GuardRewrite run();

private:
  static GuardRewrite refuse(std::string Why) {
    return GuardRewrite::refused(std::move(Why));
  }
  bool before(const Stmt *X, const Stmt *Y) const {
    return endsBefore(X, Y, SM);
  }
  /// The compound statement \p S is directly a statement of, or null.
  const CompoundStmt *blockOf(const Stmt *S) const {
    return dyn_cast_or_null<CompoundStmt>(Body.parent(S));
  }
  /// True if jump \p J leaves the lock's block.
  bool leavesScope(const Stmt *J) const { return jumpLeaves(J, Scope, Body); }
  /// True if the release \p R can be deleted: the guard would release at
  /// the same point, with nothing destroyed in between.
  bool deletable(const Stmt *R) const;
  /// A local declared after the lock, destroyed when leaving the scopes
  /// around \p R, whose destructor would run under the guard.
  bool destroyedUnderGuard(const Stmt *R) const;
  /// Why a jump could cross the guard's declaration, if one can: a label or
  /// `case` after the lock, a `goto` back to a label before it.
  std::optional<std::string> jumpPastGuard(const Stmt *S) const;
  void collectDestroyed(const Stmt *S);
  std::string text(SourceRange R) const {
    return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO)
        .str();
  }

  const FunctionAnalysis &FA;
  const Acquisition &A;
  llvm::StringRef Template;
  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  BodyIndex Body;
  const CompoundStmt *Scope = nullptr;
  const Stmt *Lock = nullptr;
  /// Locals with a destructor declared in the block after the lock.
  llvm::SmallVector<const VarDecl *, 4> Destroyed;
};

bool Planner::destroyedUnderGuard(const Stmt *R) const {
  return llvm::any_of(Destroyed, [&](const VarDecl *V) {
    const Stmt *DS = Body.declStmtOf(V);
    return DS && before(DS, R) && Body.isAncestor(Body.enclosingCompound(DS), R);
  });
}

bool Planner::deletable(const Stmt *R) const {
  const CompoundStmt *Block = blockOf(R);
  if (!Block || destroyedUnderGuard(R))
    return false;
  const Stmt *Next = nullptr;
  for (auto It = Block->body_begin(); It != Block->body_end(); ++It)
    if (*It == R) {
      Next = std::next(It) == Block->body_end() ? nullptr : *std::next(It);
      break;
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
          V && V->hasLocalStorage() && V->needsDestruction(Ctx))
        Destroyed.push_back(V);
  for (const Stmt *C : S->children())
    collectDestroyed(C);
}

GuardRewrite Planner::run() {
  if (isInInstantiatedContext(FA.Fn))
    return refuse("the function is a template instantiation; an edit would "
                  "change every instantiation");
  if (A.Via)
    return refuse("'" + A.Name + "' is locked through '" +
                  A.Via->getNameAsString() + "'");
  const auto *MC = dyn_cast<CXXMemberCallExpr>(A.Site);
  if (!MC || !MC->getImplicitObjectArgument())
    return refuse("the lock is not a member call");
  if (inMacro(MC))
    return refuse("the lock is written in a macro");
  Lock = MC;
  Scope = blockOf(MC);
  if (!Scope)
    return refuse(A.Rule && A.Rule->isConditional()
                      ? "the lock is a try-lock tested in a condition"
                      : "the lock is not a statement of its own");
  for (unsigned J = 0; J < FA.Acquisitions.size(); ++J) {
    const Acquisition &O = FA.Acquisitions[J];
    if (&O != &A && O.Key == A.Key && !O.isSeed())
      return refuse("'" + A.Name + "' is locked more than once in this "
                    "function");
  }
  for (const SkipCause &C : A.Skips) {
    if (C.Kind == SkipCause::Overwrite ||
        ((C.Kind == SkipCause::Break || C.Kind == SkipCause::Continue) &&
         !leavesScope(C.Where)))
      return refuse("a path keeps the lock past the end of its block");
  }
  const Expr *Obj = MC->getImplicitObjectArgument();
  for (const Expr *R : A.Releases) {
    const auto *RC = dyn_cast<CXXMemberCallExpr>(R);
    if (!RC || !RC->getImplicitObjectArgument() ||
        !sameObject(RC->getImplicitObjectArgument(), Obj))
      return refuse("'" + A.Name + "' is released through '" + calleeName(R) +
                    "'");
    if (inMacro(R))
      return refuse("a release is written in a macro");
    if (!Body.isAncestor(Scope, R) || !before(MC, R))
      return refuse("a release is outside the block that takes the lock");
  }
  if (auto Why = jumpPastGuard(Scope))
    return refuse(*Why);
  collectDestroyed(Scope);

  // The object as the guard's constructor takes it.
  std::string ObjText;
  QualType ObjType = Obj->getType();
  const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
  if (const auto *This = dyn_cast<CXXThisExpr>(Obj->IgnoreParenImpCasts());
      This && This->isImplicit()) {
    ObjText = "*this";
    ObjType = ObjType->getPointeeType();
  } else {
    if (Obj->getBeginLoc().isMacroID())
      return refuse("the locked object is written in a macro");
    ObjText = text(Obj->getSourceRange());
    if (ME && ME->isArrow()) {
      ObjText = "*" + ObjText;
      ObjType = ObjType->getPointeeType();
    }
  }
  if (ObjText.empty() || ObjType.isNull())
    return refuse("the locked object cannot be spelled");

  llvm::SmallVector<const Expr *, 2> Kept;
  GuardRewrite Out;
  for (const Expr *R : A.Releases)
    if (!deletable(R))
      Kept.push_back(R);
  std::string Guard = Template.str();
  if (!Kept.empty() &&
      (Template == "std::lock_guard" || Template == "std::scoped_lock"))
    Guard = "std::unique_lock";
  if (!LO.CPlusPlus17)
    Guard += "<" +
             ObjType.getUnqualifiedType().getAsString(Ctx.getPrintingPolicy()) +
             ">";
  std::string Name = guardRewriteNamer().freshName(
      FA.Fn, Scope,
      ObjText == "*this" ? std::string("lock_this")
                         : guardNameBase({stripToObject(Obj)}),
      Ctx);
  Out.Fixes.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(MC->getSourceRange()),
      Guard + " " + Name + "(" + ObjText + ")"));
  for (const Expr *R : A.Releases) {
    if (llvm::is_contained(Kept, R))
      Out.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(R->getSourceRange()),
          Name + ".unlock()"));
    else
      Out.Fixes.push_back(deleteStatement(R, SM, LO));
  }
  return Out;
}

} // namespace

GuardRewrite planLockGuardRewrite(const FunctionAnalysis &FA, unsigned Acq,
                                  llvm::StringRef GuardTemplate,
                                  ASTContext &Ctx) {
  return Planner(FA, Acq, GuardTemplate, Ctx).run();
}

bool isRewritableLockGuard(llvm::StringRef Guard) {
  return Guard == "std::lock_guard" || Guard == "std::scoped_lock" ||
         Guard == "std::unique_lock" || Guard == "std::shared_lock";
}

void resetGuardRewriteNames() { guardRewriteNamer().reset(); }

} // namespace clang::tidy::raii
