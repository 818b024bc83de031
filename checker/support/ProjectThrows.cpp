//===- ProjectThrows.cpp - the scan for the project's throws and trys -----===//
#include "support/ProjectThrows.h"
#include "support/ProjectScan.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii {

namespace {

/// \p S calls a function or constructor the project declares (outside
/// system headers) by name.
bool callsProject(const Stmt *S, const SourceManager &SM) {
  if (!S)
    return false;
  const Decl *Callee = nullptr;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    Callee = CE->getCalleeDecl();
  else if (const auto *CC = dyn_cast<CXXConstructExpr>(S))
    Callee = CC->getConstructor();
  if (Callee && isa<FunctionDecl>(Callee) &&
      Callee->getLocation().isValid() &&
      !SM.isInSystemHeader(Callee->getLocation()))
    return true;
  for (const Stmt *C : S->children())
    if (callsProject(C, SM))
      return true;
  return false;
}

/// \p S calls code it does not name, which may be the project's: through a
/// pointer to a function or member, a `std::function`, or a call a
/// template leaves dependent.
bool callsUnnamed(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(CE->getCalleeDecl());
    if (!FD)
      return true;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD);
        MD && MD->getOverloadedOperator() == OO_Call &&
        MD->getParent()->getIdentifier() &&
        MD->getParent()->getName() == "function" &&
        MD->getParent()->isInStdNamespace())
      return true;
  }
  for (const Stmt *C : S->children())
    if (callsUnnamed(C))
      return true;
  return false;
}

/// \p T's handlers catch `std::bad_alloc`, and else only `std::exception`
/// and `...`: the safety net around a whole program or task run through a
/// callback (nghttp2's `run_app`: `return app(argc, argv);` through a
/// `std::function`, "Out of memory", what(), "Unknown exception caught"),
/// which expects the allocator's and the library's exceptions, not the
/// project's.
bool safetyNetHandlers(const CXXTryStmt *T) {
  bool OutOfMemory = false;
  for (unsigned I = 0; I < T->getNumHandlers(); ++I) {
    QualType Caught = T->getHandler(I)->getCaughtType();
    if (Caught.isNull())
      continue; // `...`
    const auto *RD = Caught.getNonReferenceType()->getAsCXXRecordDecl();
    if (!RD || !RD->getIdentifier() || !RD->isInStdNamespace())
      return false;
    if (RD->getName() == "bad_alloc")
      OutOfMemory = true;
    else if (RD->getName() != "exception")
      return false;
  }
  return OutOfMemory;
}

/// \p T is no evidence that the project's functions throw: its block calls
/// none of the project's functions by name, and either calls only the
/// library's (powertop's `try { stream ops } catch (const std::exception
/// &)`, whatever the handlers catch) or is the safety net above around a
/// callback. A `try` around a call of the project's own, or of code it does
/// not name, is taken to expect that call to throw.
bool noEvidence(const CXXTryStmt *T, const SourceManager &SM) {
  const Stmt *Block = T->getTryBlock();
  return !callsProject(Block, SM) &&
         (safetyNetHandlers(T) || !callsUnnamed(Block));
}

/// \p D is a function a header defines that the translation unit never
/// refers to: its code is the project's other code, as a function of
/// another file is (znc's `Modules.h`, `void Unload() { throw UNLOAD; }`,
/// in a unit that loads no module). A template's pattern stands for the
/// instantiations it may have, and a virtual function for the calls that
/// reach it through another class's (clang marks an override used only
/// where the unit builds an object of its class): both are looked at.
bool unreferencedHeaderFunction(const Decl *D, const SourceManager &SM) {
  const auto *FD = dyn_cast<FunctionDecl>(D);
  if (!FD || !FD->doesThisDeclarationHaveABody() ||
      FD->isDependentContext() || FD->isReferenced() || FD->isUsed(false))
    return false;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->isVirtual())
    return false;
  SourceLocation L = SM.getExpansionLoc(FD->getLocation());
  return L.isValid() && !SM.isInMainFile(L);
}

/// \p Thrown is `std::bad_alloc` or a class of the library derived from
/// it (`std::bad_array_new_length`): thrown by a replacement `operator new`, a
/// shared-memory allocator (jackd2's JackShmMem, tcmalloc's `operator
/// new`). That allocation may fail by exception says nothing of the
/// project's other functions, unless allocation is taken to throw.
bool outOfMemory(QualType Thrown) {
  const CXXRecordDecl *RD = Thrown.getNonReferenceType()->getAsCXXRecordDecl();
  auto BadAlloc = [](const CXXRecordDecl *R) {
    return R->getIdentifier() && R->getName() == "bad_alloc" &&
           R->isInStdNamespace();
  };
  if (!RD || !RD->hasDefinition() || !RD->isInStdNamespace())
    return false;
  if (BadAlloc(RD))
    return true;
  return !RD->forallBases(
      [&](const CXXRecordDecl *Base) { return !BadAlloc(Base); });
}

class Scan : public ProjectScan<Scan> {
public:
  Scan(const SourceManager &SM, bool OutOfMemoryCounts)
      : ProjectScan(SM), SrcMgr(SM), OutOfMemoryCounts(OutOfMemoryCounts) {}
  const SourceManager &SrcMgr;
  const bool OutOfMemoryCounts;
  bool Found = false;

  bool TraverseDecl(Decl *D) {
    if (D && unreferencedHeaderFunction(D, SrcMgr))
      return true;
    return ProjectScan::TraverseDecl(D);
  }

  /// The handlers the traversal is in, innermost last.
  llvm::SmallVector<const CXXCatchStmt *, 2> Handlers;
  bool TraverseCXXCatchStmt(CXXCatchStmt *S) {
    Handlers.push_back(S);
    const bool Go = ProjectScan::TraverseCXXCatchStmt(S);
    Handlers.pop_back();
    return Go;
  }
  bool VisitCXXThrowExpr(CXXThrowExpr *E) {
    // What it throws; a rethrow, what its handler caught (tcmalloc's
    // `catch (const std::bad_alloc &) { if (!nothrow) throw; }`).
    QualType Thrown;
    if (E->getSubExpr())
      Thrown = E->getSubExpr()->getType();
    else if (!Handlers.empty())
      Thrown = Handlers.back()->getCaughtType();
    return (!OutOfMemoryCounts && !Thrown.isNull() && outOfMemory(Thrown)) ||
           !(Found = true);
  }
  bool VisitCXXTryStmt(CXXTryStmt *T) {
    return noEvidence(T, SrcMgr) || !(Found = true);
  }
  bool VisitObjCAtThrowStmt(ObjCAtThrowStmt *) { return !(Found = true); }
  bool VisitObjCAtTryStmt(ObjCAtTryStmt *) { return !(Found = true); }
};

} // namespace

bool projectThrowsOrCatches(const ASTContext &Ctx, bool OutOfMemoryCounts) {
  Scan S(Ctx.getSourceManager(), OutOfMemoryCounts);
  S.TraverseDecl(Ctx.getTranslationUnitDecl());
  return S.Found;
}

} // namespace clang::tidy::raii
