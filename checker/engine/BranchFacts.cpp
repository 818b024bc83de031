//===- BranchFacts.cpp - refining facts on branch edges -------------------===//
#include "engine/BranchFacts.h"
#include "engine/CalleeBodies.h"
#include "support/BranchHints.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

namespace {

/// A test of one variable or call against zero, null or -1.
struct CondFact {
  const VarDecl *Var = nullptr;
  const DeclRefExpr *Ref = nullptr; ///< the test's reference to Var
  /// An element of a local array by a constant index (`fds[1]`), which
  /// an acquire of several handles (`pipe(fds)`) fills.
  const ArraySubscriptExpr *Elem = nullptr;
  const Expr *Call = nullptr;
  bool TrueMeansNonzero = true; ///< for zero tests: true branch = nonzero
  bool SignTest = false;        ///< `x < 0`, `x >= 0`, `x == -1`, ...
  /// `x == K`, `x != K` (TrueMeansNonzero: the true branch is "differs").
  std::optional<int64_t> Equals;
  /// `x == g`, `x != g` for what notAcquiredHere() accepts (`f != stdin`,
  /// `in != p->in`).
  bool EqualsForeign = false;
  /// The other side of EqualsForeign when it is a parameter: foreign only
  /// if the function never gives it another value.
  const ParmVarDecl *ForeignParam = nullptr;
  /// The other side of EqualsForeign is a local array: no heap block, so
  /// not what a call that releases its argument (`realloc`) gives back.
  bool ForeignArray = false;
  /// The other side of EqualsForeign is a local holding a copy of a
  /// parameter (`int initial_fd = fd;`): foreign only to what the function
  /// acquires after the copy, which nothing writes again.
  const VarDecl *ForeignCopy = nullptr;
  /// `x > 2`, `x >= 3`, `x <= 2`, `x < 3` (TrueMeansNonzero: the true
  /// branch is "above 2"): for a descriptor, one side holds only the
  /// standard descriptors 0 to 2.
  bool AboveStandard = false;
  /// `x > 0`, `x >= 1`, `x <= 0`, `x < 1` (TrueMeansNonzero: the true
  /// branch is "positive").
  bool PositiveTest = false;
};

/// \p E, when it is a local initialised with a parameter's value (`int
/// initial_fd = fd;`).
static const VarDecl *copyOfParameter(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  const Expr *Init = V && BodyIndex::isLocalVar(V) ? V->getInit() : nullptr;
  const auto *From =
      Init ? dyn_cast<DeclRefExpr>(Init->IgnoreParenImpCasts()) : nullptr;
  return From && isa<ParmVarDecl>(From->getDecl()) ? V : nullptr;
}

/// \p E, when it is a parameter by itself.
static const ParmVarDecl *bareParameter(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
}

bool isZeroish(const Expr *E, ASTContext &Ctx, int64_t &K) {
  // `fd != fileno(stdin)` compares with 0 (inotifywait).
  std::optional<int64_t> V = numberNamed(E, Ctx);
  if (V)
    K = *V;
  return V.has_value();
}

std::optional<CondFact> target(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  CondFact F;
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign) {
    E = BO->getLHS()->IgnoreParenImpCasts();
    // `if ((gerror = getaddrinfo(..)) != 0)`: a status kept in a global, a
    // static or a field, which the body index does not follow, is the
    // call's result there and then.
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    const Expr *RHS = BO->getRHS()->IgnoreParenCasts();
    if ((!V || !V->hasLocalStorage() || V->getType()->isReferenceType()) &&
        isa<CallExpr>(RHS)) {
      F.Call = RHS;
      return F;
    }
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    F.Var = dyn_cast<VarDecl>(DRE->getDecl());
    F.Ref = DRE;
  } else if (isa<CallExpr>(E)) {
    F.Call = E;
  } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    const auto *Base =
        dyn_cast<DeclRefExpr>(AS->getBase()->IgnoreParenImpCasts());
    if (Base && Base->getType()->isArrayType() &&
        BodyIndex::isLocalVar(Base->getDecl()) &&
        AS->getIdx()->IgnoreParenImpCasts()->getStmtClass() ==
            Stmt::IntegerLiteralClass)
      F.Elem = AS;
  }
  if (!F.Var && !F.Call && !F.Elem)
    return std::nullopt;
  return F;
}

