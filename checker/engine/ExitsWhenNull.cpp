//===- ExitsWhenNull.cpp - code that ends the process on a null pointer ---===//
//
// exitsWhenNull() of ExitOnNull.h: whether the statements after `p =
// realloc(p, n)` end the process when p is null: a test of p whose branch
// calls a function that never returns, an assertion, a macro's `do { .. }
// while (0)`, or a function of the translation unit given p that never
// returns when it is null.
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

namespace {

using IsTarget = llvm::function_ref<bool(const Expr *)>;

/// The pointer \p Cond tests for null, and whether \p Cond is true when it
/// is null: `!p`, `p == 0`, `NULL == p`, `p` (true when not null),
/// `__builtin_expect(!p, 0)`.
std::optional<std::pair<const Expr *, bool>> nullTest(const Expr *Cond,
                                                      ASTContext &Ctx) {
  Cond = ignoreTruthHints(Cond);
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot) {
    auto R = nullTest(UO->getSubExpr(), Ctx);
    if (R)
      R->second = !R->second;
    return R;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond);
      BO && BO->isEqualityOp()) {
    const bool Eq = BO->getOpcode() == BO_EQ;
    if (constantValue(BO->getRHS(), Ctx) == 0)
      return std::make_pair(BO->getLHS()->IgnoreParenImpCasts(), Eq);
    if (constantValue(BO->getLHS(), Ctx) == 0)
      return std::make_pair(BO->getRHS()->IgnoreParenImpCasts(), Eq);
    return std::nullopt;
  }
  if (Cond->getType()->isPointerType())
    return std::make_pair(Cond, false);
  return std::nullopt;
}

class ExitFinder {
public:
  explicit ExitFinder(const FunctionContext &C) : C(C) {}

  /// \p S, run where the target may be null, ends the process when it is.
  bool exitsWhenNull(const Stmt *S, IsTarget Target, unsigned Depth) const;
  /// The branch \p Cond takes where the target is null never completes.
  /// \p If: the `if` statement they make, when they make one.
  bool nullBranchExits(const Expr *Cond, const Stmt *Then, const Stmt *Else,
                       IsTarget Target, const IfStmt *If = nullptr) const;

private:
  /// No path through \p S completes: it calls a function that never
  /// returns before anything could jump out. A `goto` completes nowhere if
  /// what follows its label does not (\p FollowGoto: not through another).
  bool neverCompletes(const Stmt *S, bool FollowGoto = true) const;
  /// The statements from label \p L on in its block never complete.
  bool labelNeverCompletes(const LabelStmt *L) const;
  bool calleeExitsWhenNull(const CallExpr *Call, IsTarget Target,
                           unsigned Depth) const;

  const FunctionContext &C;
};

bool ExitFinder::labelNeverCompletes(const LabelStmt *L) const {
  const auto *Block = dyn_cast_or_null<CompoundStmt>(C.Body.parent(L));
  if (!Block)
    return false;
  bool From = false;
  for (const Stmt *Sub : Block->body()) {
    if (Sub == L) {
      From = true;
      Sub = L->getSubStmt();
    }
    if (!From)
      continue;
    if (neverCompletes(Sub, /*FollowGoto=*/false))
      return true;
    if (BodyIndex::containsJump(Sub))
      return false;
  }
  return false;
}

bool ExitFinder::neverCompletes(const Stmt *S, bool FollowGoto) const {
  if (!S)
    return false;
  // `if (!(p = realloc(p, n))) goto nospace; .. nospace: perror(..);
  // exit(1);` (lsof's misc.c).
  if (const auto *G = dyn_cast<GotoStmt>(S))
    return FollowGoto && G->getLabel()->getStmt() &&
           labelNeverCompletes(G->getLabel()->getStmt());
  if (const auto *E = dyn_cast<Expr>(S)) {
    const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      Call = dyn_cast<CallExpr>(EWC->getSubExpr()->IgnoreParenImpCasts());
    if (!Call)
      return false;
    // `analyzer_noreturn` too (libzmq's zmq_abort), as the CFG has it.
    const FunctionDecl *FD = calledFunction(Call);
    return (FD && (FD->isNoReturn() || FD->hasAttr<AnalyzerNoReturnAttr>())) ||
           C.Roles.neverReturns(Call);
  }
  if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *Sub : CS->body()) {
      if (neverCompletes(Sub, FollowGoto))
        return true;
      if (BodyIndex::containsJump(Sub))
        return false;
    }
    return false;
  }
  if (const auto *If = dyn_cast<IfStmt>(S))
    return neverCompletes(If->getThen(), FollowGoto) &&
           neverCompletes(If->getElse(), FollowGoto);
  // A macro's `do { ..; exit(1); } while (0)`: a body that never completes
  // never reaches the condition.
  if (const auto *Do = dyn_cast<DoStmt>(S))
    return neverCompletes(Do->getBody(), FollowGoto);
  return false;
}

