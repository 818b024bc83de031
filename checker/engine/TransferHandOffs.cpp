//===- TransferHandOffs.cpp - the transfer function: hand-offs ------------===//
//
// The part of TransferFunctions that ends tracking: which acquisitions an
// expression names, and what returning, storing, passing or adopting a
// handle does to them (a guard given `std::adopt_lock`, or a scope guard
// whose action releases the lock; the rules themselves are in HandOff.h).
//
//===----------------------------------------------------------------------===//
#include "catalog/Vocabulary.h"
#include "engine/CalleeBodies.h"
#include "engine/HandOff.h"
#include "engine/Transfer.h"
#include "support/CalledFunction.h"
#include "support/GuardTypes.h"
#include "support/LibraryFunctions.h"
#include "support/Lockables.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

const ValueDecl *TransferFunctions::trackedRoot(const Expr *E) const {
  E = E->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    HandleKey K;
    if (C.KeyOf.keyOf(DRE, K, false) && K.Steps.size() == 1 && K.root() &&
        C.KeyOf.isHandleRoot(K.root()))
      return K.root();
  }
  return nullptr;
}

void TransferFunctions::namedAcqs(const Expr *E,
                                  llvm::SmallVectorImpl<unsigned> &Named) const {
  // Asked of the same argument on every path and visit: the answer depends
  // on the expression alone.
  auto [It, New] = NamedCache.try_emplace(E);
  if (New)
    findNamedAcqs(E, It->second);
  Named.append(It->second.begin(), It->second.end());
}

void TransferFunctions::findNamedAcqs(
    const Expr *E, llvm::SmallVectorImpl<unsigned> &Named) const {
  E = ignoreIdentityCalls(E)->IgnoreParenCasts();
  // The field a constructor acquired straight into names that acquisition.
  if (const auto *ME = dyn_cast<MemberExpr>(E);
      ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
    HandleKey K;
    if (!C.KeyOf.keyOf(ME, K, false))
      return;
    const unsigned Key = C.Keys.find(K);
    for (unsigned J = 0; J < C.acqs().size(); ++J)
      if (C.acqs()[J].KeptByObject && C.acqs()[J].Key == Key)
        Named.push_back(J);
    return;
  }
  const auto *AS = dyn_cast<ArraySubscriptExpr>(E);
  const ValueDecl *Root = trackedRoot(AS ? AS->getBase() : E);
  // `fds[1]` names one handle of an array filled by `pipe(fds)`, and so does
  // a local only ever holding a copy of it (`a = sv[0];`); an element of a
  // heap block (`p[0]` after `p = malloc(n)`) names no handle.
  bool Element = AS;
  std::optional<uint64_t> Index;
  bool AnyIndex = false;
  if (AS) {
    Expr::EvalResult R;
    if (!AS->getIdx()->isValueDependent() &&
        AS->getIdx()->EvaluateAsInt(R, C.Ctx))
      Index = R.Val.getInt().getZExtValue();
    else
      AnyIndex = true;
  } else if (HandleKey K; !Root && isa<DeclRefExpr>(E) &&
                          C.KeyOf.keyOf(E, K, false) && K.Steps.size() == 2 &&
                          K.Steps[1].Kind == HandleKey::Step::ConstIndex) {
    Root = K.root();
    Element = true;
    Index = K.Steps[1].Index;
  }
  if (!Root)
    return;
  for (unsigned J = 0; J < C.acqs().size(); ++J) {
    const Acquisition &A = C.acqs()[J];
    const HandleKey &K = C.Keys[A.Key];
    if (A.IsLock || A.isSeed() || K.root() != Root)
      continue;
    if (Element && (K.Steps.size() < 2 ||
               (!AnyIndex && (K.Steps[1].Kind != HandleKey::Step::ConstIndex ||
                              K.Steps[1].Index != *Index))))
      continue;
    Named.push_back(J);
  }
  // A variable whose handle a move gave another (`mpb = mpb_new;
  // s->anchor = mpb_new;`) still names it while nothing writes it again.
  if (Element || !isa<DeclRefExpr>(E))
    return;
  for (unsigned I = 0; I < C.acqs().size(); ++I) {
    const Acquisition &M = C.acqs()[I];
    if (M.Origin != Acquisition::Move || M.MovedFromKey == ~0u || !M.Site)
      continue;
    const HandleKey &From = C.Keys[M.MovedFromKey];
    if (From.Steps.size() == 1 && From.root() == Root &&
        !C.Body.writtenAfter(Root, M.Site) && !llvm::is_contained(Named, I))
      Named.push_back(I);
  }
}