std::optional<CondFact> comparisonFact(const Expr *Cond, ASTContext &Ctx) {
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO || !BO->isComparisonOp())
    return target(Cond); // plain truth value: true means nonzero
  const Expr *L = BO->getLHS(), *R = BO->getRHS();
  BinaryOperatorKind Op = BO->getOpcode();
  int64_t K = 0;
  if (!isZeroish(R, Ctx, K)) {
    std::swap(L, R);
    Op = BinaryOperator::reverseComparisonOp(Op);
    if (!isZeroish(R, Ctx, K)) {
      if (Op != BO_EQ && Op != BO_NE)
        return std::nullopt;
      // The side that is foreign and the other's fact: what
      // notAcquiredHere accepts first, then a copy of a parameter
      // (`my_path != path` tests my_path).
      std::optional<CondFact> F;
      const Expr *Foreign = nullptr;
      const VarDecl *Copy = nullptr;
      for (bool ByCopy : {false, true})
        for (auto [Mine, Theirs] : {std::pair(L, R), std::pair(R, L)}) {
          if (F)
            break;
          const VarDecl *Copied = ByCopy ? copyOfParameter(Theirs) : nullptr;
          if ((ByCopy ? Copied != nullptr : notAcquiredHere(Theirs)) &&
              (F = target(Mine))) {
            Foreign = Theirs;
            Copy = Copied;
          }
        }
      if (!F)
        return std::nullopt;
      F->EqualsForeign = true;
      F->ForeignCopy = Copy;
      F->ForeignParam = bareParameter(Foreign);
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(Foreign->IgnoreParenImpCasts()))
        F->ForeignArray = DRE->getType()->isArrayType();
      F->TrueMeansNonzero = Op == BO_NE;
      return F;
    }
  }
  auto F = target(L);
  if (!F)
    return std::nullopt;
  if (Op == BO_EQ || Op == BO_NE) {
    F->Equals = K;
    // `fd != AT_FDCWD` (-100): a number no valid descriptor is.
    if (K > 0 || K < -1) {
      F->TrueMeansNonzero = Op == BO_NE;
      return F;
    }
  }
  if (K == 0 && (Op == BO_EQ || Op == BO_NE)) {
    F->TrueMeansNonzero = Op == BO_NE;
    return F;
  }
  if ((K == 0 && (Op == BO_LT || Op == BO_GE)) ||
      (K == -1 && (Op == BO_EQ || Op == BO_NE || Op == BO_LE || Op == BO_GT))) {
    F->SignTest = true;
    F->TrueMeansNonzero = Op == BO_GE || Op == BO_NE || Op == BO_GT;
    return F;
  }
  if ((K == 0 && (Op == BO_GT || Op == BO_LE)) ||
      (K == 1 && (Op == BO_GE || Op == BO_LT))) {
    F->PositiveTest = true;
    F->TrueMeansNonzero = Op == BO_GT || Op == BO_GE;
    return F;
  }
  // `fd > STDERR_FILENO` (a daemon's /dev/null, dup2'd onto 0-2, closed
  // only when it is none of them; trueMeansAcquired asks for the dup2).
  if ((K == 2 && (Op == BO_GT || Op == BO_LE)) ||
      (K == 3 && (Op == BO_GE || Op == BO_LT))) {
    F->AboveStandard = true;
    F->TrueMeansNonzero = Op == BO_GT || Op == BO_GE;
    return F;
  }
  return std::nullopt;
}

/// \p Cond as comparisonFact reads it, or a call of a predicate of the
/// file whose body is one `return` of such a test of a parameter given a
/// variable (mdadm's `is_fd_valid(fd)`: `return fd > -1;`): that test of
/// the variable.
std::optional<CondFact> fact(const Expr *Cond, ASTContext &Ctx) {
  const auto *Call = dyn_cast<CallExpr>(Cond->IgnoreParenImpCasts());
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || isLibraryFunction(FD) ||
      isa<CXXMethodDecl>(FD) || Call->getNumArgs() != Def->getNumParams())
    return comparisonFact(Cond, Ctx);
  const auto *Body = dyn_cast<CompoundStmt>(Def->getBody());
  const auto *Ret = Body && Body->size() == 1
                        ? dyn_cast<ReturnStmt>(Body->body_front())
                        : nullptr;
  const Expr *Test =
      Ret && Ret->getRetValue() ? Ret->getRetValue()->IgnoreParenImpCasts()
                                : nullptr;
  std::optional<CondFact> F =
      Test && !isa<CallExpr>(Test) ? comparisonFact(Test, Ctx) : std::nullopt;
  const auto *P = F ? dyn_cast_or_null<ParmVarDecl>(F->Var) : nullptr;
  if (!P || F->EqualsForeign || P->getType()->isReferenceType())
    return comparisonFact(Cond, Ctx);
  // Given as it is: no conversion to the parameter's type that may change
  // the value tested (`trunc(unsigned char v)` given an int).
  const Expr *Given = Call->getArg(P->getFunctionScopeIndex());
  const QualType From = Given->IgnoreParenImpCasts()->getType();
  const QualType To = P->getType();
  if (!Ctx.hasSameUnqualifiedType(From, To) &&
      !(From->isPointerType() && To->isPointerType()))
    return comparisonFact(Cond, Ctx);
  std::optional<CondFact> Arg = target(Given);
  if (!Arg || !Arg->Var)
    return comparisonFact(Cond, Ctx);
  F->Var = Arg->Var;
  F->Ref = Arg->Ref;
  return F;
}