/// Some expression of \p S is the target.
static bool mentions(const Stmt *S, IsTarget Target) {
  if (!S)
    return false;
  if (const auto *E = dyn_cast<Expr>(S); E && Target(E))
    return true;
  return llvm::any_of(S->children(), [&](const Stmt *Child) {
    return mentions(Child, Target);
  });
}

/// \p S is a statement that only makes a call (`fprintf(stderr, ..);`).
static const CallExpr *callStatement(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  return E ? dyn_cast<CallExpr>(E->IgnoreParenImpCasts()) : nullptr;
}

/// \p Branch, the null branch of an `if` with no other, only makes calls,
/// the last to a project function returning nothing whose body the
/// translation unit lacks (`if (!p) { perror("grow"); out_of_memory(); }`,
/// the function defined in another file): a fatal-error handler, when the
/// statement after the `if` goes on to use the pointer (not to return it,
/// nor to test it again).
static bool unseenFailureHandler(const Stmt *Branch) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Branch)) {
    if (CS->body_empty() ||
        !llvm::all_of(CS->body(), [](const Stmt *S) {
          return callStatement(S) != nullptr;
        }))
      return false;
    Branch = CS->body_back();
  }
  const CallExpr *Call = callStatement(Branch);
  const FunctionDecl *FD = Call ? calledFunction(Call) : nullptr;
  return FD && !FD->hasBody() && FD->getReturnType()->isVoidType() &&
         !isLibraryFunction(FD);
}

bool ExitFinder::nullBranchExits(const Expr *Cond, const Stmt *Then,
                                 const Stmt *Else, IsTarget Target,
                                 const IfStmt *If) const {
  auto T = nullTest(Cond, C.Ctx);
  if (!T || !Target(T->first))
    return false;
  const Stmt *Branch = T->second ? Then : Else;
  if (neverCompletes(Branch))
    return true;
  if (!If || !T->second || Else || !unseenFailureHandler(Branch))
    return false;
  const Stmt *After = C.Body.nextStatement(If);
  const auto *Retest = dyn_cast_or_null<IfStmt>(After);
  return After && !isa<ReturnStmt>(After) &&
         !(Retest && mentions(Retest->getCond(), Target)) &&
         mentions(After, Target);
}

bool ExitFinder::calleeExitsWhenNull(const CallExpr *Call, IsTarget Target,
                                     unsigned Depth) const {
  const FunctionDecl *FD = calledFunction(Call);
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || Depth >= 2)
    return false;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body)
    return false;
  for (unsigned I = 0; I < Call->getNumArgs() && I < Def->getNumParams();
       ++I) {
    if (!Target(Call->getArg(I)))
      continue;
    const ParmVarDecl *P = Def->getParamDecl(I);
    auto IsParam = [P](const Expr *E) {
      const auto *DRE = dyn_cast<DeclRefExpr>(ignoreValueCasts(E));
      return DRE && DRE->getDecl() == P;
    };
    // The callee's leading statements, up to the first that may leave it
    // or write the parameter.
    for (const Stmt *S : Body->body()) {
      if (exitsWhenNull(S, IsParam, Depth + 1))
        return true;
      if (BodyIndex::containsJump(S) || BodyIndex::writes(S, P))
        break;
    }
  }
  return false;
}

bool ExitFinder::exitsWhenNull(const Stmt *S, IsTarget Target,
                               unsigned Depth) const {
  if (!S)
    return false;
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(S))
    S = EWC->getSubExpr();
  if (const auto *E = dyn_cast<Expr>(S)) {
    E = E->IgnoreParenCasts();
    // glibc's `assert(p)`: `((void)sizeof(p ? 1 : 0), __extension__ ({ if
    // (p) ; else __assert_fail(..); }))`.
    while (true) {
      if (const auto *BO = dyn_cast<BinaryOperator>(E);
          BO && BO->getOpcode() == BO_Comma)
        E = BO->getRHS()->IgnoreParenCasts();
      else if (const auto *UO = dyn_cast<UnaryOperator>(E);
               UO && UO->getOpcode() == UO_Extension)
        E = UO->getSubExpr()->IgnoreParenCasts();
      else
        break;
    }
    S = E;
  }
  if (const auto *If = dyn_cast<IfStmt>(S))
    return !If->getInit() && !If->getConditionVariable() &&
           nullBranchExits(If->getCond(), If->getThen(), If->getElse(),
                           Target, If);
  // `assert(p)`: `p ? (void)0 : __assert_fail(..)`.
  if (const auto *CO = dyn_cast<ConditionalOperator>(S))
    return nullBranchExits(CO->getCond(), CO->getTrueExpr(),
                           CO->getFalseExpr(), Target);
  // A macro's `do { .. } while (0)`, `({ .. })` or `{ .. }`: its first
  // statement.
  if (const auto *Do = dyn_cast<DoStmt>(S)) {
    if (constantValue(Do->getCond(), C.Ctx) != 0)
      return false;
    S = Do->getBody();
  }
  if (const auto *SE = dyn_cast<StmtExpr>(S))
    S = SE->getSubStmt();
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    return !CS->body_empty() && exitsWhenNull(CS->body_front(), Target, Depth);
  if (const auto *Call = dyn_cast<CallExpr>(S))
    return calleeExitsWhenNull(Call, Target, Depth);
  return false;
}

} // namespace