void TransferFunctions::escapeCopiedObject(const Expr *Src) {
  // Through a converting constructor too: `attr_ = attr;` into a class
  // wrapping the object (fish's maybe_t) builds a temporary from it.
  for (;;) {
    Src = Src->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Src))
      Src = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Src))
      Src = B->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(Src);
             CE && CE->getNumArgs() >= 1 &&
             llvm::all_of(llvm::drop_begin(CE->arguments()),
                          [](const Expr *A) {
                            return isa<CXXDefaultArgExpr>(A);
                          }))
      Src = CE->getArg(0);
    else
      break;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(Src);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !BodyIndex::isLocalVar(V) || V->getType()->isPointerType() ||
      V->getType()->isReferenceType() || V->getType()->isArrayType())
    return;
  for (State::Entry &E : St->stored()) {
    const Acquisition &A = C.acqs()[E.first];
    const HandleKey &K = C.Keys[A.Key];
    // Of an object that holds a lock, too: its copy holds what it holds.
    if (E.second.held() && !A.isSeed() && !A.isGuard() &&
        A.Rule && A.Rule->Handle.Kind == HandleSpec::Arg &&
        K.Steps.size() == 1 && K.root() == V->getCanonicalDecl())
      escape(E.first, false, nullptr);
  }
}

void TransferFunctions::escape(unsigned J, bool Tentative, const Expr *By,
                               bool Keeps) {
  if (!(*St)[J].held())
    return;
  AcqState &S = St->at(J); // stored: held
  if (Tentative) {
    const Expr *Before = S.taker();
    S.B |= AcqState::Taken;
    if (!S.TakenBy)
      S.TakenBy = By;
    if (Keeps)
      S.KeptBy = By;
    if (S.taker() != Before)
      S.takerChanged();
  } else {
    S.dropTo(AcqState::Escaped);
  }
  Ev->handedOff(J, Tentative ? By : nullptr, Element);
}

int TransferFunctions::takesOnSuccess(const Expr *Call) {
  auto At = C.AcqsAt.find(Call);
  if (At == C.AcqsAt.end())
    return -1;
  const unsigned I = At->second.front();
  auto [It, New] = TakesOnSuccess.try_emplace(I, -1);
  if (!New)
    return It->second;
  const Acquisition &A = C.acqs()[I];
  // The failure shows only where the function tests the new handle (`if
  // (!f)`, `if (!(f = fdopen(..)))`); untested, the hand-off stands.
  if (A.Rule && A.Rule->Handle.Kind == HandleSpec::Return &&
      A.Rule->Invalid != InvalidValue::None &&
      (testingIf(Call, /*ByValue=*/true) ||
       (A.HandleVar && C.Body.conditionTests(A.HandleVar))))
    It->second = int(I);
  return It->second;
}

void TransferFunctions::escapeOnSuccess(unsigned J, unsigned On) {
  if (!(*St)[J].held())
    return;
  AcqState &S = St->at(J);
  S.B |= AcqState::Escaped;
  S.PendingOn = int(On);
  S.PendingEscape = true;
  Ev->handedOff(J, nullptr, Element);
}

