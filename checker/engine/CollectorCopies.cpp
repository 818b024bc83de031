//===- CollectorCopies.cpp - what follows a copy of a handle variable -----===//
//
// The collector's CopyFate (CollectorImpl.h): from a copy `To = From` of a
// handle variable into a local, each path of a CFG of the function's own
// (exception edges included) is followed to the first statement that
// releases either name, gives either another value, returns either or
// stores it outside the function's locals, or gives the source to a
// function the file cannot see. Built only for functions with such a
// copy; the solver's CFG comes later.
//
//===----------------------------------------------------------------------===//
#include "engine/CalleeBodies.h"
#include "engine/Collector.h"
#include "engine/CollectorImpl.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"
#include "clang/Analysis/CFGStmtMap.h"

namespace clang::tidy::raii {

bool Collector::ensureCFG() {
  if (!CopyCtxTried) {
    CopyCtxTried = true;
    CopyCtx = std::make_unique<AnalysisDeclContext>(nullptr, C.Fn);
    // Every sub-expression an element (an assignment's left side is one);
    // exception edges as the solver's CFG has them (a handler releasing
    // the source is a path of its own).
    CFG::BuildOptions &BO = CopyCtx->getCFGBuildOptions();
    BO.setAllAlwaysAdd();
    BO.AddEHEdges = C.Ctx.getLangOpts().CXXExceptions;
    if (CFG *G = CopyCtx->getCFG())
      Dom = std::make_unique<CFGDomTree>(G);
  }
  return Dom && CopyCtx->getCFGStmtMap();
}

/// \p E calls a project function the file has no body of, giving it
/// variable \p V (through value-keeping casts) as a parameter that is not
/// a pointer to const (one that only reads it, `log_text(const char *)`,
/// neither keeps nor releases it).
static bool givesToUnseen(const Expr *E, const Decl *V) {
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *FD = Call ? calledFunction(Call) : nullptr;
  if (!FD || FD->hasBody() || isLibraryFunction(FD))
    return false;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const auto *R = dyn_cast<DeclRefExpr>(ignoreValueCasts(Call->getArg(I)));
    if (!R || R->getDecl()->getCanonicalDecl() != V)
      continue;
    const QualType PT = I < FD->getNumParams()
                            ? FD->getParamDecl(I)->getType()
                            : QualType();
    if (PT.isNull() || !PT->isPointerType() ||
        !PT->getPointeeType().isConstQualified())
      return true;
  }
  return false;
}

