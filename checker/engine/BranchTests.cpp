//===- BranchTests.cpp - what one test says of one acquisition ------------===//
//
// What the true side of one test (a CondFact, BranchConditions.cpp) says
// of an acquisition: acquired, not acquired, or nothing; of the handle a
// wrapper keeps; and the variable a call's result went to.
//
//===----------------------------------------------------------------------===//
#include "catalog/FormatArgs.h"
#include "engine/BranchFactsImpl.h"
#include "support/CalledFunction.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include <functional>

namespace clang::tidy::raii::branch {

/// \p Site may give back one of its arguments (`x = g_object_ref(o)`, a
/// reference count taken on an object the caller has): an argument of the
/// type it returns, not `const` (a reference taken changes its object; a
/// copy, `strdup(s)`, reads a `const char *`). Its handle may then equal
/// what the caller holds. Not a number (`open(name, O_RDONLY)` gives a
/// descriptor, not its flags).
static bool mayReturnArgument(const Stmt *Site) {
  const auto *Call = dyn_cast_or_null<CallExpr>(Site);
  if (!Call || !Call->getType()->isPointerType())
    return false;
  const QualType R =
      Call->getType()->getPointeeType().getCanonicalType().getUnqualifiedType();
  return llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
    QualType T = Arg->getType(); // as passed: `gpointer` for a `GObject *`
    return T->isPointerType() && !T->getPointeeType().isConstQualified() &&
           T->getPointeeType().getCanonicalType().getUnqualifiedType() == R;
  });
}

/// \p Call's result is never negative: its callee returns an unsigned
/// type, or the file's body of it returns only constants that are not.
static bool neverNegative(const CallExpr *Call, ASTContext &Ctx) {
  const FunctionDecl *FD = calledFunction(Call);
  const FunctionDecl *Def = nullptr;
  if (!FD)
    return false;
  if (FD->getReturnType()->isUnsignedIntegerOrEnumerationType())
    return true;
  if (!FD->hasBody(Def))
    return false;
  bool Any = false;
  std::function<bool(const Stmt *)> Returns = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr, BlockExpr>(S))
      return true;
    if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
      Expr::EvalResult R;
      Any = true;
      return Ret->getRetValue() && !Ret->getRetValue()->isValueDependent() &&
             Ret->getRetValue()->EvaluateAsInt(R, Ctx) &&
             !R.Val.getInt().isNegative();
    }
    return llvm::all_of(S->children(), Returns);
  };
  return Returns(Def->getBody()) && Any;
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