void TransferFunctions::escapeRoot(const ValueDecl *Root,
                                   const Expr *TentativeBy) {
  for (unsigned J = 0; J < C.acqs().size(); ++J) {
    const Acquisition &A = C.acqs()[J];
    if (!A.IsLock && !A.isSeed() && C.Keys[A.Key].root() == Root)
      escape(J, TentativeBy != nullptr, TentativeBy);
  }
}

void TransferFunctions::copiedByIndex(const Expr *Value, const Expr *By) {
  const auto *AS = dyn_cast<ArraySubscriptExpr>(Value->IgnoreParenCasts());
  if (!AS || AS->getIdx()->isValueDependent())
    return;
  Expr::EvalResult R;
  if (AS->getIdx()->EvaluateAsInt(R, C.Ctx))
    return; // `l = fds[1];`: one element, an alias (HandleKey)
  llvm::SmallVector<unsigned, 4> Named;
  namedAcqs(AS, Named);
  for (unsigned J : Named)
    escape(J, /*Tentative=*/true, By);
}

/// The pointer \p E points into when it is a field or element reached
/// through it (`p->base`, `p->a.b`, `p[i]`); \p E otherwise (`sv[0]` of a
/// local array).
static const Expr *blockOf(const Expr *E) {
  while (true) {
    E = E->IgnoreParenCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (ME->isArrow())
        return ME->getBase()->IgnoreParenCasts();
      E = ME->getBase();
      continue;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E);
        AS && AS->getBase()->getType()->isPointerType()) {
      const Expr *Base = AS->getBase()->IgnoreParenImpCasts();
      // An element of a named array (`&sv[0]` of `int sv[2]`) is an
      // object of its own, which may hold a handle: no block.
      if (isa<DeclRefExpr>(Base) && Base->getType()->isArrayType())
        return E;
      return AS->getBase()->IgnoreParenCasts();
    }
    return E;
  }
}

void TransferFunctions::escapeIfTracked(const Expr *E) {
  if (!E)
    return;
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf) {
    E = UO->getSubExpr()->IgnoreParenCasts();
    // `&p->base`, `&p[i]`: a pointer into the block p holds goes with it.
    E = blockOf(E);
  } else if (UO && UO->isIncrementDecrementOp() &&
             UO->getType()->isPointerType()) {
    // `*argv++ = ++buf`: still a pointer into the block buf holds.
    return escapeIfTracked(UO->getSubExpr());
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    // The value of `x = fd` is the handle, now also in x.
    if (BO->getOpcode() == BO_Assign) {
      escapeIfTracked(BO->getLHS());
      return escapeIfTracked(BO->getRHS());
    }
    // `h + 1`, `(char *)h + sizeof *h`: a pointer into the block h holds
    // (an allocator's header before the caller's bytes).
    if (BO->isAdditiveOp() && BO->getType()->isPointerType())
      return escapeIfTracked(BO->getLHS()->getType()->isPointerType()
                                 ? BO->getLHS()
                                 : BO->getRHS());
  }
  llvm::SmallVector<unsigned, 4> Named;
  namedAcqs(E, Named);
  for (unsigned J : Named)
    escape(J, false, nullptr);
}

/// True if \p CE builds a local variable (`T s(buf);`, `T s = T(buf);`).
static bool constructsLocal(const CXXConstructExpr *CE, const BodyIndex &B) {
  const Stmt *Cur = CE;
  const Stmt *P = B.parent(CE);
  while (P && isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                  ImplicitCastExpr, ExprWithCleanups, ParenExpr,
                  CXXFunctionalCastExpr>(P)) {
    Cur = P;
    P = B.parent(P);
  }
  const auto *DS = dyn_cast_or_null<DeclStmt>(P);
  if (!DS)
    return false;
  for (const Decl *D : DS->decls())
    if (const auto *VD = dyn_cast<VarDecl>(D))
      if (VD->getInit() == Cur && BodyIndex::isLocalVar(VD) &&
          !VD->getType()->isReferenceType())
        return true;
  return false;
}

