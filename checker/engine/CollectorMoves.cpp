//===- CollectorMoves.cpp - handles that move from one local to another ---===//
//
// The collector's moves (see CollectorImpl.h): `p = tmp;` between two
// locals that both hold handles, an inner block's handle variable stored
// into a local that outlives it, a copy into a local that takes the handle
// over (CollectorCopies.cpp), a local given a place's handle: each is an
// acquisition of its own at the copy, taken over from its source; and a
// copy that takes it over only where the source gets another value, at
// that assignment.
//
//===----------------------------------------------------------------------===//
#include "engine/Collector.h"
#include "engine/CollectorImpl.h"
#include "engine/LocalStores.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"

#include <functional>

namespace clang::tidy::raii {

bool Collector::movesOutOfBlock(const BodyIndex::Copy &Cp) const {
  if (!BodyIndex::isLocalVar(Cp.To) || Cp.To->getType()->isReferenceType() ||
      !BodyIndex::isLocalVar(Cp.From))
    return false;
  // A local that only ever copies it is its alias already (HandleKey;
  // not where the source is given several values, as in each arm of an
  // `if`).
  if (C.KeyOf.copiedHandle(Cp.To) == Cp.From->getCanonicalDecl())
    return false;
  const Stmt *FromDecl = C.Body.declStmtOf(Cp.From);
  const Stmt *ToDecl = C.Body.declStmtOf(Cp.To);
  if (!FromDecl || !ToDecl)
    return false;
  const Stmt *FromScope = C.Body.enclosingCompound(FromDecl);
  const Stmt *ToScope = C.Body.enclosingCompound(ToDecl);
  // Or the block is a statement expression whose value the copy stores
  // (`serve = g_new0(T, 1);`, GLib's `({ gpointer __p; .. __p = g_malloc0(
  // ..); .. __p; })` when optimising): its last statement hands it out.
  const auto *Yields = dyn_cast_or_null<StmtExpr>(C.Body.parent(FromScope));
  const bool YieldsFrom =
      Yields && C.Body.isAncestor(Cp.Where, Yields) &&
      !Yields->getSubStmt()->body_empty() &&
      isa<Expr>(Yields->getSubStmt()->body_back()) &&
      BodyIndex::refersTo(Yields->getSubStmt()->body_back(), Cp.From);
  if (FromScope == ToScope || !C.Body.isAncestor(ToScope, FromScope) ||
      !(C.Body.isAncestor(FromScope, Cp.Where) || YieldsFrom))
    return false;
  if (YieldsFrom)
    return true;
  if (!BodyIndex::referencedAfter(FromScope, Cp.From, Cp.Where->getEndLoc(),
                       C.Ctx.getSourceManager()))
    return true;
  // Still used in its block, but released only through the outer local
  // (`if (!(alloc = buf = malloc(n))) continue; use(buf); ..` with
  // `free(alloc)` at the next round): that local owns it, the inner one
  // borrows.
  HandleKey From, To;
  From.addDecl(Cp.From);
  To.addDecl(Cp.To);
  return !releasedAfter(From, Cp) &&
         llvm::any_of(C.Body.candidates(),
                      [&](const Expr *E) { return releases(E, To); });
}

bool Collector::copyIntoLocal(const BodyIndex::Copy &Cp,
                              bool AnySource) const {
  // What the source's reads and writes are must be all in the body: a
  // local or a by-value parameter, no address taken, no capture, no
  // cleanup function reading it at its scope's end (`g_auto(GStrv)
  // lines`); and it gets another value after the copy.
  if (!BodyIndex::isOwnedVar(Cp.From) || !C.Body.writtenOnlyByName(Cp.From) ||
      Cp.From->hasAttr<CleanupAttr>() ||
      (!AnySource && !C.Body.writtenAfter(Cp.From, Cp.Where)))
    return false;
  // The copy is of the variable itself (not `q = p + n`, a place inside).
  if (!BodyIndex::copiesWhole(Cp))
    return false;
  return BodyIndex::isLocalVar(Cp.To) && !isa<ParmVarDecl>(Cp.To) &&
         !Cp.To->getType()->isReferenceType() &&
         Cp.To->getCanonicalDecl() != Cp.From->getCanonicalDecl() &&
         C.KeyOf.copiedHandle(Cp.To) == nullptr;
}

bool Collector::intoCleanupVariable(const BodyIndex::Copy &Cp) const {
  const auto *Attr = Cp.To->getAttr<CleanupAttr>();
  if (!Attr || !BodyIndex::isLocalVar(Cp.To) ||
      Cp.To->getType()->isReferenceType() || !BodyIndex::copiesWhole(Cp))
    return false;
  const Stmt *Decl = C.Body.declStmtOf(Cp.To);
  const Stmt *FromDecl = C.Body.declStmtOf(Cp.From);
  if (const Stmt *Loop = Decl ? C.Body.enclosingLoop(Decl) : nullptr;
      Loop && !(FromDecl && C.Body.isAncestor(Loop, FromDecl)))
    return false;
  const FunctionDecl *FD = Attr->getFunctionDecl();
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def))
    return true;
  std::function<bool(const Stmt *)> Releases = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && !C.Roles.releases(Call).empty())
      return true;
    if (const auto *Del = dyn_cast<CXXDeleteExpr>(S);
        Del && C.Roles.catalog().matchRelease(Del))
      return true;
    return llvm::any_of(S->children(), Releases);
  };
  return Releases(Def->getBody());
}

