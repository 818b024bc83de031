//===- Collector.cpp - the acquisitions of one function -------------------===//
//
// collectAcquisitions() (see Collector.h): the acquire calls of the catalog
// and of summaries, guard constructions, releases and seeds; the moves
// between locals are in CollectorMoves.cpp, where an acquire's result goes
// in CollectorResults.cpp. Also spellHandle().
//
//===----------------------------------------------------------------------===//
#include "engine/Collector.h"
#include "engine/CollectorImpl.h"
#include "catalog/Vocabulary.h"
#include "engine/ExitOnNull.h"
#include "support/CalledFunction.h"
#include "support/GuardTypes.h"
#include "support/Lockables.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::raii {

std::string spellHandle(const Expr *E, ASTContext &Ctx) {
  if (!E)
    return "";
  // What an identity call names (`pthread_mutex_lock(mid(&m))` locks `m`),
  // as the handle's own expression would be (`&m` is spelled `m`).
  if (const Expr *Named = ignoreIdentityCalls(E);
      Named != ignoreValueCasts(E)) {
    E = Named;
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr();
  }
  // The implicit object of `lock()` in a member function has no text.
  if (const auto *This = dyn_cast<CXXThisExpr>(E->IgnoreParenImpCasts());
      This && This->isImplicit())
    return "*this";
  CharSourceRange R = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(E->getSourceRange()),
      Ctx.getSourceManager(), Ctx.getLangOpts());
  if (R.isValid()) {
    std::string S =
        Lexer::getSourceText(R, Ctx.getSourceManager(), Ctx.getLangOpts())
            .str();
    if (!S.empty() && S.size() <= 40)
      return S;
  }
  // Written in a macro's body, or long: the expression as clang prints it
  // (`h->keys`), else its last name.
  std::string Printed;
  llvm::raw_string_ostream OS(Printed);
  E->IgnoreParenImpCasts()->printPretty(OS, nullptr,
                                        Ctx.getPrintingPolicy());
  OS.flush();
  if (!Printed.empty() && Printed.size() <= 40)
    return Printed;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl()->getNameAsString();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl()->getNameAsString();
  return "";
}

unsigned Collector::push(Acquisition A, const HandleKey &K, bool AtSite) {
  A.Key = C.Keys.intern(K);
  if (const auto *V = dyn_cast_or_null<VarDecl>(K.root());
      V && A.Fam && A.Fam->InPlace && V->hasGlobalStorage() &&
      !V->isStaticLocal())
    A.SharedStatic = A.Site && sharedStatic(V, K, A.Site);
  unsigned I = C.acqs().size();
  if (A.Site && AtSite)
    C.AcqsAt[A.Site].push_back(I);
  C.acqs().push_back(std::move(A));
  return I;
}

bool Collector::awaited(const Expr *E) const {
  const Stmt *P = C.Body.parent(E);
  while (P && isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                  CXXBindTemporaryExpr>(P))
    P = C.Body.parent(P);
  return P && isa<CoroutineSuspendExpr>(P);
}


