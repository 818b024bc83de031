//===- CollectorMoves.cpp - handles that move from one local to another ---===//
//
// The collector's moves (see CollectorImpl.h): `p = tmp;` between two
// locals that both hold handles, an inner block's handle variable stored
// into a local that outlives it, a local given a place's handle: each is
// an acquisition of its own at the copy, taken over from its source.
//
//===----------------------------------------------------------------------===//
#include "engine/Collector.h"
#include "engine/CollectorImpl.h"
#include "engine/LocalStores.h"
#include "clang/Analysis/CFGStmtMap.h"

namespace clang::tidy::raii {

bool Collector::movesOutOfBlock(const BodyIndex::Copy &Cp) const {
  if (!BodyIndex::isLocalVar(Cp.To) || Cp.To->getType()->isReferenceType() ||
      !BodyIndex::isLocalVar(Cp.From))
    return false;
  // A local that only ever copies it is its alias already (HandleKey).
  if (C.Body.copySource(Cp.To) == Cp.From->getCanonicalDecl())
    return false;
  const Stmt *FromDecl = C.Body.declStmtOf(Cp.From);
  const Stmt *ToDecl = C.Body.declStmtOf(Cp.To);
  if (!FromDecl || !ToDecl)
    return false;
  const Stmt *FromScope = C.Body.enclosingCompound(FromDecl);
  const Stmt *ToScope = C.Body.enclosingCompound(ToDecl);
  if (FromScope == ToScope || !C.Body.isAncestor(ToScope, FromScope) ||
      !C.Body.isAncestor(FromScope, Cp.Where))
    return false;
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

bool Collector::copyIntoLocal(const BodyIndex::Copy &Cp) const {
  // What the source's reads and writes are must be all in the body: no
  // address taken, no capture, no cleanup function reading it at its
  // scope's end (`g_auto(GStrv) lines`).
  if (!C.Body.writtenOnlyByName(Cp.From) || Cp.From->hasAttr<CleanupAttr>())
    return false;
  return BodyIndex::isLocalVar(Cp.To) && !isa<ParmVarDecl>(Cp.To) &&
         !Cp.To->getType()->isReferenceType() &&
         Cp.To->getCanonicalDecl() != Cp.From->getCanonicalDecl() &&
         C.KeyOf.copiedHandle(Cp.To) == nullptr;
}

bool Collector::ensureCFG() {
  if (!LiveTried) {
    LiveTried = true;
    LiveCtx = std::make_unique<AnalysisDeclContext>(nullptr, C.Fn);
    // Every sub-expression an element: the reads and writes liveness sees.
    LiveCtx->getCFGBuildOptions().setAllAlwaysAdd();
    if (LiveCtx->getCFG())
      Live = LiveCtx->getAnalysis<LiveVariables>();
  }
  return Live && LiveCtx->getCFGStmtMap();
}

bool Collector::sourceDeadAfter(const BodyIndex::Copy &Cp) {
  const CFGStmtMap *Map = ensureCFG() ? LiveCtx->getCFGStmtMap() : nullptr;
  const CFGBlock *B = Map ? Map->getBlock(Cp.Where) : nullptr;
  if (!B)
    return false;
  const Decl *From = Cp.From->getCanonicalDecl();
  bool After = false;
  for (const CFGElement &El : *B) {
    auto CS = El.getAs<CFGStmt>();
    if (!CS)
      continue;
    const Stmt *S = CS->getStmt();
    if (!After) {
      After = S == Cp.Where;
      continue;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(S);
    if (!DRE || DRE->getDecl()->getCanonicalDecl() != From)
      continue;
    // The first mention decides: a plain assignment's left side gives it
    // another value; anything else reads it.
    const auto *BO = dyn_cast_or_null<BinaryOperator>(C.Body.parent(DRE));
    return BO && BO->getOpcode() == BO_Assign &&
           BO->getLHS()->IgnoreParens() == DRE;
  }
  return After && !Live->isLive(B, cast<VarDecl>(Cp.From));
}

llvm::SmallVector<const BinaryOperator *, 2>
Collector::overwritesAfter(const BodyIndex::Copy &Cp) {
  llvm::SmallVector<const BinaryOperator *, 2> Found;
  const CFGStmtMap *Map = ensureCFG() ? LiveCtx->getCFGStmtMap() : nullptr;
  const CFGBlock *Start = Map ? Map->getBlock(Cp.Where) : nullptr;
  if (!Start)
    return Found;
  if (!Dom)
    Dom = std::make_unique<CFGDomTree>(LiveCtx->getCFG());
  const Decl *From = Cp.From->getCanonicalDecl();
  HandleKey FromKey;
  FromKey.addDecl(Cp.From);
  // Scans block B from the element after Cp's (or its start) to the end,
  // or to Cp again; true if the path goes on into B's successors.
  auto Scan = [&](const CFGBlock *B, bool FromCopy) {
    bool On = !FromCopy;
    for (const CFGElement &El : *B) {
      auto CS = El.getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *S = CS->getStmt();
      if (S == Cp.Where) {
        if (!On) {
          On = true;
          continue;
        }
        return false; // round a loop to the copy again
      }
      if (!On)
        continue;
      // Released through the source first: nothing left to move.
      if (const auto *E = dyn_cast<Expr>(S);
          E && isa<CallExpr, CXXDeleteExpr>(E) && releases(E, FromKey))
        return false;
      const auto *DRE = dyn_cast<DeclRefExpr>(S);
      if (!DRE || DRE->getDecl()->getCanonicalDecl() != From)
        continue;
      const auto *BO = dyn_cast_or_null<BinaryOperator>(C.Body.parent(DRE));
      if (BO && BO->getOpcode() == BO_Assign &&
          BO->getLHS()->IgnoreParens() == DRE) {
        // Reached only through the copy, and not given by an acquire of
        // the source's own (that acquire would see the source still
        // holding before the assignment moves it).
        if ((B == Start || Dom->dominates(Start, B)) &&
            !C.AcqsAt.count(BO->getRHS()->IgnoreParenCasts()) &&
            !llvm::is_contained(Found, BO))
          Found.push_back(BO);
        return false;
      }
    }
    return true;
  };
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen;
  llvm::SmallVector<const CFGBlock *, 16> Work;
  auto Next = [&](const CFGBlock *B) {
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (const CFGBlock *S = Succ.getReachableBlock();
          S && Seen.insert(S).second)
        Work.push_back(S);
  };
  if (Scan(Start, /*FromCopy=*/true))
    Next(Start);
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (Scan(B, /*FromCopy=*/false))
      Next(B);
  }
  return Found;
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
  // The copy is the only value its local is ever given, the source still
  // read after it (else the copy takes the handle at once), and the
  // function releases the handle through the copy.
  if (!C.KeyOf.isHandleRoot(Cp.From) || !copyIntoLocal(Cp) ||
      C.KeyOf.isHandleRoot(Cp.To) || C.Body.writeCount(Cp.To) != 1)
    return;
  HandleKey From, To;
  From.addDecl(Cp.From);
  To.addDecl(Cp.To);
  const unsigned FromKey = C.Keys.find(From);
  const Acquisition *Src =
      FromKey == ~0u ? nullptr : moveSource(FromKey, /*Locks=*/false);
  if (!Src || !releasedAfter(To, Cp) || sourceDeadAfter(Cp))
    return;
  for (const BinaryOperator *W : overwritesAfter(Cp)) {
    C.KeyOf.addHandleRoot(Cp.To);
    Acquisition A = moveOf(*Src, FromKey);
    A.Site = W;
    A.HandleVar = Cp.To;
    A.Scope = scopeOfVar(Cp.To, C.Body.enclosingCompound(Cp.Where));
    A.Name = Cp.To->getNameAsString();
    const unsigned I = push(std::move(A), To);
    // Before the assignment's own moves: the source's handle goes to the
    // copy, then the source gets its new one.
    auto &At = C.AcqsAt[W];
    std::rotate(At.begin(), std::prev(At.end()), At.end());
    assert(At.front() == I);
    (void)I;
  }
}

/// `p = tmp;` between two locals that both hold handles, or an inner
/// block's handle variable stored into a local that outlives it
/// (movesOutOfBlock: `grown = malloc(..); ...; buf = grown;`): the handle
/// moves.
void Collector::addMoves() {
  for (const BodyIndex::Copy &Cp : C.Body.copies()) {
    // Into a handle variable, or into a parameter (`z = t;` after
    // `t = realloc(z, n)`), or into a local through which alone the
    // function releases the handle from then on (`ressave = res;` before
    // `res = res->ai_next` walks the list, `freeaddrinfo(ressave)`).
    //
    // Or into a local, where the source is read no more (sourceDeadAfter:
    // `old = buf; buf = malloc(2 * n); .. free(old);`, `head = node;`
    // pushing onto a list): the copy is all that holds the handle.
    if (!(C.KeyOf.isHandleRoot(Cp.To) || isa<ParmVarDecl>(Cp.To) ||
          (C.KeyOf.isHandleRoot(Cp.From) &&
           (movesOutOfBlock(Cp) || releasedOnlyThroughCopy(Cp) ||
            (copyIntoLocal(Cp) && sourceDeadAfter(Cp))))) ||
        !C.KeyOf.isHandleRoot(Cp.From) ||
        Cp.To->getCanonicalDecl() == Cp.From->getCanonicalDecl())
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
  // the place moves on into the local.
  for (const BodyIndex::Load &L : C.Body.indirectLoads()) {
    if (!C.KeyOf.isHandleRoot(L.To) ||
        !(C.Body.ownedAggregate(L.From) || C.Body.pointeeLocal(L.From)))
      continue;
    HandleKey From, To;
    if (!C.KeyOf.keyOf(L.From, From, /*StripDeref=*/true))
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
    To.addDecl(L.To);
    push(std::move(A), To);
  }
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
