//===- LockGuardSpelling.cpp - the edits of a lock's guard ----------------===//
//
// The Planner's edits (LockGuardPlanner.h), once placement is decided: the
// guard's declaration in each form (a standard guard, a library's guard,
// `raii::scope_exit`, the C cleanup macros) and each release deleted or
// kept with the guard told of it.
//
//===----------------------------------------------------------------------===//
#include "fixes/LockGuardPlanner.h"
#include "support/GuardNaming.h"
#include "support/GuardTypes.h"
#include "support/Lockables.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::raii::lockguard {

void Planner::editReleases(llvm::ArrayRef<const Expr *> Kept,
                           llvm::StringRef Name, GuardRewrite &Out) const {
  for (const Expr *R : A.Releases)
    if (llvm::is_contained(Kept, R))
      Out.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(R->getSourceRange()),
          Name.str() + ".unlock()"));
    else
      Out.Fixes.push_back(deleteStatement(statementOf(R), SM, LO));
}

GuardRewrite Planner::guardAfterLock(
    const std::string &Decl, const std::string &Disarm,
    llvm::function_ref<bool(const Expr *, llvm::StringRef)> EditRelease,
    GuardRewrite &Out) {
  auto Guard = insertStatementAfter(LockStmt, Decl, SM, LO);
  if (!Guard)
    return refuse("the lock cannot be edited");
  Out.Fixes.push_back(*Guard);
  for (const Expr *R : A.Releases)
    if (!EditRelease(R, Disarm))
      return refuse("a release cannot be edited");
  return std::move(Out);
}

GuardRewrite Planner::spell(llvm::ArrayRef<const Expr *> Kept) {
  // A family taken by a call whose release is no unlock (`pthread_mutexattr_
  // init` / `_destroy`) is named for what its guard does: `destroy_attr`.
  llvm::StringRef Verb = "lock";
  if (!ReleaseCallee.empty()) {
    std::string Lower = llvm::StringRef(ReleaseCallee).lower();
    llvm::StringRef Last = llvm::StringRef(ReleaseCallee).rsplit('_').second;
    if (!llvm::any_of(std::initializer_list<llvm::StringRef>{
                          "unlock", "post", "leave", "release"},
                      [&](llvm::StringRef W) {
                        return llvm::StringRef(Lower).contains(W);
                      }) &&
        !Last.empty() && llvm::all_of(Last, llvm::isAlpha))
      Verb = Last;
  }
  std::string Name = guardRewriteNamer().freshName(
      FA.Fn, Scope,
      NameBase.empty() ? guardNameBase({stripToObject(Obj)}, Verb) : NameBase,
      Ctx);
  GuardRewrite Out;
  auto EditRelease = [&](const Expr *R, llvm::StringRef After) {
    if (!llvm::is_contained(Kept, R)) {
      Out.Fixes.push_back(deleteStatement(statementOf(R), SM, LO));
      return true;
    }
    // The release stays, and the guard is told it happened.
    const Stmt *S = statementOf(R);
    auto Edit = S ? insertStatementAfter(S, After, SM, LO) : std::nullopt;
    if (Edit)
      Out.Fixes.push_back(*Edit);
    return Edit.has_value();
  };
  switch (Form) {
  case LockGuardForm::Standard: {
    std::string Guard = Template.str();
    if ((!Kept.empty() || TryIf) &&
        (Template == "std::lock_guard" || Template == "std::scoped_lock"))
      Out.DeclaredGuard = Guard = "std::unique_lock"; // the message says so
    if (!LO.CPlusPlus17)
      Guard += templateArgs(ObjType);
    if (TryIf) { // `if (lock_m.owns_lock())` after the guard
      if (TryIf->getBeginLoc().isMacroID())
        return refuse("the 'if' is written in a macro");
      const std::string How =
          TryArg ? text(TryArg->getSourceRange()) : "std::try_to_lock";
      if (How.empty())
        return refuse("the try-lock's argument cannot be spelled");
      Out.Fixes.push_back(insertStatementBefore(
          TryIf, Guard + " " + Name + "(" + ObjText + ", " + How + ");", SM));
      Out.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Lock->getSourceRange()),
          Name + ".owns_lock()"));
    } else {
      Out.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Lock->getSourceRange()),
          Guard + " " + Name + "(" + ObjText + ")"));
    }
    editReleases(Kept, Name, Out);
    return Out;
  }
  case LockGuardForm::Library: {
    std::optional<LockGuardShape> Shape = lockGuardShape(Ctx, Template, ObjType);
    if (!Shape)
      return refuse("'" + Template.str() + "' is not declared in this "
                    "translation unit with a constructor taking the lock");
    if (!Kept.empty() && !Shape->HasUnlock)
      return refuse("a release is followed by more code, and '" +
                    Template.str() + "' cannot unlock before its scope ends");
    std::string Guard = Template.str();
    if (Shape->IsTemplate && !LO.CPlusPlus17)
      Guard += templateArgs(ObjType);
    // `&m`, and `p` for `*p`, `this` for `*this`.
    std::string Arg = ObjText;
    if (Shape->ByPointer)
      Arg = llvm::StringRef(ObjText).starts_with("*")
                ? ObjText.substr(1)
                : "&" + ObjText;
    Out.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Lock->getSourceRange()),
        Guard + " " + Name + "(" + Arg + ")"));
    editReleases(Kept, Name, Out);
    return Out;
  }
  case LockGuardForm::ScopeExit:
    return guardAfterLock("raii::scope_exit " + Name + "([&] { " +
                              ReleaseCallee + "(" + ObjText + "); });",
                          Name + ".release();", EditRelease, Out);
  case LockGuardForm::CCleanupLock: {
    if (!LO.C99 && !LO.CPlusPlus)
      return refuse("'RAII_AUTO' declares a variable after the lock, which "
                    "needs C99");
    std::string Type = ObjType.getAsString(Ctx.getPrintingPolicy());
    if (!Type.empty() && Type.back() != '*')
      Type += ' ';
    return guardAfterLock("RAII_AUTO(" + ReleaseCallee + ") " + Type + Name +
                              " = " + ObjText + ";",
                          Name + " = NULL;", EditRelease, Out);
  }
  case LockGuardForm::CMutexGuard:
    if (!LO.C99 && !LO.CPlusPlus && blockOf(LockStmt)->body_front() != LockStmt)
      // GNU C89 compiles it, but projects that stay on C89 usually build
      // with -Wdeclaration-after-statement.
      return refuse("'RAII_MUTEX_GUARD' declares a variable after statements, "
                    "which needs C99");
    Out.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(LockStmt->getSourceRange()),
        "RAII_MUTEX_GUARD(" + Name + ", " + ObjText + ")"));
    for (const Expr *R : A.Releases)
      if (!EditRelease(R, Name + " = NULL;"))
        return refuse("a release cannot be edited");
    return Out;
  }
  return refuse("unknown guard form");
}

} // namespace clang::tidy::raii::lockguard