/// \p F tests a local the acquire's chained assignment wrote with the
/// handle variable (`p = s = malloc(n)`, s the handle variable, p advanced
/// later), in that statement or in the condition of the `if` right after
/// it, where no other value has reached it yet.
static bool chainedAtTest(const FunctionContext &C, const CondFact &F,
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
static const VarDecl *heldIn(const FunctionContext &C, const CondFact &F,
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

/// A test of a handle whose failure value is all ones (`p == MAP_FAILED`,
/// `cd != (iconv_t)-1`): that value means nothing acquired and any other
/// the handle; null means nothing too, but not null tells nothing.
static std::optional<bool> allOnesTest(const CondFact &F,
                                       bool &OnlyRefutes) {
  if (F.SignTest && F.Equals && *F.Equals == -1)
    return F.TrueMeansNonzero;
  if (F.SignTest || F.PositiveTest || F.Equals.value_or(0) != 0)
    return std::nullopt;
  OnlyRefutes = true;
  return F.TrueMeansNonzero;
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
        (F.ForeignNumber &&
         (!Descriptor ||
          (!dupedOntoParam(C, A.HandleVar, F.ForeignParam) &&
           !C.Body.writesCopying(A.HandleVar, F.ForeignParam)))) ||
        (F.ForeignCopy && !copyPredates(C, F.ForeignCopy, A)) ||
        (F.AboveStandard && !dupedOnto(C, A.HandleVar) &&
         !fillsStandardRange(C, F, A)))
      return std::nullopt;
    OnlyRefutes = true;
    return F.TrueMeansNonzero;
  }
  bool OnResult = (F.Call && F.Call == A.Site) ||
                  (F.Var && A.ResultVar && sameVar(C, F.Var, A.ResultVar));
  // Only a result counting what the acquire gave tells by its sign, and a
  // descriptor's variable (below); so does the count of a printf-like
  // acquire whose format prints something (`asprintf(&s, "/%s", p) <= 0`
  // fails: success returns at least 1).
  // So does a wrapper's that is never negative, nonzero where it holds
  // (`if (msgs_lock(m) <= 0) return -1;` of a wrapper returning 0 or 1).
  const auto *SiteCall = dyn_cast_or_null<CallExpr>(A.Site);
  const bool CountsUp =
      OnResult &&
      (R->SuccessWhen == Success::Positive ||
       (R->SuccessWhen == Success::Zero && F.PositiveTest && SiteCall &&
        formatPrintsSomething(SiteCall)) ||
       (R->SuccessWhen == Success::True && F.PositiveTest && SiteCall &&
        neverNegative(SiteCall, C.Ctx)));
  if (F.PositiveTest && !CountsUp &&
      (OnResult || R->Invalid != InvalidValue::Negative))
    return std::nullopt;
  // `rc == -ENOENT` of an acquire into a place that returns zero on
  // success (a wrapper whose failures return `-errno`): where it holds,
  // the acquire failed.
  if (F.Equals && *F.Equals < -1 && OnResult &&
      R->SuccessWhen == Success::Zero &&
      R->Handle.Kind != HandleSpec::Return) {
    OnlyRefutes = true;
    return F.TrueMeansNonzero;
  }
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
      if (R->Invalid == InvalidValue::AllOnes)
        return allOnesTest(F, OnlyRefutes);
      if (R->Invalid == InvalidValue::Negative && !F.SignTest)
        return std::nullopt;
      return F.TrueMeansNonzero;
    }
    switch (R->SuccessWhen) {
    case Success::Zero:
      // `rc >= 0` or `rc != -1` is success; `rc == 0` is success; `n > 0`
      // of a count that is positive on success (CountsUp) is success.
      return F.SignTest || F.PositiveTest ? F.TrueMeansNonzero
                                          : !F.TrueMeansNonzero;
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
  // The field a constructor acquired straight into (`fp = fopen(..); if
  // (!fp) throw ..;`), which the constructor gives no other value.
  if (F.Field) {
    HandleKey K;
    if (!A.KeptByObject || R->Handle.Kind != HandleSpec::Return ||
        !C.KeyOf.keyOf(F.Field, K, false) || C.Keys.find(K) != A.Key ||
        (F.Equals && (*F.Equals < -1 || *F.Equals > 0)) ||
        (R->Invalid == InvalidValue::Negative) != F.SignTest)
      return std::nullopt;
    return F.TrueMeansNonzero;
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
        C.Body.elementWrittenAfter(
            Array, Idx->getValue().getZExtValue(), A.Site,
            [&](const CallExpr *Call) {
              return !C.Roles.releases(Call).empty();
            }) ||
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
  // A descriptor tested positive (`fd > 0`, `if (fd <= 0) return;`) is
  // taken as the validity test it is meant as: descriptor 0 comes back
  // only where standard input was closed.
  if (HV->getType()->isPointerType()) {
    if (R->Invalid == InvalidValue::AllOnes)
      return allOnesTest(F, OnlyRefutes);
    if (F.SignTest || F.PositiveTest)
      return std::nullopt;
  } else if (R->Invalid == InvalidValue::Negative) {
    if (!F.SignTest && !F.PositiveTest)
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
      if (P.PendingEscape)
        P.OwnedBy = int(Acq);
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
  // The value goes through parentheses, conversions and the arms of a
  // `?:` that still tell (BodyIndex::armTells).
  const Stmt *Child = Call;
  const Stmt *P = B.parent(Call);
  auto Tells = [&](const Stmt *S) {
    const auto *CO = dyn_cast<ConditionalOperator>(S);
    return CO && CO->getCond() != Child &&
           BodyIndex::armTells(CO, Child, B.context());
  };
  while (P && (isa<ParenExpr, ImplicitCastExpr>(P) || Tells(P))) {
    Child = P;
    P = B.parent(P);
  }
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
      BO && BO->getOpcode() == BO_Assign)
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
      return dyn_cast<VarDecl>(DRE->getDecl());
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D);
          V && V->getInit() &&
          V->getInit()->IgnoreParenImpCasts() ==
              cast<Expr>(Child)->IgnoreParenImpCasts())
        return V;
  return nullptr;
}

/// Whether the true side of \p F, a test of what a wrapper with KeepRole
/// \p K returned, is where it kept the handle; nullopt if the test cannot
/// tell.
std::optional<bool> trueMeansKept(const CondFact &F, const KeepRole &K) {
  if (F.EqualsForeign || F.AboveStandard || F.PositiveTest || F.Elem ||
      F.Field || (F.Equals && *F.Equals != 0))
    return std::nullopt;
  if (F.SignTest && !(K.KeptWhen == Success::Zero && K.FailsNegative))
    return std::nullopt;
  // Zero keeps: `rc >= 0` (a sign test) or `rc == 0`; nonzero keeps: `ok`.
  if (K.KeptWhen == Success::Zero && !F.SignTest)
    return !F.TrueMeansNonzero;
  return F.TrueMeansNonzero;
}

} // namespace clang::tidy::raii::branch
