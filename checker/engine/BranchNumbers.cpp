//===- BranchNumbers.cpp - descriptor numbers a test compares with -------===//
//
// The numbers a test of a descriptor compares it with that the function
// means to fill: the standard descriptors 0 to 2 it dup2s onto or fills
// in a loop (`if (fd > 2) close(fd);`, `while (fd <= 2) fd =
// open("/dev/null", ..);`), and a number a parameter names that it dup2s
// onto (`if (nfd != fd) { dup2(nfd, fd); close(nfd); }`). Used by
// trueMeansAcquired (BranchTests.cpp).
//
//===----------------------------------------------------------------------===//
#include "engine/BranchFactsImpl.h"
#include "engine/CalleeBodies.h"
#include "engine/LoopParts.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii::branch {

/// The function calls `dup2(V, P)` or `dup3(V, P, ..)` (the C library's):
/// it moves the descriptor \p V onto the number parameter \p P names.
bool dupedOntoParam(const FunctionContext &C, const VarDecl *V,
                    const ParmVarDecl *P) {
  auto Names = [](const Expr *E, const ValueDecl *D) {
    const auto *R = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return D && R && R->getDecl()->getCanonicalDecl() == D->getCanonicalDecl();
  };
  for (const Expr *E : C.Body.candidates()) {
    const auto *Call = dyn_cast<CallExpr>(E);
    const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
    if (FD && FD->getIdentifier() &&
        (FD->getName() == "dup2" || FD->getName() == "dup3") &&
        isCLibraryFunction(FD) &&
        Call->getNumArgs() >= 2 && Names(Call->getArg(0), V) &&
        Names(Call->getArg(1), P))
      return true;
  }
  return false;
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

/// \p S holds a `return`, a `goto` or a `break` of the loop around it (not
/// of a loop or `switch` inside \p S).
static bool leavesLoop(const Stmt *S, bool Nested) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (isa<ReturnStmt, GotoStmt, IndirectGotoStmt>(S))
    return true;
  if (isa<BreakStmt>(S))
    return !Nested;
  const bool Inner = Nested || BodyIndex::isLoop(S) || isa<SwitchStmt>(S);
  return llvm::any_of(S->children(),
                      [&](const Stmt *C) { return leavesLoop(C, Inner); });
}

/// \p F, a test of the handle against the standard descriptors (`fd <=
/// 2`), sits in a loop around the acquire: the loop acquires again while
/// the descriptor is one of them, kept open on purpose (`while (fd <= 2)
/// fd = open("/dev/null", O_RDWR);`, `while ((fd = dup(null)) >= 0) if
/// (fd > 2) { close(fd); break; }`).
bool fillsStandardRange(const FunctionContext &C, const CondFact &F,
                        const Acquisition &A) {
  if (!F.Ref || !A.Site || A.Origin != Acquisition::Call)
    return false;
  // The same acquire each round: no variable its arguments read changes
  // (`open("/dev/null", O_RDWR)`, `dup(null)`; not `open(names[i], ..)`).
  const auto *Call = dyn_cast<CallExpr>(A.Site);
  if (!Call)
    return false;
  std::function<bool(const Stmt *)> Varies = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *R = dyn_cast<DeclRefExpr>(S))
      if (isa<VarDecl>(R->getDecl()) &&
          C.Body.writtenAfter(R->getDecl(), A.Site))
        return true;
    return llvm::any_of(S->children(), Varies);
  };
  if (llvm::any_of(Call->arguments(), Varies))
    return false;
  const Stmt *Loop = nullptr;
  for (const Stmt *L = C.Body.enclosingLoop(A.Site); L && !Loop;
       L = C.Body.enclosingLoop(L))
    if (C.Body.isAncestor(L, F.Ref))
      Loop = L;
  if (!Loop)
    return false;
  // Where the descriptor is a standard one, the loop goes on, and where it
  // is above them, it ends: the loop's own condition is true on the
  // standard side, or the `if` testing it has no jump on that side and
  // one on the other (`if (fd > 2) { close(fd); break; }`).
  const bool StandardWhenTrue = !F.TrueMeansNonzero;
  const Stmt *Child = F.Ref;
  for (const Stmt *P = C.Body.parent(F.Ref); P && P != Loop;
       Child = P, P = C.Body.parent(P))
    if (const auto *If = dyn_cast<IfStmt>(P); If && Child == If->getCond()) {
      const Stmt *Side = StandardWhenTrue ? If->getThen() : If->getElse();
      const Stmt *Above = StandardWhenTrue ? If->getElse() : If->getThen();
      return (!Side || !BodyIndex::containsJump(Side)) && Above &&
             leavesLoop(Above, false);
    }
  const Expr *Cond = loopCondition(Loop);
  return StandardWhenTrue && Cond && Child == Cond;
}

} // namespace clang::tidy::raii::branch