/// \p Site may give back one of its arguments (`x = g_object_ref(o)`, a
/// reference count taken on an object the caller has): an argument of the
/// type it returns. Its handle may then equal what the caller holds. Not
/// a number (`open(name, O_RDONLY)` gives a descriptor, not its flags).
bool mayReturnArgument(const Stmt *Site) {
  const auto *Call = dyn_cast_or_null<CallExpr>(Site);
  if (!Call || !Call->getType()->isPointerType())
    return false;
  const QualType R =
      Call->getType()->getPointeeType().getCanonicalType().getUnqualifiedType();
  return llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
    QualType T = Arg->getType(); // as passed: `gpointer` for a `GObject *`
    return T->isPointerType() && T->getPointeeType()
                                         .getCanonicalType()
                                         .getUnqualifiedType() == R;
  });
}

/// The acquisition's variable for \p V: \p V itself, the handle variable
/// a local copy of it names, or one written together with it (`res = p =
/// malloc(n)`) and never again.
bool sameVar(const FunctionContext &C, const VarDecl *V, const VarDecl *W) {
  if (!V || !W)
    return false;
  if (V->getCanonicalDecl() == W->getCanonicalDecl())
    return true;
  if (C.Body.writeCount(V) == 1 && C.Body.assignedTogether(V, W))
    return true;
  const ValueDecl *Src = C.KeyOf.copiedHandle(V);
  return Src && Src == W->getCanonicalDecl();
}

/// The function gives \p V to `dup2` or `dup3` as the descriptor to copy
/// (itself or through a function of the file, CalleeBodies' dupsOnto):
/// a daemon making it the standard ones.
bool dupedOnto(const FunctionContext &C, const VarDecl *V) {
  for (const Expr *E : C.Body.candidates())
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && dupsOnto(Call, V, C.Ctx))
      return true;
  return false;
}

/// \p F tests a local the acquire's chained assignment wrote with the
/// handle variable (`p = s = malloc(n)`, s the handle variable, p advanced
/// later), in that statement or in the condition of the `if` right after
/// it, where no other value has reached it yet.
bool chainedAtTest(const FunctionContext &C, const CondFact &F,
                   const Acquisition &A) {
  if (!F.Ref || !A.Site)
    return false;
  // A move the chained assignment makes (`x = s = strdup(l)`, s given a
  // value before): the targets of the value it stores.
  const Expr *Value = A.Site;
  if (A.Origin == Acquisition::Move)
    for (const auto *BO = dyn_cast<BinaryOperator>(Value->IgnoreParenCasts());
         BO && BO->getOpcode() == BO_Assign;
         BO = dyn_cast<BinaryOperator>(Value->IgnoreParenCasts()))
      Value = BO->getRHS();
  llvm::SmallVector<const VarDecl *, 2> Targets;
  C.Body.storedTargets(Value, Targets);
  auto Has = [&](const VarDecl *V) {
    return llvm::any_of(Targets, [&](const VarDecl *T) {
      return T->getCanonicalDecl() == V->getCanonicalDecl();
    });
  };
  if (!Has(F.Var) || !Has(A.HandleVar))
    return false;
  const Stmt *At = C.Body.fullStatement(A.Site);
  const Stmt *Test = C.Body.fullStatement(F.Ref);
  if (At == Test) // not a loop's: its condition comes back after writes
    return !BodyIndex::isLoop(Test);
  const auto *If = dyn_cast_or_null<IfStmt>(Test);
  const auto *Store = dyn_cast_or_null<BinaryOperator>(C.Body.parent(F.Ref));
  return If && C.Body.nextStatement(At) == If &&
         C.Body.isAncestor(If->getCond(), F.Ref) &&
         !(Store && Store->isAssignmentOp() && Store->getLHS() == F.Ref);
}

/// \p S declares \p To (initialised with a copy of the handle variable)
/// and nothing after it.
static bool declaresLast(const Stmt *S, const VarDecl *To) {
  const auto *DS = dyn_cast_or_null<DeclStmt>(S);
  return DS && DS->decl_begin() != DS->decl_end() &&
         (*std::prev(DS->decl_end()))->getCanonicalDecl() ==
             To->getCanonicalDecl();
}

/// \p F tests a local declared with a copy of the handle variable in the
/// statement right after the acquire's (or in a later declarator of the
/// acquire's own declaration), in the condition of the `if` right after
/// the copy, before anything else reaches either (iproute2's `char *saved
/// = strdup(arg); char *tmp = saved; if (!tmp) return -1;`, tmp advanced
/// by strsep later).
static bool copiedAtTest(const FunctionContext &C, const CondFact &F,
                         const Acquisition &A) {
  if (!F.Ref || !A.Site || !A.HandleVar || A.Origin == Acquisition::Move ||
      !BodyIndex::isLocalVar(F.Var) || !F.Var->getInit())
    return false;
  const auto *From =
      dyn_cast<DeclRefExpr>(F.Var->getInit()->IgnoreParenCasts());
  if (!From || From->getDecl()->getCanonicalDecl() !=
                   A.HandleVar->getCanonicalDecl())
    return false;
  const Stmt *At = C.Body.fullStatement(A.Site);
  const auto *If = dyn_cast_or_null<IfStmt>(C.Body.fullStatement(F.Ref));
  const auto *Store = dyn_cast_or_null<BinaryOperator>(C.Body.parent(F.Ref));
  if (!At || !If || !C.Body.isAncestor(If->getCond(), F.Ref) ||
      (Store && Store->isAssignmentOp() && Store->getLHS() == F.Ref))
    return false;
  const Stmt *Copy = C.Body.nextStatement(At);
  if (Copy == If)
    Copy = At; // `T *h = acquire(..), *t = h;`
  else if (C.Body.nextStatement(Copy) != If)
    return false;
  if (Copy == At && !isa<DeclStmt>(At))
    return false;
  return declaresLast(Copy, F.Var);
}