void Collector::addCall(const Expr *E, const AcquireRole &Role) {
  const Acquire *R = Role.Rule;
  Acquisition A;
  A.Site = E;
  A.Rule = R;
  A.Fam = R->Fam;
  A.Via = Role.Via;
  A.ViaSite = Role.ViaSite;
  A.IsLock = R->Fam->IsLock;
  A.Reentrant = R->Fam->Reentrant;
  A.Scope = C.Body.enclosingCompound(E);
  A.ResultTested = R->isConditional() && C.Body.valueUsed(E);
  A.KeptAsStandard = takesClosedStandard(E, *R);
  A.Awaited = awaited(E);
  if (R->isConditional() || R->Handle.Kind == HandleSpec::Out) {
    A.ResultVar = C.Body.storedInto(E);
    if (!A.ResultVar && R->isConditional())
      A.ResultVar = successFlag(E, A.ResultNegated);
    A.ResultFlag = A.ResultVar && !C.Body.storedInto(E);
  }
  switch (R->Handle.Kind) {
  case HandleSpec::Return: {
    const VarDecl *V = C.Body.storedInto(E);
    if (!V) {
      bool DtorReleases = false;
      if (const MemberExpr *Field = fieldBeingBuilt(E, DtorReleases)) {
        HandleKey K;
        if (C.KeyOf.keyOf(Field, K, /*StripDeref=*/false)) {
          // The object keeps it past every block of the constructor.
          A.KeptByObject = true;
          A.ReleasedByDestructor = DtorReleases;
          A.Scope = C.Body.body();
          A.HandleExpr = Field;
          A.Name = Field->getMemberDecl()->getNameAsString();
          push(std::move(A), K);
          return;
        }
      }
      // Returned, stored elsewhere or passed on: a hand-off. A function
      // returning it still needs its returns looked at (its summary).
      for (const Stmt *P = C.Body.parent(E); P; P = C.Body.parent(P))
        if (isa<ReturnStmt>(P))
          ReturnsAcquire = true;
      // Or discarded: lost at once.
      if (!C.Body.valueUsed(E) && droppedIsLost(E, Role))
        C.Out.DroppedHandles.push_back({E, Role.Via, Role.ViaSite});
      return;
    }
    A.HandleVar = V;
    A.LocalObject = true;
    A.Scope = scopeOfVar(V, A.Scope);
    A.Name = V->getNameAsString();
    C.KeyOf.addHandleRoot(V);
    HandleKey K;
    K.addDecl(V);
    push(std::move(A), K);
    return;
  }
  case HandleSpec::Out: {
    const Expr *H = RuleCatalog::handleExpr(E, R->Handle);
    if (!H)
      return;
    const Expr *Obj = H->IgnoreParenImpCasts();
    bool Addr = false;
    if (const auto *UO = dyn_cast<UnaryOperator>(Obj);
        UO && UO->getOpcode() == UO_AddrOf) {
      Obj = UO->getSubExpr()->IgnoreParenImpCasts();
      Addr = true;
    }
    // Elements from a constant offset on of a local array: `pipe(fds + 2)`,
    // `pipe(&fds[2])` (apt's second pair in one `int[4]`).
    uint64_t Offset = 0;
    const Expr *Base = nullptr, *Index = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(Obj);
        BO && BO->getOpcode() == BO_Add && !Addr) {
      Base = BO->getLHS()->IgnoreParenImpCasts();
      Index = BO->getRHS();
    } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Obj);
               AS && Addr) {
      Base = AS->getBase()->IgnoreParenImpCasts();
      Index = AS->getIdx();
    }
    if (Base) {
      std::optional<int64_t> K = constantValue(Index, C.Ctx);
      const auto *BaseRef = dyn_cast<DeclRefExpr>(Base);
      if (!K || *K < 0 || !BaseRef || !BaseRef->getType()->isArrayType())
        return;
      Offset = uint64_t(*K);
      Obj = BaseRef;
      Addr = false;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(Obj);
    if (!DRE || !BodyIndex::isOwnedVar(DRE->getDecl()))
      return;
    // `make(&p)`, `pipe(fds)`, or `source(p)` to a `T *&` parameter of a
    // function the file summarises.
    const auto *Call = dyn_cast<CallExpr>(E);
    const FunctionDecl *FD = Call ? calledFunction(Call) : nullptr;
    const bool ByRef = Role.Via && FD && R->Handle.Index < FD->getNumParams() &&
                       FD->getParamDecl(R->Handle.Index)
                           ->getType()
                           ->isLValueReferenceType();
    if (!Addr && !ByRef && !DRE->getType()->isArrayType())
      return;
    const auto *V = cast<VarDecl>(DRE->getDecl());
    C.KeyOf.addHandleRoot(V);
    A.LocalObject = true;
    A.Scope = scopeOfVar(V, A.Scope);
    for (unsigned I = 0; I < R->Handle.Count; ++I) {
      Acquisition Each = A;
      HandleKey K;
      K.addDecl(V);
      Each.Name = V->getNameAsString();
      if (R->Handle.Count > 1 || DRE->getType()->isArrayType()) {
        K.addIndex(Offset + I);
        Each.Name += "[" + std::to_string(Offset + I) + "]";
      } else {
        Each.HandleVar = V;
      }
      push(std::move(Each), K);
    }
    return;
  }
  case HandleSpec::Format: // releases only
    return;
  case HandleSpec::This:
  case HandleSpec::Arg:
  case HandleSpec::Global: {
    HandleKey K;
    if (!CallRoles::keyFor(E, Role.Handle, /*StripDeref=*/true, C.KeyOf, K))
      return;
    A.HandleExpr = Role.Handle.Fixed
                       ? nullptr
                       : RuleCatalog::handleExpr(E, Role.Handle.Spec);
    const ValueDecl *Root = K.root();
    A.LocalObject = K.Steps.size() == 1 && BodyIndex::isLocalVar(Root) &&
                    !Root->getType()->isPointerType() &&
                    !Root->getType()->isReferenceType();
    if (A.HandleExpr) {
      // The object as written (`mutex_` in `mutex_.Lock()`), also when a
      // wrapper's summary locks a field of it.
      A.Name = spellHandle(stripToObject(A.HandleExpr), C.Ctx);
    } else if (Root) {
      A.Name = Root->getNameAsString();
    }
    push(std::move(A), K);
    return;
  }
  }
}