/// After \p Cp, a release names its target and none its source.
bool Collector::releasedOnlyThroughCopy(const BodyIndex::Copy &Cp) const {
  if (!BodyIndex::isLocalVar(Cp.To))
    return false;
  HandleKey From, To;
  From.addDecl(Cp.From);
  To.addDecl(Cp.To);
  return releasedAfter(To, Cp) && !releasedAfter(From, Cp);
}

/// Another local than \p Cp's target only ever holds a copy of its source.
bool Collector::keptByAnotherCopy(const BodyIndex::Copy &Cp) const {
  const Decl *From = Cp.From->getCanonicalDecl();
  return llvm::any_of(C.Body.copies(), [&](const BodyIndex::Copy &O) {
    return O.From->getCanonicalDecl() == From && O.To != Cp.To &&
           BodyIndex::isLocalVar(O.To) && C.Body.copySource(O.To) == From;
  });
}

bool Collector::releases(const Expr *E, const HandleKey &K) const {
  for (const ReleaseRole &R : C.Roles.releases(E)) {
    HandleKey Released;
    if (CallRoles::keyFor(E, R.Handle, R.Rule->Fam->IsLock, C.KeyOf,
                          Released) &&
        Released == K)
      return true;
  }
  return false;
}

bool Collector::releasedAfter(const HandleKey &K,
                              const BodyIndex::Copy &Cp) const {
  const SourceManager &SM = C.Ctx.getSourceManager();
  return llvm::any_of(C.Body.candidates(), [&](const Expr *E) {
    return SM.isBeforeInTranslationUnit(Cp.Where->getEndLoc(),
                                        E->getBeginLoc()) &&
           releases(E, K);
  });
}

/// \p Src's acquire is also a release of \p K (`realloc(z, n)` of z).
bool Collector::releasesAtSite(const Acquisition &Src,
                               const HandleKey &K) const {
  const auto *Call = dyn_cast_or_null<CallExpr>(Src.Site);
  return Call && releases(Call, K);
}