const Collector::CopyFate &Collector::fateOf(const BodyIndex::Copy &Cp) {
  auto [It, New] = Fates.try_emplace({Cp.Where, Cp.To});
  CopyFate &F = It->second;
  if (!New)
    return F;
  const CFGStmtMap *Map = ensureCFG() ? CopyCtx->getCFGStmtMap() : nullptr;
  const CFGBlock *Start = Map ? Map->getBlock(Cp.Where) : nullptr;
  if (!Start)
    return F;
  const Decl *From = Cp.From->getCanonicalDecl();
  const Decl *To = Cp.To->getCanonicalDecl();
  HandleKey FromKey, ToKey;
  FromKey.addDecl(Cp.From);
  ToKey.addDecl(Cp.To);
  bool SawCopy = false, Against = false, For = false;
  bool SourceReleased = false;
  llvm::SmallVector<const BinaryOperator *, 2> Overwrites;
  // The copy's variable is still alive at \p W, reached from the copy: W
  // sits in its scope, and where W comes before the copy, round a loop
  // inside that scope (not a later round's fresh variable).
  const Stmt *ToScope = scopeOfVar(Cp.To, C.Body.body());
  const SourceManager &SM = C.Ctx.getSourceManager();
  auto Alive = [&](const Stmt *W) {
    if (!C.Body.isAncestor(ToScope, W))
      return false;
    if (!SM.isBeforeInTranslationUnit(W->getBeginLoc(),
                                      Cp.Where->getBeginLoc()))
      return true;
    for (const Stmt *L = C.Body.enclosingLoop(Cp.Where);
         L && C.Body.isAncestor(ToScope, L); L = C.Body.enclosingLoop(L))
      if (C.Body.isAncestor(L, W))
        return true;
    return false;
  };
  // Follows block B from the element after the copy (FromCopy) or from its
  // start, to the first event or back to the copy; true if the path goes
  // on into B's successors.
  auto Scan = [&](const CFGBlock *B, bool FromCopy) {
    bool On = !FromCopy;
    for (const CFGElement &El : *B) {
      auto CS = El.getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *S = CS->getStmt();
      if (S == Cp.Where) {
        if (!On) {
          On = SawCopy = true;
          continue;
        }
        return false; // round a loop to the copy again
      }
      if (!On)
        continue;
      if (const auto *E = dyn_cast<Expr>(S);
          E && isa<CallExpr, CXXDeleteExpr>(E)) {
        if (releases(E, ToKey)) {
          For = true; // released through the copy
          return false;
        }
        if (releases(E, FromKey)) {
          // Through the source, the copy still a copy.
          Against = SourceReleased = true;
          return false;
        }
        // The source given to a function the file cannot see, which may
        // release or keep it (`node_unref(new)` on an error path).
        if (givesToUnseen(E, From)) {
          Against = true;
          return false;
        }
      }
      // Returned: the copy hands the handle out (`p = tmp; return p;`
      // after a realloc into a temporary); the source, it stays a copy.
      // So does a store outside the function's locals (`s->data = data;`).
      if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
        // (Through a copy returning its destination, `return strcat(p,
        // name);`.)
        const auto *R = dyn_cast_or_null<DeclRefExpr>(
            Ret->getRetValue() ? ignoreIdentityCalls(Ret->getRetValue())
                               : nullptr);
        const Decl *D = R ? R->getDecl()->getCanonicalDecl() : nullptr;
        if (D == To)
          For = true;
        else if (D == From)
          Against = true;
        if (D == To || D == From)
          return false;
        continue;
      }
      const auto *DRE = dyn_cast<DeclRefExpr>(S);
      const Decl *D = DRE ? DRE->getDecl()->getCanonicalDecl() : nullptr;
      if (D != From && D != To)
        continue;
      // `*(&p)` of a macro given `&p` stands for p.
      const Stmt *Place = DRE;
      if (const auto *Addr =
              dyn_cast_or_null<UnaryOperator>(C.Body.parent(DRE));
          Addr && Addr->getOpcode() == UO_AddrOf) {
        const Stmt *Up = C.Body.parent(Addr);
        while (isa_and_nonnull<ParenExpr>(Up))
          Up = C.Body.parent(Up);
        if (const auto *Deref = dyn_cast_or_null<UnaryOperator>(Up);
            Deref && Deref->getOpcode() == UO_Deref)
          Place = Deref;
      }
      const Stmt *Up = C.Body.parent(Place);
      while (isa_and_nonnull<ParenExpr>(Up))
        Up = C.Body.parent(Up);
      const auto *BO = dyn_cast_or_null<BinaryOperator>(Up);
      if (!BO || BO->getOpcode() != BO_Assign ||
          BO->getLHS()->IgnoreParens() != Place) {
        const Stmt *Child = nullptr;
        const auto *Store = dyn_cast_or_null<BinaryOperator>(
            C.Body.valueParent(Place, &Child));
        if (Store && Store->getOpcode() == BO_Assign &&
            Store->getRHS()->IgnoreParens() == Child &&
            !inLocal(Store->getLHS())) {
          (D == To ? For : Against) = true;
          return false;
        }
        continue; // a read
      }
      // The copy given another value, or gone with its scope when the
      // source gets one.
      if (D == To || !Alive(BO)) {
        Against = true;
        return false;
      }
      For = true;
      // An overwrite the move can sit at: reached only through the copy
      // (not in the copy's block before it, which runs once before it),
      // and, given by an acquire, not one that releases the source itself
      // (`buf = realloc(buf, n)`: the copy would hold what it frees).
      const Expr *V = ignoreValueCasts(BO->getRHS());
      if (!(B == Start && !FromCopy) &&
          (B == Start || Dom->dominates(Start, B)) &&
          !(C.AcqsAt.count(V) && releases(V, FromKey)) &&
          !llvm::is_contained(Overwrites, BO))
        Overwrites.push_back(BO);
      return false;
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
  const bool Goes = Scan(Start, /*FromCopy=*/true);
  // Not an element of its block (a declaration the CFG split in parts):
  // where it runs is unknown.
  if (!SawCopy)
    return F;
  if (Goes)
    Next(Start);
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (Scan(B, /*FromCopy=*/false))
      Next(B);
  }
  F.TakesOver = For && !Against;
  F.SourceReleased = SourceReleased;
  F.Overwrites = std::move(Overwrites);
  return F;
}

} // namespace clang::tidy::raii