/// The statement control reaches when \p S completes: the next one of its
/// block, or, where \p S ends a block or a branch of an `if`, the one
/// after that (`if (n) p = realloc(p, n); if (!p) abort();`). None at the
/// end of a loop's body (the loop goes on) or of the function.
static const Stmt *followingStatement(const Stmt *S, const BodyIndex &Body) {
  for (;;) {
    if (const Stmt *Next = Body.nextStatement(S))
      return Next;
    const Stmt *P = Body.parent(S);
    const auto *If = dyn_cast_or_null<IfStmt>(P);
    if (!isa_and_nonnull<CompoundStmt>(P) &&
        !(If && (If->getThen() == S || If->getElse() == S)))
      return nullptr;
    S = P;
  }
}

/// \p S makes a call (which may change what \p Target reaches: a global,
/// a field through a pointer) or writes a variable \p Target is built
/// from (`p = p->next;` after `p->data = realloc(p->data, n)`).
static bool mayChangeTarget(const Stmt *S, const Expr *Target) {
  llvm::SmallPtrSet<const Decl *, 4> Vars;
  std::function<void(const Stmt *)> Collect = [&](const Stmt *X) {
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(X))
      Vars.insert(DRE->getDecl()->getCanonicalDecl());
    if (X)
      for (const Stmt *Child : X->children())
        Collect(Child);
  };
  Collect(Target);
  std::function<bool(const Stmt *)> Changes = [&](const Stmt *X) {
    if (!X || isa<LambdaExpr, BlockExpr>(X))
      return false;
    if (isa<CallExpr, CXXConstructExpr, CXXNewExpr, CXXDeleteExpr>(X))
      return true;
    if (const Decl *W = BodyIndex::writtenVariable(X); W && Vars.count(W))
      return true;
    return llvm::any_of(X->children(), Changes);
  };
  return Changes(S);
}

bool exitsWhenNull(const BinaryOperator *Assign, const FunctionContext &C) {
  HandleKey K;
  const bool Keyed = C.KeyOf.keyOf(Assign->getLHS(), K, false);
  // Without a key (`*buf`, `v[i]`), the same expression.
  auto IsTarget = [&](const Expr *E) {
    if (!Keyed)
      return sameLvalue(Assign->getLHS(), E, C.Ctx);
    HandleKey Other;
    return C.KeyOf.keyOf(ignoreValueCasts(E), Other, false) && Other == K;
  };
  ExitFinder F(C);
  // `if ((p = realloc(p, n)) == NULL) exit(1);`: the condition tests the
  // assignment's own value.
  const Stmt *Full = C.Body.fullStatement(Assign);
  if (const auto *If = dyn_cast_or_null<IfStmt>(Full);
      If && C.Body.isAncestor(If->getCond(), Assign)) {
    if (If->getInit() || If->getConditionVariable())
      return false;
    // `if (n && (p = realloc(p, n)) == NULL) exit(1);`: where the right
    // operand of `&&` or `||` runs, the whole is what it is.
    const Expr *Cond = If->getCond();
    while (const auto *BO =
               dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts())) {
      if (!BO->isLogicalOp() || !C.Body.isAncestor(BO->getRHS(), Assign))
        break;
      Cond = BO->getRHS();
    }
    // (The `if` too: a fatal handler of another file in its null branch,
    // `if ((*v = realloc(*v, n)) == NULL) cfg_error("no memory");`.)
    return F.nullBranchExits(
        Cond, If->getThen(), If->getElse(),
        [&](const Expr *E) { return E == Assign || IsTarget(E); }, If);
  }
  // `p = realloc(p, n); if (!p) abort();` and the like, after statements
  // that neither name the pointer nor may leave or be entered (lsof's
  // `a = realloc(a, n); d = 0; } else d = 1; } .. if (!a) { ..; Error();
  // }`); a few at most.
  const Stmt *Next = followingStatement(Full, C.Body);
  for (unsigned Skipped = 0; Next && Skipped < 4; ++Skipped) {
    if (F.exitsWhenNull(Next, IsTarget, 0))
      return true;
    if (mentions(Next, IsTarget) || BodyIndex::containsJump(Next) ||
        BodyIndex::containsEntry(Next) || mayChangeTarget(Next, Assign->getLHS()))
      return false;
    Next = followingStatement(Next, C.Body);
  }
  return false;
}

} // namespace clang::tidy::raii