void Collector::addOverwriteMoves(const BodyIndex::Copy &Cp) {
  // The copy is the only value its local is ever given, it does not take
  // the handle over at once (fateOf), and the function releases the handle
  // through it.
  if (!C.KeyOf.isHandleRoot(Cp.From) || !copyIntoLocal(Cp) ||
      C.KeyOf.isHandleRoot(Cp.To) || C.Body.writeCount(Cp.To) != 1)
    return;
  HandleKey From, To;
  From.addDecl(Cp.From);
  To.addDecl(Cp.To);
  const unsigned FromKey = C.Keys.find(From);
  const Acquisition *Src =
      FromKey == ~0u ? nullptr : moveSource(FromKey, /*Locks=*/false);
  if (!Src || !releasedAfter(To, Cp))
    return;
  const CopyFate &F = fateOf(Cp);
  if (F.TakesOver)
    return;
  for (const BinaryOperator *W : F.Overwrites) {
    C.KeyOf.addHandleRoot(Cp.To);
    Acquisition A = moveOf(*Src, FromKey);
    A.Site = W;
    A.CopiedValue = BodyIndex::copiedValue(Cp);
    A.HandleVar = Cp.To;
    A.Scope = scopeOfVar(Cp.To, C.Body.enclosingCompound(Cp.Where));
    A.Name = Cp.To->getNameAsString();
    // Given by an acquire (`buf = malloc(2 * n);`): the handle goes to the
    // copy at the acquire, before the source holds the new one (else the
    // acquire would find the source still holding).
    const Expr *V = ignoreValueCasts(W->getRHS());
    if (C.AcqsAt.count(V)) {
      C.MovesBefore[V].push_back(push(std::move(A), To, /*AtSite=*/false));
      continue;
    }
    const unsigned I = push(std::move(A), To);
    // Before the assignment's own moves: the source's handle goes to the
    // copy, then the source gets its new one.
    auto &At = C.AcqsAt[W];
    std::rotate(At.begin(), std::prev(At.end()), At.end());
    assert(At.front() == I);
    (void)I;
  }
}

/// After \p Loc, \p V's value is passed on: returned, or stored in
/// something else (`return ptr;`, `q = ptr;`, also as an arm of a `?:`,
/// `return l ? l : ptr;`); not given to a call, which
/// may only borrow it, nor used to reach a field (`c->flags`).
static bool passedOnAfter(const BodyIndex &Body, const Stmt *S,
                          const ValueDecl *V, SourceLocation Loc,
                          const SourceManager &SM) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S);
      DRE && DRE->getDecl()->getCanonicalDecl() == V->getCanonicalDecl() &&
      SM.isBeforeInTranslationUnit(Loc, DRE->getBeginLoc())) {
    const Stmt *Cur = DRE;
    const Stmt *P = Body.parent(DRE);
    // Through an arm of a `?:` too (`return list ? list : prev;`).
    while (P && (isa<ImplicitCastExpr, ParenExpr, CStyleCastExpr>(P) ||
                 (isa<ConditionalOperator>(P) &&
                  cast<ConditionalOperator>(P)->getCond() != Cur))) {
      Cur = P;
      P = Body.parent(P);
    }
    if (isa_and_nonnull<ReturnStmt, DeclStmt>(P))
      return true;
    const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
    return BO && BO->getOpcode() == BO_Assign && BO->getRHS() == Cur;
  }
  for (const Stmt *Child : S->children())
    if (passedOnAfter(Body, Child, V, Loc, SM))
      return true;
  return false;
}

/// After \p Cp, the function releases the source and never the copy, and
/// a path from the copy reaches that release with the copy still holding
/// the value (fateOf, asked only then): the copy walks or borrows the
/// handle.
bool Collector::sourceReleasedFirst(const BodyIndex::Copy &Cp) {
  HandleKey From, To;
  From.addDecl(Cp.From);
  To.addDecl(Cp.To);
  return releasedAfter(From, Cp) && !releasedAfter(To, Cp) &&
         fateOf(Cp).SourceReleased;
}