/// The variable tested by \p F, when it holds \p A's handle: A's
/// handle variable (sameVar), or a local that names the place a move put
/// the handle in (`FILE *f = u.second;` after `u.first = p;`, `T *x =
/// *pp;` after `*pp = p;`) by its value, not by its address.
const VarDecl *heldIn(const FunctionContext &C, const CondFact &F,
                      const Acquisition &A) {
  if (!F.Var)
    return nullptr;
  if (A.HandleVar && (sameVar(C, F.Var, A.HandleVar) ||
                      chainedAtTest(C, F, A) || copiedAtTest(C, F, A)))
    return F.Var;
  if (A.Origin != Acquisition::Move || F.Var->getType()->isReferenceType())
    return nullptr;
  const Expr *Init = C.Body.aliasInit(F.Var);
  const auto *UO =
      Init ? dyn_cast<UnaryOperator>(Init->IgnoreParenImpCasts()) : nullptr;
  HandleKey K;
  if (!Init || (UO && UO->getOpcode() == UO_AddrOf) ||
      !C.KeyOf.keyOf(F.Ref, K, false) || C.Keys.find(K) != A.Key)
    return nullptr;
  return F.Var;
}

/// A label before \p Loc in \p S (a `goto` may come back above it).
static bool labelBefore(const Stmt *S, SourceLocation Loc,
                        const SourceManager &SM) {
  if (!S)
    return false;
  if (isa<LabelStmt>(S) && SM.isBeforeInTranslationUnit(S->getBeginLoc(), Loc))
    return true;
  return llvm::any_of(S->children(), [&](const Stmt *Child) {
    return labelBefore(Child, Loc, SM);
  });
}

/// \p Copy, a local copy of a parameter, holds a value the function did
/// not acquire, different from what \p A acquires: it is never written
/// again, its declaration comes before the acquire, in no loop and after
/// no label, and the function releases the parameter nowhere before the
/// acquire (after `close(fd)`, `open` may give the same number back).
static bool copyPredates(const FunctionContext &C, const VarDecl *Copy,
                         const Acquisition &A) {
  const Stmt *Decl = C.Body.declStmtOf(Copy);
  const SourceManager &SM = C.Ctx.getSourceManager();
  const auto *From = cast<DeclRefExpr>(Copy->getInit()->IgnoreParenImpCasts());
  return Decl && A.Site && C.Body.isUnchanged(Copy) &&
         !C.Body.enclosingLoop(Decl) &&
         SM.isBeforeInTranslationUnit(Decl->getEndLoc(),
                                      A.Site->getBeginLoc()) &&
         !labelBefore(C.Body.body(), Decl->getBeginLoc(), SM) &&
         !llvm::any_of(C.Body.candidates(), [&](const Expr *E) {
           const auto *Call = dyn_cast<CallExpr>(E);
           return Call &&
                  SM.isBeforeInTranslationUnit(Call->getBeginLoc(),
                                               A.Site->getBeginLoc()) &&
                  !C.Roles.releases(Call).empty() &&
                  llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
                    const auto *R =
                        dyn_cast<DeclRefExpr>(Arg->IgnoreParenCasts());
                    return R && R->getDecl() == From->getDecl();
                  });
         });
}