/// The function \p Call calls has a body in this translation unit.
static bool calleeHasBody(const Expr *Call) {
  const FunctionDecl *FD = nullptr;
  if (const auto *CE = dyn_cast<CallExpr>(Call))
    FD = calledFunction(CE);
  else if (const auto *CC = dyn_cast<CXXConstructExpr>(Call))
    FD = CC->getConstructor();
  const FunctionDecl *Def = nullptr;
  return FD && FD->hasBody(Def);
}

/// \p Call is to a function the translation unit cannot see that returns
/// nothing (`tcp_request(confd);`): it tells no failure and gives nothing
/// back, so of the calls that may have taken a handle it is the likeliest
/// keeper (an exit after it is blamed on it, not on an earlier borrower).
static bool unseenSink(const Expr *Call) {
  const auto *CE = dyn_cast<CallExpr>(Call);
  const FunctionDecl *FD = CE ? calledFunction(CE) : nullptr;
  return FD && !FD->hasBody() && FD->getReturnType()->isVoidType();
}

const IfStmt *TransferFunctions::testingIf(const Expr *Call,
                                          bool ByValue) const {
  const Stmt *Child = Call;
  for (const Stmt *P = C.Body.parent(Call); P;
       Child = P, P = C.Body.parent(P)) {
    if (isa<ParenExpr, ImplicitCastExpr>(P))
      continue;
    if (const auto *UO = dyn_cast<UnaryOperator>(P);
        UO && UO->getOpcode() == UO_LNot)
      continue;
    // `if ((zs = create(cb, ctx)) == NULL)`: the value stored is tested.
    if (const auto *BO = dyn_cast<BinaryOperator>(P);
        BO && (BO->isEqualityOp() || BO->isRelationalOp() ||
               (BO->getOpcode() == BO_Assign && BO->getRHS() == Child)))
      continue;
    if (const auto *If = dyn_cast<IfStmt>(P); If && If->getCond() == Child)
      return If;
    break;
  }
  // `T *e = create(key, v); if (!e) ..`, `rc = adopt(c, p); if (rc) ..`:
  // the next statement tests the variable the result went to.
  // From the last statement of an `if`'s arm, the statement after that
  // `if` (`if (head) rc = append(l, p); else rc = prepend(l, p); if (rc <
  // 0) free(p);`).
  const VarDecl *V = C.Body.storedInto(Call);
  const Stmt *S = V ? C.Body.fullStatement(Call) : nullptr;
  const Stmt *Next = S ? C.Body.nextStatement(S) : nullptr;
  while (S && !Next) {
    const Stmt *P = C.Body.parent(S);
    if (const auto *Block = dyn_cast_or_null<CompoundStmt>(P);
        Block && !Block->body_empty() && Block->body_back() == S) {
      S = Block;
      continue;
    }
    const auto *Arms = dyn_cast_or_null<IfStmt>(P);
    if (!Arms || (Arms->getThen() != S && Arms->getElse() != S))
      break;
    S = Arms;
    Next = C.Body.nextStatement(S);
  }
  const auto *If = dyn_cast_or_null<IfStmt>(Next);
  if (!If)
    return nullptr;
  const bool Tests = ByValue ? BodyIndex::testsValue(If->getCond(), V)
                             : BodyIndex::refersTo(If->getCond(), V);
  return Tests ? If : nullptr;
}