/// `p = tmp;` between two locals that both hold handles, or an inner
/// block's handle variable stored into a local that outlives it
/// (movesOutOfBlock: `grown = malloc(..); ...; buf = grown;`): the handle
/// moves.
void Collector::addMoves() {
  const SourceManager &SM = C.Ctx.getSourceManager();
  // After the copy the source is passed on (returned, stored) and the copy
  // neither released nor passed on: the copy only walks the handle (`s =
  // string; while (s) { p = strstr(s, x); .. s = p + n; } return string;`).
  auto OnlyWalks = [&](const BodyIndex::Copy &Cp) {
    HandleKey To;
    To.addDecl(Cp.To);
    const SourceLocation After = Cp.Where->getEndLoc();
    // (The source keeps its value: `s = NULL;` on one path after the copy
    // leaves the block in the copy alone there.)
    return !C.Body.writtenAfter(Cp.From, Cp.Where) &&
           passedOnAfter(C.Body, C.Fn->getBody(), Cp.From, After, SM) &&
           !passedOnAfter(C.Body, C.Fn->getBody(), Cp.To, After, SM) &&
           !releasedAfter(To, Cp);
  };
  // A pointer into the block (`m = &s->msg;`, `p = buf + 1;`) given to a
  // local, outside a loop, as its last value, after which the source is
  // never named and the local is passed on (`return m;`): the handle goes
  // with it (linuxptp's msg_allocate, whose local also takes a pooled
  // message).
  auto IntoLastPlace = [&](const BodyIndex::Copy &Cp) {
    const SourceLocation After = Cp.Where->getEndLoc();
    return BodyIndex::isLocalVar(Cp.To) && !isa<ParmVarDecl>(Cp.To) &&
           !Cp.To->getType()->isReferenceType() &&
           !BodyIndex::copiesWhole(Cp) && C.Body.writtenOnlyByName(Cp.To) &&
           !C.Body.advances(Cp.To) && !C.Body.enclosingLoop(Cp.Where) &&
           llvm::all_of(C.Body.writeSites(Cp.To),
                        [&](const Stmt *W) {
                          return !SM.isBeforeInTranslationUnit(
                              After, W->getBeginLoc());
                        }) &&
           !BodyIndex::referencedAfter(C.Fn->getBody(), Cp.From, After, SM) &&
           passedOnAfter(C.Body, C.Fn->getBody(), Cp.To, After, SM);
  };
  for (const BodyIndex::Copy &Cp : C.Body.copies()) {
    // Into a handle variable, unless only the source is released after
    // the copy (not `ai = aitop` walking the list before
    // `freeaddrinfo(aitop)`) or the variable is a cursor pointer
    // arithmetic steps (`ptr = cp = buf; while (*cp) *ptr++ = *cp++;`
    // where cp once took a realloc's result) or one that only walks the
    // handle the source passes on (OnlyWalks), or into a parameter (`z =
    // t;` after `t = realloc(z, n)`; a place inside the block as the source's last
    // use or where the parameter is passed on later, `ptr = block + 1; ..
    // return ptr;`, not where it only reaches fields or is lent, hiredis'
    // `c = &ac->c; c->flags = 0; .. return ac;`), or into a local through
    // which alone the function releases the handle from then on
    // (`ressave = res;` before `res = res->ai_next` walks the list,
    // `freeaddrinfo(ressave)`).
    //
    // Or into a local that takes the handle over (fateOf: every path from
    // the copy gives the source another value, or releases, returns or
    // stores outside the locals the copy, before it releases the source:
    // `old = buf; buf = malloc(2 * n); .. free(old);`, `head = node;`
    // pushing onto a list, `if (raw) out = data; else { .. free(data); }
    // .. free(out);`, `p = tmp; return p;`).
    // Not into a reference parameter: that stores into the caller's
    // object (apt's `Fd = iFd; return true;` for `int &Fd`), a hand-off.
    if (!C.KeyOf.isHandleRoot(Cp.From) ||
        Cp.To->getCanonicalDecl() == Cp.From->getCanonicalDecl() ||
        (isa<ParmVarDecl>(Cp.To) && Cp.To->getType()->isReferenceType()))
      continue;
    if (!((C.KeyOf.isHandleRoot(Cp.To) && !sourceReleasedFirst(Cp) &&
           !C.Body.advances(Cp.To) && !OnlyWalks(Cp)) ||
          (isa<ParmVarDecl>(Cp.To) &&
           (BodyIndex::copiesWhole(Cp) ||
            !BodyIndex::referencedAfter(C.Fn->getBody(), Cp.From,
                                        Cp.Where->getEndLoc(),
                                        C.Ctx.getSourceManager()) ||
            passedOnAfter(C.Body, C.Fn->getBody(), Cp.To,
                          Cp.Where->getEndLoc(),
                          C.Ctx.getSourceManager()))) ||
          movesOutOfBlock(Cp) || releasedOnlyThroughCopy(Cp) ||
          IntoLastPlace(Cp) ||
          intoCleanupVariable(Cp) ||
          (copyIntoLocal(Cp, /*AnySource=*/true) &&
           !C.Body.advances(Cp.To) && fateOf(Cp).TakesOver)))
      continue;
    HandleKey From, To;
    From.addDecl(Cp.From);
    To.addDecl(Cp.To);
    unsigned FromKey = C.Keys.find(From);
    if (FromKey == ~0u)
      continue;
    const Acquisition *Src = moveSource(FromKey, /*Locks=*/true);
    if (!Src)
      continue;
    // Not into a parameter that only borrows a copy another local keeps
    // for its release (sqlite3 shell's printSchemaLine: `zToFree = zNew; z
    // = zNew;`) or the source itself releases later (tesseract's `blob =
    // local_blob; ...; delete local_blob;`), unless the copy replaced the
    // parameter's own handle (`t = realloc(z, n); .. z = t;`).
    if (isa<ParmVarDecl>(Cp.To) && !C.KeyOf.isHandleRoot(Cp.To) &&
        (keptByAnotherCopy(Cp) || releasedAfter(From, Cp)) &&
        !releasesAtSite(*Src, To))
      continue;
    C.KeyOf.addHandleRoot(Cp.To);
    Acquisition A = moveOf(*Src, FromKey);
    A.Site = cast<Expr>(isa<DeclStmt>(Cp.Where)
                            ? Cp.To->getInit()
                            : static_cast<const Stmt *>(Cp.Where));
    A.HandleVar = Cp.To;
    A.Scope = scopeOfVar(Cp.To, C.Body.enclosingCompound(Cp.Where));
    A.Name = Cp.To->getNameAsString();
    push(std::move(A), To);
  }
  // Once every move above has made its handle variables: `old = buf;`
  // where buf takes another handle later.
  for (const BodyIndex::Copy &Cp : C.Body.copies())
    addOverwriteMoves(Cp);
  // `c.buf = p;`, `*pp = p;`: the handle moves into a field of a local
  // object, or into the local pp points to.
  for (const LocalStore &M : localStores(C)) {
    const unsigned FromKey = C.Keys.find(M.From);
    const Acquisition *Src =
        FromKey == ~0u ? nullptr : moveSource(FromKey, /*Locks=*/false);
    if (!Src)
      continue;
    // The object as a whole names the handle (`return c;`, `f(c)`).
    C.KeyOf.addHandleRoot(M.Object);
    Acquisition A = moveOf(*Src, FromKey);
    A.Site = M.Where;
    if (M.Through)
      A.HandleVar = M.Object;
    A.Scope = scopeOfVar(M.Object, C.Body.enclosingCompound(M.Where));
    A.Name = M.Through ? M.Object->getNameAsString()
                       : spellHandle(M.Where->getLHS(), C.Ctx);
    push(std::move(A), M.To);
  }
  // `FILE *f = u.second;`, `x = *pp;` into a local that holds handles of
  // its own (so not an alias of the place, HandleKey): what a move put in
  // the place moves on into the local. So does an element's handle (`in =
  // fds[0];` where `in` held a file before, `sock = sv[1];` in one branch
  // and `sock = socket(..)` in the other), unless the function gives the
  // element to a call that may release it after the load (`close(fds[0])`,
  // `close(fds[i])` in a loop, `close_pipe(fds)`): the local borrows it.
  for (const BodyIndex::Load &L : C.Body.indirectLoads()) {
    const bool Element = C.Body.elementOf(L.From).has_value();
    if (!C.KeyOf.isHandleRoot(L.To) ||
        !(C.Body.ownedAggregate(L.From) || C.Body.pointeeLocal(L.From) ||
          Element))
      continue;
    HandleKey From, To;
    if (!C.KeyOf.keyOf(L.From, From, /*StripDeref=*/true))
      continue;
    To.addDecl(L.To);
    if (Element && elementGivenAfter(L.From, L.Where))
      continue;
    const unsigned FromKey = C.Keys.find(From);
    const Acquisition *Src =
        FromKey == ~0u ? nullptr : moveSource(FromKey, /*Locks=*/false);
    if (!Src)
      continue;
    Acquisition A = moveOf(*Src, FromKey);
    A.Site = cast<Expr>(isa<DeclStmt>(L.Where) ? L.To->getInit() : L.Where);
    A.HandleVar = L.To;
    A.Scope = scopeOfVar(L.To, C.Body.enclosingCompound(L.Where));
    A.Name = L.To->getNameAsString();
    push(std::move(A), To);
  }
}