/// What the true branch of \p F means for \p A: acquired, not acquired, or
/// nothing known; \p OnlyRefutes is set when only the branch that means
/// "not acquired" tells (`f != stdin`: equal, f holds nothing acquired
/// here; different, it may).
std::optional<bool> trueMeansAcquired(const FunctionContext &C,
                                      const CondFact &F,
                                      const Acquisition &A,
                                      bool &OnlyRefutes) {
  OnlyRefutes = false;
  const Acquire *R = A.Rule;
  if (!R)
    return std::nullopt;
  // Equal to a global (`f == stdin`) or, for a descriptor, to a valid
  // number (`fd == 0`, `fd != STDERR_FILENO`), one of the standard three
  // when the function dup2s it onto them (`fd <= 2`) or a negative one
  // other than the failure's (`dirfd != AT_FDCWD`): a handle this function
  // acquired holds none of those (the idiom keeps what it got when it does;
  // no descriptor is negative).
  // (Of the handle's variable: a variable given the acquire's result is
  // tested below.)
  const bool Descriptor = F.Var && !F.Var->getType()->isPointerType() &&
                          R->Invalid == InvalidValue::Negative &&
                          !(A.ResultVar && sameVar(C, F.Var, A.ResultVar));
  if (F.EqualsForeign ||
      (((F.Equals && !F.SignTest) || F.AboveStandard) && Descriptor)) {
    if (!F.Var || !A.HandleVar || !sameVar(C, F.Var, A.HandleVar) ||
        A.IsLock ||
        (F.EqualsForeign && mayReturnArgument(A.Site) &&
         !(F.ForeignArray && isa<Expr>(A.Site) &&
           !C.Roles.releases(cast<Expr>(A.Site)).empty())) ||
        (F.ForeignParam && (C.Body.writeCount(F.ForeignParam) != 0 ||
                            !C.Body.writtenOnlyByName(F.ForeignParam))) ||
        (F.ForeignCopy && !copyPredates(C, F.ForeignCopy, A)) ||
        (F.AboveStandard && !dupedOnto(C, A.HandleVar)))
      return std::nullopt;
    OnlyRefutes = true;
    return F.TrueMeansNonzero;
  }
  bool OnResult = (F.Call && F.Call == A.Site) ||
                  (F.Var && A.ResultVar && sameVar(C, F.Var, A.ResultVar));
  // Only a result counting what the acquire gave tells by its sign.
  if (F.PositiveTest && !(OnResult && R->SuccessWhen == Success::Positive))
    return std::nullopt;
  if ((F.Equals && *F.Equals < -1) || F.AboveStandard)
    return std::nullopt; // only of a descriptor
  if (F.Equals && *F.Equals > 0) {
    // `rc == EBUSY` of an acquire that returns zero on success: where it
    // holds, the acquire failed; where not, rc may be 0 or another error.
    // (Not where rc was given another result since, `rc =
    // sqlite3_step(s); if (rc == SQLITE_ROW)`: refineLeaf skips a stale
    // result variable.)
    if (OnResult && R->SuccessWhen == Success::Zero &&
        R->Handle.Kind != HandleSpec::Return) {
      OnlyRefutes = true;
      return F.TrueMeansNonzero;
    }
    return std::nullopt;
  }
  // A truth made from the result (`ok = e && !regcomp(..)`): true where
  // the call ran and its truth, negated or not, held. Where that truth is
  // success the flag says whether it acquired; where it is failure, only
  // its true side tells (nothing acquired), its false side may have not
  // called at all.
  if (OnResult && A.ResultFlag && !F.Call) {
    if (F.SignTest || F.PositiveTest || (F.Equals && *F.Equals != 0))
      return std::nullopt;
    bool TruthIsSuccess;
    if (R->SuccessWhen == Success::Zero)
      TruthIsSuccess = A.ResultNegated;
    else if (R->SuccessWhen == Success::True)
      TruthIsSuccess = !A.ResultNegated;
    else
      return std::nullopt;
    if (TruthIsSuccess)
      return F.TrueMeansNonzero;
    OnlyRefutes = true;
    return !F.TrueMeansNonzero;
  }
  if (OnResult) {
    if (R->Handle.Kind == HandleSpec::Return) {
      if (R->Invalid == InvalidValue::Negative && !F.SignTest)
        return std::nullopt;
      return F.TrueMeansNonzero;
    }
    switch (R->SuccessWhen) {
    case Success::Zero:
      // `rc >= 0` or `rc != -1` is success; `rc == 0` is success.
      return F.SignTest ? F.TrueMeansNonzero : !F.TrueMeansNonzero;
    case Success::True:
      if (F.SignTest)
        return std::nullopt;
      return F.TrueMeansNonzero;
    case Success::Positive:
      // `n > 0` tells both ways; `n < 0`, `n == -1`, `n == 0` and `!n`
      // only that nothing was acquired (their other side holds zero too).
      OnlyRefutes = !F.PositiveTest;
      return F.TrueMeansNonzero;
    case Success::Always:
      return std::nullopt;
    }
    return std::nullopt;
  }
  // An element an acquire of several handles filled (`if (fds[1] != -1)
  // close(fds[1]);` after `pipe(fds)`): a descriptor is never negative, a
  // pointer never null.
  if (F.Elem) {
    // Not once the body writes an element (`fds[1] = other;`, `keep =
    // fds[1]; fds[1] = -1;`): the value tested may be another's.
    const auto *Array = cast<VarDecl>(
        cast<DeclRefExpr>(F.Elem->getBase()->IgnoreParenImpCasts())
            ->getDecl());
    const auto *Idx =
        cast<IntegerLiteral>(F.Elem->getIdx()->IgnoreParenImpCasts());
    HandleKey K;
    if (!A.Site ||
        C.Body.elementWrittenAfter(Array, Idx->getValue().getZExtValue(),
                                   A.Site) ||
        R->Handle.Kind != HandleSpec::Out ||
        !C.KeyOf.keyOf(F.Elem, K, false) || C.Keys.find(K) != A.Key)
      return std::nullopt;
    if (F.Elem->getType()->isPointerType() ? F.SignTest
                                           : !F.SignTest ||
                                                 R->Invalid !=
                                                     InvalidValue::Negative)
      return std::nullopt;
    return F.TrueMeansNonzero;
  }
  // A lock passed by a pointer that is null locked nothing
  // (`if (m) sqlite3_mutex_leave(m);` after `sqlite3_mutex_enter(m)`).
  if (F.Var && A.IsLock && A.HandleExpr && !F.SignTest)
    if (const auto *R = dyn_cast<DeclRefExpr>(ignoreValueCasts(A.HandleExpr));
        R && R->getType()->isPointerType() &&
        isa<VarDecl>(R->getDecl()) &&
        sameVar(C, F.Var, cast<VarDecl>(R->getDecl())))
      return F.TrueMeansNonzero;
  const VarDecl *HV = heldIn(C, F, A);
  if (!HV)
    return std::nullopt;

  // A handle written through an out-parameter (`prepare(db, sql, &q)`,
  // `src(&fd)` of a summary) is in its variable from the acquire on; a
  // null one, or a negative descriptor, holds nothing.
  const bool OutHandle = R->Handle.Kind == HandleSpec::Out &&
                         (HV->getType()->isPointerType() ||
                          R->Invalid == InvalidValue::Negative);
  if (A.Origin != Acquisition::Seed && A.Origin != Acquisition::Move &&
      R->Handle.Kind != HandleSpec::Return && !OutHandle)
    return std::nullopt;
  // A test of the handle variable itself. A null pointer holds nothing,
  // whatever the rule's `invalid` says: after `T *p = new T;` the branch
  // where `p` is null is infeasible, and after `p = nullptr; if (c) p = new
  // T;` it is the branch where nothing was acquired.
  if (HV->getType()->isPointerType()) {
    if (F.SignTest)
      return std::nullopt;
  } else if (R->Invalid == InvalidValue::Negative) {
    if (!F.SignTest)
      return std::nullopt;
  } else if (R->Invalid != InvalidValue::Null) {
    return std::nullopt;
  }
  return F.TrueMeansNonzero;
}