void TransferFunctions::handOffArgs(const Expr *Call,
                                    llvm::ArrayRef<const Expr *> Args) {
  // Which arguments name acquisitions depends on the call alone: found once
  // per function, so that the usual call, which passes none, costs a lookup.
  auto [It, New] = ArgsCache.try_emplace(Call);
  if (New) {
    // Each value an argument may be: itself, or an arm of a `?:` that
    // tests it (`dict_set(d, key, v ? v : placeholder)`, `v ?: dflt`: v
    // is passed wherever it holds anything; not `flag ? v : NULL`, which
    // passes v on one path only).
    llvm::SmallVector<std::pair<unsigned, const Expr *>, 4> Values;
    for (unsigned I = 0; I < Args.size(); ++I) {
      llvm::SmallVector<const Expr *, 2> Arms{Args[I]};
      while (!Arms.empty()) {
        const Expr *Arg = Arms.pop_back_val()->IgnoreParenCasts();
        if (const auto *CO = dyn_cast<AbstractConditionalOperator>(Arg)) {
          const auto *Short = dyn_cast<BinaryConditionalOperator>(CO);
          for (const Expr *Arm :
               {Short ? Short->getCommon() : CO->getTrueExpr(),
                CO->getFalseExpr()}) {
            const auto *R = dyn_cast<DeclRefExpr>(ignoreValueCasts(Arm));
            const auto *V = R ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
            if (V && (Short ? Arm == Short->getCommon()
                            : BodyIndex::refersTo(CO->getCond(), V)))
              Arms.push_back(Arm);
          }
          continue;
        }
        Values.push_back({I, Arg});
      }
    }
    for (auto [I, Arg] : Values) {
      // `std::unique_ptr<T>(p = new T)`, `slot.reset(p = new T)`: the
      // value passed is the one just stored.
      while (const auto *BO = dyn_cast<BinaryOperator>(Arg)) {
        if (BO->getOpcode() != BO_Assign)
          break;
        Arg = BO->getLHS()->IgnoreParenCasts();
      }
      bool AddrOf = false, Interior = false, Pointee = false;
      if (const auto *UO = dyn_cast<UnaryOperator>(Arg);
          UO && UO->getOpcode() == UO_Deref && C.Ctx.getLangOpts().CPlusPlus) {
        Arg = UO->getSubExpr()->IgnoreParenCasts();
        Pointee = true;
      } else if (UO && UO->getOpcode() == UO_AddrOf) {
        Arg = UO->getSubExpr()->IgnoreParenCasts();
        AddrOf = true;
        if (const Expr *Block = blockOf(Arg); Block != Arg) {
          Arg = Block; // `use(&p->base)` passes the block p holds
          AddrOf = false;
          Interior = true;
        }
      }
      // A cursor that pointer arithmetic moved (`cp = line; cp++;
      // handle_cmd(cp);`) points into the block, as `&p->base` does.
      const auto *R = dyn_cast<DeclRefExpr>(Arg);
      const bool Cursor = R && !AddrOf && !Pointee &&
                          !C.KeyOf.isHandleRoot(R->getDecl()) &&
                          C.Body.advances(R->getDecl());
      llvm::SmallVector<unsigned, 4> Named;
      namedAcqs(Arg, Named);
      for (unsigned J : Named)
        It->second.push_back(
            {I, J, AddrOf, Interior || Cursor, Pointee, Cursor});
    }
  }
  if (It->second.empty())
    return;
  const auto *CE = dyn_cast<CXXConstructExpr>(Call);
  const bool IntoLocal = CE && constructsLocal(CE, C.Body);
  for (const NamedArg &N : It->second) {
    if (!(*St)[N.Acq].held())
      continue;
    const Acquisition &A = C.acqs()[N.Acq];
    // A field's address given to a function this file defines fills or
    // reads the field (`parse(&ab->exact_)`), unless its body stores the
    // parameter (`list_add_tail(&it->list, head)`: the list keeps the
    // block through its node); code the file cannot see may keep it.
    // A cursor is a position: only a body that stores it keeps the block.
    if (N.Interior && (N.Cursor || calleeHasBody(Call))) {
      if (const auto *CE = dyn_cast<CallExpr>(Call);
          CE && calleeHasBody(Call) && calleeStoresArgument(CE, N.Arg))
        escape(N.Acq, true, Call, /*Keeps=*/true);
      continue;
    }
    ArgFate Fate = N.Pointee ? pointeeFate(Call, N.Arg, *A.Fam)
                             : argumentFate(Call, N.Arg, N.AddrOf, *A.Fam,
                                            C.Roles.catalog(), C.Ctx,
                                            IntoLocal);
    if (std::optional<ArgFate> OfElement = elementArgFate(Call, N))
      Fate = *OfElement;
    switch (Fate) {
    case ArgFate::Borrowed:
      if (keptOnSuccess(Call, N))
        escape(N.Acq, true, Call, /*Keeps=*/true);
      break;
    case ArgFate::MaybeTaken:
      // A call the constructor gives its field to, the destructor
      // releasing it, only borrows it; an object built with it may keep
      // it (a local guard).
      if (A.ReleasedByDestructor && isa<CallExpr>(Call))
        break;
      escape(N.Acq, true, Call,
             /*Keeps=*/unseenSink(Call) || (testingIf(Call) &&
                                            mayKeepOnSuccess(Call, N.Acq)));
      break;
    case ArgFate::Stored:
      escape(N.Acq, true, Call, /*Keeps=*/true);
      break;
    case ArgFate::Taken:
      if (const int On = takesOnSuccess(Call); On >= 0) {
        escapeOnSuccess(N.Acq, unsigned(On));
      } else {
        const bool Held = (*St)[N.Acq].held();
        escape(N.Acq, false, Call);
        // Untested, the handle the call acquires owns it from here.
        if (auto At = C.AcqsAt.find(Call); Held && At != C.AcqsAt.end())
          St->at(N.Acq).OwnedBy = int(At->second.front());
      }
      break;
    }
  }
}