/// Under \p S, after \p Loc, \p Array given to a call that may release
/// element \p Index (\p Gives answers for the call): the element itself,
/// one by an index not constant, or the whole array, not another constant
/// element.
static bool givesElement(const BodyIndex &Body, const Stmt *S,
                         const VarDecl *Array, uint64_t Index,
                         SourceLocation Loc, const SourceManager &SM,
                         llvm::function_ref<bool(const Stmt *)> Gives) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S);
      DRE && DRE->getDecl()->getCanonicalDecl() == Array &&
      SM.isBeforeInTranslationUnit(Loc, DRE->getBeginLoc())) {
    const Stmt *P = Body.parent(DRE);
    while (isa_and_nonnull<ImplicitCastExpr, ParenExpr>(P))
      P = Body.parent(P);
    const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(P);
    if (AS)
      if (std::optional<BodyIndex::Element> El = Body.elementOf(AS);
          El && El->Index != Index)
        return false;
    // The argument of a call it stands in (`close(fds[0])`, `&fds[0]`,
    // `close_pipe(fds)`).
    const Stmt *Arg = AS ? static_cast<const Stmt *>(AS) : DRE;
    const Stmt *Up = Body.parent(Arg);
    while (isa_and_nonnull<ParenExpr, ImplicitCastExpr, CStyleCastExpr,
                           UnaryOperator>(Up)) {
      Arg = Up;
      Up = Body.parent(Up);
    }
    const auto *Call = dyn_cast_or_null<CallExpr>(Up);
    return Call && Call->getCallee() != Arg && Gives(Call);
  }
  return llvm::any_of(S->children(), [&](const Stmt *Child) {
    return givesElement(Body, Child, Array, Index, Loc, SM, Gives);
  });
}