void Collector::addGuard(const CXXConstructExpr *CE) {
  if (CE->getNumArgs() == 0 || !C.Guards.matches(guardDeclOf(CE->getType())))
    return;
  const VarDecl *V = C.Body.initialisedVar(CE);
  if (!V || !V->hasLocalStorage())
    return;
  for (const Expr *Arg : CE->arguments())
    if (lockTagOf(Arg) != LockTag::None)
      return;
  for (const Expr *Arg : CE->arguments()) {
    QualType T = Arg->getType().getNonReferenceType();
    if (!isLockableType(T))
      continue;
    HandleKey K;
    if (!C.KeyOf.keyOf(Arg, K, true))
      continue;
    Acquisition A;
    A.Origin = Acquisition::Guard;
    A.Site = CE;
    A.GuardVar = V;
    A.HandleExpr = Arg;
    A.IsLock = true;
    // Reentrancy from the catalog: the family of the type's `lock()`.
    A.Reentrant = isRecursiveLockableType(T);
    if (const auto *RD = T->getAsCXXRecordDecl())
      for (const CXXMethodDecl *M : RD->methods())
        if (M->getIdentifier() && isBlockingLockMethodName(M->getName()))
          if (const Acquire *R = C.Roles.catalog().acquireRuleFor(M)) {
            A.Reentrant = R->Fam->Reentrant;
            break;
          }
    A.Name = spellHandle(stripToObject(Arg), C.Ctx);
    A.Scope = C.Body.enclosingCompound(CE);
    unsigned I = push(std::move(A), K);
    C.GuardAcqs[V].push_back(I);
  }
}

/// Handle \p K is one the function acquires.
bool Collector::acquiredHere(const HandleKey &K) const {
  const unsigned Id = C.Keys.find(K);
  return Id != ~0u && llvm::any_of(C.acqs(), [&](const Acquisition &A) {
           return A.Key == Id && !A.isSeed();
         });
}