void resolvePending(State &St, unsigned Acq, bool Acquired) {
  for (State::Entry &E : St.stored()) {
    AcqState &P = E.second;
    if (P.PendingOn != int(Acq))
      continue;
    P.PendingOn = -1;
    if (Acquired) {
      P.Depths = 0;
      P.B &= ~AcqState::Entry;
      P.Causes.clear();
    } else if (P.PendingEscape) {
      P.B &= ~AcqState::Escaped;
    } else {
      P.B &= ~AcqState::Released;
      P.LastRelease = nullptr;
    }
    P.PendingEscape = false;
  }
}

/// The variable \p Call's result is given to (`rc = adopt(..)`, `int rc
/// = adopt(..)`), if any.
const VarDecl *resultVariable(const Stmt *Call, const BodyIndex &B) {
  const Stmt *P = B.parent(Call);
  while (P && isa<ParenExpr, ImplicitCastExpr>(P))
    P = B.parent(P);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
      BO && BO->getOpcode() == BO_Assign)
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
      return dyn_cast<VarDecl>(DRE->getDecl());
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D);
          V && V->getInit() &&
          V->getInit()->IgnoreParenImpCasts() == Call)
        return V;
  return nullptr;
}

/// Whether the true side of \p F, a test of what a wrapper with KeepRole
/// \p K returned, is where it kept the handle; nullopt if the test cannot
/// tell.
std::optional<bool> trueMeansKept(const CondFact &F, const KeepRole &K) {
  if (F.EqualsForeign || F.AboveStandard || F.PositiveTest || F.Elem ||
      (F.Equals && *F.Equals != 0))
    return std::nullopt;
  if (F.SignTest && !(K.KeptWhen == Success::Zero && K.FailsNegative))
    return std::nullopt;
  // Zero keeps: `rc >= 0` (a sign test) or `rc == 0`; nonzero keeps: `ok`.
  if (K.KeptWhen == Success::Zero && !F.SignTest)
    return !F.TrueMeansNonzero;
  return F.TrueMeansNonzero;
}

} // namespace

/// Whether the true side of \p F, a test of what a call that takes an
/// argument only where it succeeds returned (1 on success, 0 on failure:
/// `EVP_PKEY_assign`), is its success; nullopt if the test cannot tell.
static std::optional<bool> trueMeansSucceeded(const CondFact &F) {
  if (F.EqualsForeign || F.AboveStandard || F.SignTest || F.Elem)
    return std::nullopt;
  if (F.Equals) {
    if (*F.Equals == 0)
      return F.TrueMeansNonzero;
    if (*F.Equals == 1)
      return !F.TrueMeansNonzero;
    return std::nullopt;
  }
  return F.TrueMeansNonzero; // `if (ok)`, `if (rc > 0)`
}

bool BranchFacts::takesWhereItSucceeds(const CallExpr *Call,
                                       unsigned Acq) const {
  const Acquisition &A = C.acqs()[Acq];
  if (!A.Fam)
    return false;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const Transfer *T = C.Roles.catalog().transferOf(Call, I, *A.Fam);
    HandleKey Key;
    if (T && T->OnSuccess && C.KeyOf.keyOf(Call->getArg(I), Key, false) &&
        C.Keys.find(Key) == A.Key)
      return true;
  }
  return false;
}