bool Collector::elementGivenAfter(const Expr *Element,
                                 const Stmt *Where) const {
  std::optional<BodyIndex::Element> El = C.Body.elementOf(Element);
  // A release, or a function of the project (it may close it); not a
  // library function that only uses it (`read(fds[0], ..)`).
  auto Gives = [&](const Stmt *Call) {
    const auto *CE = cast<CallExpr>(Call);
    const FunctionDecl *FD = calledFunction(CE);
    return !C.Roles.releases(CE).empty() || !FD || !isLibraryFunction(FD);
  };
  return El && givesElement(C.Body, C.Fn->getBody(), El->Array, El->Index,
                            Where->getEndLoc(), C.Ctx.getSourceManager(),
                            Gives);
}

const Acquisition *Collector::moveSource(unsigned Key, bool Locks) const {
  const Acquisition *Src = nullptr;
  for (const Acquisition &A : C.acqs())
    if (A.Key == Key && A.Rule && (Locks || !A.IsLock))
      Src = &A;
  return Src;
}

Acquisition Collector::moveOf(const Acquisition &Src, unsigned FromKey) {
  Acquisition A;
  A.Origin = Acquisition::Move;
  A.Rule = Src.Rule;
  A.Fam = Src.Fam;
  A.LocalObject = true;
  A.MovedFromKey = FromKey;
  return A;
}

} // namespace clang::tidy::raii