/// Every key a release in the body names, and the seeds: parameters and
/// outside locks the function releases, held by the caller on entry (their
/// fate at the exits is what a release summary says).
void Collector::addReleasesAndSeeds() {
  std::optional<StorageOrigins> Origins;
  for (const Expr *E : C.Body.candidates()) {
    bool NonHeap = false;
    for (const ReleaseRole &R : C.Roles.releases(E)) {
      HandleKey K;
      const bool Keyed =
          CallRoles::keyFor(E, R.Handle, R.Rule->Fam->IsLock, C.KeyOf, K);
      // A block the function acquires has no storage of its own to find.
      if (!NonHeap && R.Rule->Fam->Kind == "memory" && !R.Handle.Fixed &&
          R.Handle.Fields.empty() && !(Keyed && acquiredHere(K)))
        if (const Expr *HE = RuleCatalog::handleExpr(E, R.Handle.Spec)) {
          if (!Origins)
            Origins.emplace(C.Body);
          if (std::optional<StorageOrigin> O = Origins->of(HE)) {
            C.Out.NonHeapCandidates.push_back({E, HE, *O});
            NonHeap = true;
          }
        }
      if (!Keyed)
        continue;
      C.Out.noteReleaseInBody(C.Keys.intern(K), R.Rule->Fam);
      const ValueDecl *Root = K.root();
      bool Param = Root && isa<ParmVarDecl>(Root);
      bool Outside = K.isThisBased() ||
                     (Root && isa<VarDecl>(Root) &&
                      !cast<VarDecl>(Root)->hasLocalStorage());
      // `delete this`: a member that releases its own object (a summary
      // may make it a release of the object it is called on).
      const bool ThisItself = K.isThisBased() && K.Steps.size() == 1;
      if (!Param && !ThisItself && !(Outside && R.Rule->Fam->IsLock))
        continue;
      if (Param && K.Steps.size() > 1 && !R.Rule->Fam->IsLock)
        continue; // a handle stored in the parameter's object: not ours
      unsigned Id = C.Keys.find(K);
      if (llvm::any_of(C.acqs(), [&](const Acquisition &A) {
            return A.isSeed() && A.Key == Id;
          }))
        continue;
      Acquisition A;
      A.Origin = Acquisition::Seed;
      A.Fam = R.Rule->Fam;
      A.Rule = R.Rule->Fam->Acquires.empty() ? nullptr
                                              : &R.Rule->Fam->Acquires.front();
      A.IsLock = R.Rule->Fam->IsLock;
      A.Reentrant = R.Rule->Fam->Reentrant;
      A.SeedDecl = Param ? Root : nullptr;
      if (Param && K.Steps.size() == 1) {
        A.HandleVar = dyn_cast<VarDecl>(Root);
        C.SeedVars.insert(Root);
      }
      A.Scope = C.Body.body();
      A.Name = Root ? Root->getNameAsString() : "this";
      push(std::move(A), K);
    }
  }
}

bool Collector::run() {
  // First the acquires whose handle is a value (they decide which variables
  // hold handles, so those are never read as aliases), then the others.
  llvm::SmallVector<std::pair<const Expr *, const AcquireRole *>, 8> Later;
  findStandardCloses();
  for (const Expr *E : C.Body.candidates()) {
    if (const AcquireRole *Role = C.Roles.acquire(E)) {
      HandleSpec::KindT K = Role->Rule->Handle.Kind;
      if (K == HandleSpec::Return || K == HandleSpec::Out)
        addCall(E, *Role);
      else
        Later.push_back({E, Role});
    } else {
      for (const AcquireRole &Each : C.Roles.acquireEach(E))
        Later.push_back({E, &Each});
    }
  }
  for (auto &[E, Role] : Later)
    addCall(E, *Role);
  for (const Expr *E : C.Body.candidates())
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
        CE && !C.AcqsAt.count(CE))
      addGuard(CE);
  addMoves();
  addReleasesAndSeeds();
  findLostOnFailure(C);
  unsigned Guards = 0, Others = 0;
  for (const Acquisition &A : C.acqs())
    (A.isGuard() ? Guards : Others) += 1;
  // A lone guard is correct by construction; two may deadlock, and a guard
  // whose lock is released by hand needs the dataflow too.
  bool GuardReleasedByHand = false;
  for (const Acquisition &A : C.acqs())
    if (A.isGuard() && C.Out.releasedInBody(A.Key, nullptr))
      GuardReleasedByHand = true;
  // In a coroutine a lone guard may be held where it suspends.
  return Others > 0 || Guards > 1 || GuardReleasedByHand || ReturnsAcquire ||
         !C.Out.LostOnFailures.empty() || !C.Out.DroppedHandles.empty() ||
         !C.Out.NonHeapCandidates.empty() ||
         (Guards > 0 && isa<CoroutineBodyStmt>(C.Fn->getBody()));
}

bool collectAcquisitions(FunctionContext &C) { return Collector(C).run(); }

} // namespace clang::tidy::raii