void BranchFacts::refineKept(const Expr *Leaf, bool Branch, State &St) {
  std::optional<CondFact> F;
  for (State::Entry &E : St.stored()) {
    AcqState &S = E.second;
    if (!S.held() || !(S.B & AcqState::Taken) ||
        (S.KeptBy && S.KeptBy != S.TakenBy) ||
        !isa_and_nonnull<CallExpr>(S.TakenBy))
      continue;
    const auto *Call = cast<CallExpr>(S.TakenBy);
    if (!F && !(F = fact(Leaf, C.Ctx)))
      return;
    // The call itself, or the local its result went to, given no other
    // value in the function.
    const VarDecl *Result = F->Var ? resultVariable(Call, C.Body) : nullptr;
    if (F->Call != Call &&
        !(Result && sameVar(C, F->Var, Result) &&
          C.Body.writeCount(Result) == 1))
      continue;
    // A transfer only where the call succeeds (`on: success`): where it
    // failed, the handle is the caller's again.
    if (takesWhereItSucceeds(Call, E.first)) {
      if (std::optional<bool> T = trueMeansSucceeded(*F); T && Branch != *T) {
        S.B &= ~AcqState::Taken;
        S.TakenBy = S.KeptBy = nullptr;
        S.TakerTests = 0;
      }
      continue;
    }
    for (const KeepRole &K : C.Roles.keeps(Call)) {
      HandleKey Key;
      std::optional<bool> T = trueMeansKept(*F, K);
      if (!T || !CallRoles::keyFor(Call, K.Handle, false, C.KeyOf, Key) ||
          C.Keys.find(Key) != C.acqs()[E.first].Key)
        continue;
      if (Branch != *T) {
        S.dropTo(AcqState::Released);
        S.LastRelease = Call;
      } else if (K.KeepsOnSuccess) {
        // The call only lent the handle.
        S.B &= ~AcqState::Taken;
        S.TakenBy = S.KeptBy = nullptr;
        S.TakerTests = 0;
      }
      break;
    }
  }
}

/// Some value of \p V is a `dynamic_cast` of another variable (`Derived
/// *d = dynamic_cast<Derived *>(b);`): null where \p V's type is not the
/// object's, whatever the object is.
static bool castDynamically(const BodyIndex &B, const VarDecl *V) {
  return llvm::any_of(B.copies(), [&](const BodyIndex::Copy &Cp) {
    return Cp.To->getCanonicalDecl() == V->getCanonicalDecl() &&
           isa<CXXDynamicCastExpr>(
               BodyIndex::copiedValue(Cp)->IgnoreParenImpCasts());
  });
}

llvm::ArrayRef<BranchFacts::Test> BranchFacts::testsOf(const Expr *Leaf) {
  auto [It, New] = Tests.try_emplace(Leaf);
  if (New)
    if (auto F = fact(Leaf, C.Ctx))
      for (unsigned J = 0; J < C.acqs().size(); ++J) {
        bool OnlyRefutes;
        if (std::optional<bool> T =
                trueMeansAcquired(C, *F, C.acqs()[J], OnlyRefutes)) {
          const Acquisition &A = C.acqs()[J];
          // A comparison of the handle variable with what the function
          // did not acquire (`fd != fileno(stdin)`) says nothing once the
          // variable was given another value while it held the handle.
          const bool OfHandleVar =
              F->Var && A.HandleVar && sameVar(C, F->Var, A.HandleVar);
          const bool OfResultVar =
              (F->Var && A.ResultVar && sameVar(C, F->Var, A.ResultVar) &&
               !OfHandleVar) ||
              (OnlyRefutes && OfHandleVar);
          // A test of a dynamic-cast copy (not of the handle's own
          // variable, which a later acquire may fill).
          const bool ThroughCast =
              F->Var &&
              !(A.HandleVar && F->Var->getCanonicalDecl() ==
                                   A.HandleVar->getCanonicalDecl()) &&
              castDynamically(C.Body, F->Var);
          It->second.push_back(
              {J, *T, OnlyRefutes, OfResultVar, ThroughCast});
        }
      }
  return It->second;
}

void BranchFacts::refine(const Expr *Cond, bool Branch, State &St) {
  // A test refines only what is held, the caller's, or one level deeper;
  // an untouched acquisition is none of these.
  if (!Cond || !St.Reachable || St.stored().empty())
    return;
  for (State::Entry &E : St.stored())
    if (AcqState &S = E.second; S.TakerTests && S.held() &&
                                testsResultOf(Cond, S.taker()))
      S.takerTested(Branch);
  refineCond(Cond, Branch, St);
}