std::optional<ArgFate>
TransferFunctions::elementArgFate(const Expr *Call, const NamedArg &N) const {
  const auto *CE = dyn_cast<CallExpr>(Call);
  const FunctionDecl *FD = CE ? calledFunction(CE) : nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD || N.AddrOf || N.Interior || N.Pointee ||
      isa<CXXOperatorCallExpr>(CE) || !FD->hasBody(Def) ||
      isLibraryFunction(FD))
    return std::nullopt;
  const auto *DRE =
      dyn_cast<DeclRefExpr>(CE->getArg(N.Arg)->IgnoreParenImpCasts());
  const auto *Array = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  const HandleKey &K = C.Keys[C.acqs()[N.Acq].Key];
  if (!Array || !BodyIndex::isLocalVar(Array) ||
      !Array->getType()->isArrayType() || K.Steps.size() != 2 ||
      K.Steps[1].Kind != HandleKey::Step::ConstIndex)
    return std::nullopt;
  return elementFate(Def, N.Arg, K.Steps[1].Index, *C.acqs()[N.Acq].Fam,
                     C.Roles.catalog());
}

bool TransferFunctions::keptOnSuccess(const Expr *Call,
                                      const NamedArg &N) const {
  const auto *CE = dyn_cast<CallExpr>(Call);
  const FunctionDecl *FD = CE ? calledFunction(CE) : nullptr;
  if (!FD || N.AddrOf || N.Interior || N.Pointee || FD->hasBody() ||
      isLibraryFunction(FD) || N.Arg >= FD->getNumParams())
    return false;
  const QualType RT = CE->getType();
  const auto *PT = FD->getParamDecl(N.Arg)->getType()->getAs<PointerType>();
  if (!PT || !PT->getPointeeType()->isVoidType() || !keeperBeside(CE, N.Acq))
    return false;
  if (RT->isIntegralOrEnumerationType())
    return testingIf(CE);
  // A pointer result of the type of an argument beside it: the container's
  // new head (`n = list_append(*list, p)`), not an entry it found
  // (`e = cache_find(c, key, n)`).
  const bool NewHead =
      RT->isPointerType() &&
      llvm::any_of(llvm::enumerate(CE->arguments()), [&](const auto &A) {
        return A.index() != N.Arg &&
               C.Ctx.hasSameUnqualifiedType(
                   A.value()->IgnoreParenImpCasts()->getType(), RT);
      });
  return NewHead && releasedOnlyInBranches(CE, N.Acq);
}

