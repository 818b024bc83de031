//===- ReleaseSkippedCheck.cpp - raii-release-skipped ---------------------===//
#include "ReleaseSkippedCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

static std::string throwerName(const Stmt *S, ASTContext &Ctx) {
  if (isa<CXXNewExpr>(S))
    return "'new'";
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
    return "the constructor of '" +
           CE->getType().getAsString(Ctx.getPrintingPolicy()) + "'";
  if (const auto *C = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *FD = C->getDirectCallee())
      return "'" + FD->getNameAsString() + "'";
  return "the call";
}

void ReleaseSkippedCheck::report(const FunctionAnalysis &FA, ASTContext &Ctx) {
  for (const Acquisition &A : FA.Acquisitions) {
    if (A.isGuard() || !A.Reached || !A.HeldAtExit)
      continue;
    // A lock taken on an object the function did not create and released on
    // no path is an acquire wrapper: the caller releases it.
    if (A.IsLock && !A.LocalObject && !A.ReleasedSomewhere)
      continue;
    // Released on no path at all: say so. Where it is handed off on some
    // paths or acquired again while held, the notes still show the exits
    // that lose it; otherwise every exit does, and naming them is noise.
    if (!A.ReleasedSomewhere) {
      diag(A.diagLoc(), "'%0' acquired by '%1' is never released%select{|, "
                        "and not handed off on every path}2")
          << A.Name << A.acquireName() << A.Escaped;
      bool Overwritten = llvm::any_of(A.Skips, [](const SkipCause &C) {
        return C.Kind == SkipCause::Overwrite;
      });
      if (!A.Escaped && !Overwritten)
        continue;
    } else {
      llvm::StringRef Guard =
          Ctx.getLangOpts().CPlusPlus ? guardFor(*A.Fam) : llvm::StringRef();
      if (Guard.empty())
        diag(A.diagLoc(),
             "'%0' acquired by '%1' is not released on every path")
            << A.Name << A.acquireName();
      else
        diag(A.diagLoc(), "'%0' acquired by '%1' is not released on every "
                          "path; hold it in '%2' to release it automatically")
            << A.Name << A.acquireName() << Guard;
    }
    // Every exit is named, except that exceptions are capped: in code that
    // never expected them, a list of every call that may throw is noise.
    const unsigned MaxExceptionNotes = 3;
    unsigned Exceptions = 0;
    for (const SkipCause &C : A.Skips) {
      if (C.Kind == SkipCause::Exception && ++Exceptions > MaxExceptionNotes)
        continue;
      SourceLocation Loc =
          C.Where ? C.Where->getBeginLoc() : FA.Fn->getBody()->getEndLoc();
      if (C.Where && isa<CallExpr>(C.Where))
        Loc = exprDiagLoc(cast<Expr>(C.Where));
      switch (C.Kind) {
      case SkipCause::Return:
      case SkipCause::Break:
      case SkipCause::Continue:
      case SkipCause::Goto:
      case SkipCause::Throw: {
        static const char *const Jumps[] = {"return", "break", "continue",
                                            "goto", "throw"};
        diag(Loc, "release of '%0' is skipped by this %1", DiagnosticIDs::Note)
            << A.Name << Jumps[C.Kind];
        break;
      }
      case SkipCause::Exception:
        diag(Loc, "release of '%0' is skipped when %1 throws an exception",
             DiagnosticIDs::Note)
            << A.Name << throwerName(C.Where, Ctx);
        break;
      case SkipCause::FunctionEnd:
        diag(Loc, "release of '%0' is skipped when the function ends here",
             DiagnosticIDs::Note)
            << A.Name;
        break;
      case SkipCause::Overwrite:
        diag(Loc, "'%0' is acquired again here while it still holds the "
                  "earlier resource",
             DiagnosticIDs::Note)
            << A.Name;
        break;
      }
    }
    if (Exceptions > MaxExceptionNotes)
      diag(A.diagLoc(),
           "release of '%0' is also skipped when %plural{1:1 other call "
           "throws|:any of %1 other calls throws}1",
           DiagnosticIDs::Note)
          << A.Name << Exceptions - MaxExceptionNotes;
  }
}

} // namespace clang::tidy::raii