/// The place other than a variable \p Call's result is stored in (`*out =
/// adopt(..)`, `s->conn = adopt(..)`), if any, and if it stays that place
/// with that value: no variable it is reached through written after the
/// store (`p = p->next;`), no other store into a place written alike.
static const Expr *resultPlace(const Stmt *Call, const BodyIndex &B,
                               ASTContext &Ctx) {
  const Stmt *P = B.parent(Call);
  while (P && isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr>(P))
    P = B.parent(P);
  const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
  if (!BO || BO->getOpcode() != BO_Assign ||
      isa<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
    return nullptr;
  bool Moves = false;
  std::function<void(const Stmt *)> Vars = [&](const Stmt *S) {
    if (const auto *R = dyn_cast<DeclRefExpr>(S))
      Moves |= B.writtenAfter(R->getDecl(), BO);
    for (const Stmt *Child : S->children())
      if (Child)
        Vars(Child);
  };
  Vars(BO->getLHS());
  std::function<void(const Stmt *)> Stores = [&](const Stmt *S) {
    if (const auto *Other = dyn_cast<BinaryOperator>(S);
        Other && Other != BO && Other->isAssignmentOp() &&
        sameLvalue(BO->getLHS(), Other->getLHS(), Ctx))
      Moves = true;
    for (const Stmt *Child : S->children())
      if (Child && !Moves)
        Stores(Child);
  };
  Stores(B.body());
  return Moves ? nullptr : BO->getLHS();
}

/// \p S reads \p Place, written the same way.
static bool readsPlace(const Stmt *S, const Expr *Place, ASTContext &Ctx) {
  if (const auto *E = dyn_cast<Expr>(S); E && sameLvalue(Place, E, Ctx))
    return true;
  return llvm::any_of(S->children(), [&](const Stmt *Child) {
    return Child && readsPlace(Child, Place, Ctx);
  });
}

/// The status word \p Call's result is or-ed into (haproxy's `err |=
/// parse_table(t, id); if (err & ERR_FATAL) { free(id); .. }`), if any.
static const VarDecl *accumulatedInto(const Stmt *Call, const BodyIndex &B) {
  const Stmt *Child = Call;
  const Stmt *P = B.parent(Call);
  while (P && isa<ParenExpr, ImplicitCastExpr>(P)) {
    Child = P;
    P = B.parent(P);
  }
  const auto *BO = dyn_cast_or_null<CompoundAssignOperator>(P);
  if (!BO || BO->getOpcode() != BO_OrAssign || BO->getRHS() != Child)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

bool BranchFacts::testsResultOf(const Expr *Cond, const Expr *Call) const {
  if (!Call)
    return false;
  if (C.Body.isAncestor(Cond, Call))
    return true;
  if (const VarDecl *V = resultVariable(Call, C.Body))
    return BodyIndex::refersTo(Cond, V);
  if (const VarDecl *V = accumulatedInto(Call, C.Body))
    return BodyIndex::refersTo(Cond, V);
  // `*out = adopt(.., buf); if (!*out)`.
  const Expr *Place = resultPlace(Call, C.Body, C.Ctx);
  return Place && readsPlace(Cond, Place, C.Ctx);
}

void BranchFacts::refineCond(const Expr *Cond, bool Branch, State &St) {
  Cond = ignoreTruthHints(Cond);
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    return refineCond(UO->getSubExpr(), !Branch, St);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    // Both sides of a true `&&` and of a false `||` hold.
    if ((BO->getOpcode() == BO_LAnd && Branch) ||
        (BO->getOpcode() == BO_LOr && !Branch)) {
      refineCond(BO->getLHS(), Branch, St);
      refineCond(BO->getRHS(), Branch, St);
      return;
    }
    if (BO->isLogicalOp())
      return;
  }
  refineLeaf(Cond, Branch, St);
}

void BranchFacts::refineLeaf(const Expr *Cond, bool Branch, State &St) {
  refineKept(Cond, Branch, St);
  for (const Test &T : testsOf(Cond)) {
    const unsigned J = T.Acq;
    const AcqState &Now = St[J];
    if (T.OfResultVar && Now.ResultStale)
      continue;
    bool Deepens = llvm::any_of(St.stored(), [&](const State::Entry &K) {
      return K.second.DeeperOn == int(J);
    });
    if (!Now.held() && !(Now.B & AcqState::Entry) && !Deepens)
      continue;
    bool Acquired = Branch == T.TrueMeansAcquired;
    if ((Acquired && T.OnlyRefutes) || (!Acquired && T.OnlyConfirms))
      continue;
    for (State::Entry &K : St.stored())
      if (K.second.DeeperOn == int(J)) {
        K.second.DeeperOn = -1;
        if (!Acquired)
          K.second.Depths >>= 1;
      }
    if (!Now.held() && !(Now.B & AcqState::Entry))
      continue;
    AcqState &S = St.at(J); // stored: held or the caller's
    if (!Acquired) {
      S.Depths = 0;
      S.B = (S.B & ~(AcqState::Entry | AcqState::Taken)) | AcqState::NotYet;
      S.Causes.clear();
    } else if (S.held()) {
      S.B &= ~AcqState::NotYet;
    }
    resolvePending(St, J, Acquired);
  }
}

} // namespace clang::tidy::raii