/// `re->Decref()`: a member the translation unit cannot see, or one whose
/// body lets `this` go, may release or keep the object it is called on.
void TransferFunctions::handOffObject(const CXXMemberCallExpr *MC) {
  const Expr *Obj = MC->getImplicitObjectArgument();
  if (!Obj)
    return;
  llvm::SmallVector<unsigned, 4> Named;
  namedAcqs(Obj, Named);
  for (unsigned J : Named)
    if ((*St)[J].held() && objectFate(MC, *C.acqs()[J].Fam,
                                      C.Roles.catalog(),
                                      C.Ctx) != ArgFate::Borrowed)
      escape(J, true, MC);
}

void TransferFunctions::adopt(unsigned Key, const VarDecl *Guard,
                              bool LocksOnly) {
  for (unsigned J = 0; Key != ~0u && J < St->size(); ++J) {
    const Acquisition &A = C.acqs()[J];
    if (A.Key != Key || A.isGuard() || (LocksOnly && !A.IsLock) ||
        !(*St)[J].held())
      continue;
    // Nothing left for the function to release; the guard holds it until
    // its scope ends.
    St->at(J).dropTo(AcqState::Escaped | (Guard ? AcqState::Adopted : 0));
    if (Guard && !llvm::is_contained(C.AdoptedBy[Guard], J)) {
      C.AdoptedBy[Guard].push_back(J);
      C.Out.AdoptingGuard[J] = Guard;
    }
  }
}

/// `std::lock_guard<std::mutex> g(m, std::adopt_lock);` takes over the lock
/// the function took by hand.
void TransferFunctions::adoptByGuard(const CXXConstructExpr *E) {
  if (!C.Guards.matches(guardDeclOf(E->getType())) ||
      llvm::none_of(E->arguments(), [](const Expr *A) {
        return lockTagOf(A) == LockTag::Adopt;
      }))
    return;
  for (const Expr *Arg : E->arguments()) {
    HandleKey K;
    if (!isLockableType(Arg->getType().getNonReferenceType()) ||
        !C.KeyOf.keyOf(Arg, K, true))
      continue;
    adopt(C.Keys.find(K), C.Body.initialisedVar(E), /*LocksOnly=*/false);
  }
}

/// `pthread_mutex_lock(&m); raii::scope_exit g([&] { pthread_mutex_unlock(&m);
/// });`: a local scope guard that runs its action (a lambda) on every exit,
/// and whose action releases a lock the function took by hand, takes the
/// lock over, as `std::adopt_lock` does. Only the statements of the
/// lambda's body that are release calls count. (A `scope_fail` releases on
/// failure only: the function still returns holding the lock.)
void TransferFunctions::adoptByExitAction(const CXXConstructExpr *E) {
  const NamedDecl *Type = guardDeclOf(E->getType());
  if (E->getNumArgs() == 0 || !C.Guards.matches(Type) ||
      !runsActionOnEveryExit(Type))
    return;
  const auto *Action = dyn_cast<LambdaExpr>(E->getArg(0)->IgnoreImplicit());
  const VarDecl *Guard = C.Body.initialisedVar(E);
  if (!Action || !Guard || !Guard->hasLocalStorage())
    return;
  for (const Stmt *S : Action->getCompoundStmtBody()->body()) {
    const auto *X = dyn_cast<Expr>(S);
    const auto *Call =
        X ? dyn_cast<CallExpr>(X->IgnoreImplicit()->IgnoreParenCasts())
          : nullptr;
    if (!Call)
      continue;
    for (const ReleaseRole &R : C.Roles.releases(Call)) {
      HandleKey K;
      if (!R.Rule->Fam->IsLock ||
          !CallRoles::keyFor(Call, R.Handle, true, C.KeyOf, K))
        continue;
      adopt(C.Keys.find(K), Guard, /*LocksOnly=*/true);
    }
  }
}

} // namespace clang::tidy::raii
