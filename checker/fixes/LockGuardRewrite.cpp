//===- LockGuardRewrite.cpp - manual lock/unlock pairs into guards --------===//
//
// The entry points of LockGuardRewrite.h: one lock planned by the Planner
// (LockGuardPlanner.h), the locks of one `std::lock(a, b)` together, the
// locked object spelled for a guard and whether it stays the same object,
// and the names the rewrites hand out in a translation unit.
//
//===----------------------------------------------------------------------===//
#include "fixes/LockGuardPlanner.h"
#include "catalog/Vocabulary.h"
#include "support/GuardNaming.h"
#include "support/Instantiation.h"
#include "support/Lockables.h"
#include "clang/AST/ExprCXX.h"
#include <functional>

namespace clang::tidy::raii {

GuardNamer &guardRewriteNamer() {
  static GuardNamer N;
  return N;
}

namespace lockguard {

llvm::DenseMap<const Expr *, std::string> &lockEachFixed() {
  static llvm::DenseMap<const Expr *, std::string> Fixed;
  return Fixed;
}

/// `std::lock(a, b, ...)`: the locks it takes are rewritten together. With
/// C++17 and no release before the end of the block, one
/// `std::scoped_lock lock_a_b(a, b);` in its place; otherwise the call
/// stays and one guard per lock adopts it right after (`std::lock_guard
/// lock_a(a, std::adopt_lock);`, a `std::unique_lock` for a lock released
/// earlier, whose release becomes `lock_a.unlock()`).
GuardRewrite planLockEach(const FunctionAnalysis &FA, unsigned Acq,
                          llvm::StringRef Template, ASTContext &Ctx) {
  const auto *Call = cast<CallExpr>(FA.Acquisitions[Acq].Site);
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  llvm::SmallVector<unsigned, 4> Group;
  for (unsigned J = 0; J < FA.Acquisitions.size(); ++J)
    if (FA.Acquisitions[J].Site == Call)
      Group.push_back(J);
  if (Group.size() != Call->getNumArgs())
    return GuardRewrite::refused("an argument of '" + calleeName(Call) +
                                 "' is no lock the rules know");
  if (auto It = lockEachFixed().find(FA.Acquisitions[Acq].HandleExpr);
      It != lockEachFixed().end()) {
    GuardRewrite Covered;
    Covered.Covered = true;
    Covered.DeclaredGuard = It->second;
    return Covered;
  }
  // Every lock must be rewritable on its own.
  std::vector<std::unique_ptr<Planner>> Parts;
  llvm::SmallVector<llvm::SmallVector<const Expr *, 2>, 4> Kept;
  bool AnyKept = false;
  for (unsigned J : Group) {
    if (FA.Acquisitions[J].Releases.empty())
      return GuardRewrite::refused("'" + FA.Acquisitions[J].Name +
                                   "' is not unlocked by hand in this function");
    Parts.push_back(std::make_unique<Planner>(
        FA, J, LockGuardForm::Standard, Template, Ctx));
    for (unsigned K : Group)
      if (K != J)
        for (const Expr *R : FA.Acquisitions[K].Releases)
          Parts.back()->addSibling(R);
    Kept.emplace_back();
    if (auto Why = Parts.back()->prepare(Kept.back()))
      return GuardRewrite::refused(*Why);
    AnyKept |= !Kept.back().empty();
  }
  const CompoundStmt *Scope = Parts.front()->scope();
  const Stmt *LockStmt = Parts.front()->lockStmt();
  GuardRewrite Out;
  if (LO.CPlusPlus17 && !AnyKept) {
    llvm::SmallVector<const Expr *, 4> Objs;
    std::string Args;
    for (const auto &P : Parts) {
      Objs.push_back(stripToObject(P->obj()));
      Args += (Args.empty() ? "" : ", ") + P->objText();
    }
    std::string Name = guardRewriteNamer().freshName(
        FA.Fn, Scope, guardNameBase(Objs), Ctx);
    Out.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Call->getSourceRange()),
        "std::scoped_lock " + Name + "(" + Args + ")"));
    for (const auto &P : Parts) {
      P->editReleases({}, Name, Out);
      lockEachFixed()[P->obj()] = "std::scoped_lock";
    }
  } else {
    std::string Indent;
    for (unsigned I = 0; I < Parts.size(); ++I) {
      const Planner &P = *Parts[I];
      std::string Name = guardRewriteNamer().freshName(
          FA.Fn, Scope, guardNameBase({stripToObject(P.obj())}), Ctx);
      // (`std::scoped_lock` takes its adopt tag first; this one reads as
      // the single-lock fixes do.)
      std::string Guard =
          Kept[I].empty() ? "std::lock_guard" : "std::unique_lock";
      lockEachFixed()[P.obj()] = Guard;
      if (!LO.CPlusPlus17)
        Guard += P.templateArgs(P.objType());
      std::string Decl = Guard + " " + Name + "(" + P.objText() +
                         ", std::adopt_lock);";
      if (I == 0) { // the declarations: one insertion, the first fix
        auto First = insertStatementAfter(LockStmt, Decl, SM, LO);
        if (!First)
          return GuardRewrite::refused("the lock cannot be edited");
        // "\n" + the statement's indentation + the declaration.
        Indent = First->CodeToInsert.substr(
            1, First->CodeToInsert.size() - 1 - Decl.size());
        Out.Fixes.push_back(*First);
      } else {
        Out.Fixes.front().CodeToInsert += "\n" + Indent + Decl;
      }
      P.editReleases(Kept[I], Name, Out);
    }
  }
  Out.DeclaredGuard = lockEachFixed()[FA.Acquisitions[Acq].HandleExpr];
  return Out;
}

} // namespace lockguard

using lockguard::lockEachFixed;
using lockguard::planLockEach;
using lockguard::Planner;

std::optional<LockedObject> lockedObjectOf(const CXXMemberCallExpr *MC,
                                           const SourceManager &SM,
                                           const LangOptions &LO,
                                           std::string &Why) {
  const Expr *Object = MC->getImplicitObjectArgument();
  if (!Object) {
    Why = "the lock is not a member call";
    return std::nullopt;
  }
  LockedObject Out;
  Out.Obj = Object;
  Out.Type = Object->getType();
  const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
  if (const auto *This = dyn_cast<CXXThisExpr>(Object->IgnoreParenImpCasts());
      This && This->isImplicit()) {
    Out.Text = "*this";
    Out.Type = Out.Type->getPointeeType();
  } else {
    if (Object->getBeginLoc().isMacroID()) {
      Why = "the locked object is written in a macro";
      return std::nullopt;
    }
    Out.Text = Lexer::getSourceText(
                   CharSourceRange::getTokenRange(Object->getSourceRange()),
                   SM, LO)
                   .str();
    if (ME && ME->isArrow()) {
      Out.Text = "*" + Out.Text;
      Out.Type = Out.Type->getPointeeType();
    }
  }
  if (Out.Text.empty() || Out.Type.isNull()) {
    Why = "the locked object cannot be spelled";
    return std::nullopt;
  }
  Out.NameBase = Out.Text == "*this" ? std::string("lock_this")
                                     : guardNameBase({stripToObject(Object)});
  return Out;
}

std::optional<std::string> unstableObject(const Expr *E, const BodyIndex &Body,
                                          ASTContext &Ctx) {
  if (E->HasSideEffects(Ctx))
    return std::string("the locked object is computed with a side effect");
  // A value read: a variable or member under an lvalue-to-rvalue cast.
  std::function<std::optional<std::string>(const Stmt *, bool)> Walk =
      [&](const Stmt *S, bool Read) -> std::optional<std::string> {
    if (!S)
      return std::nullopt;
    if (isa<CallExpr, CXXConstructExpr, LambdaExpr>(S))
      return std::string("the locked object is computed by a call");
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(S))
      return Walk(IC->getSubExpr(), IC->getCastKind() == CK_LValueToRValue);
    if (const auto *P = dyn_cast<ParenExpr>(S))
      return Walk(P->getSubExpr(), Read);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!Read)
        return std::nullopt; // the object itself
      // A value read through a reference or a structured binding: what it
      // names may be written through another name.
      if (!V || V->getType()->isReferenceType())
        return "'" + DRE->getDecl()->getNameAsString() +
               "' may hold another value when the guard releases";
      if (V->hasLocalStorage() && Body.isUnchanged(V))
        return std::nullopt;
      return "'" + V->getNameAsString() + "' may hold another value when "
             "the guard releases";
    }
    if (const auto *ME = dyn_cast<MemberExpr>(S); ME && Read)
      return "'" + ME->getMemberDecl()->getNameAsString() +
             "' may hold another value when the guard releases";
    for (const Stmt *C : S->children())
      if (auto Why = Walk(C, false))
        return Why;
    return std::nullopt;
  };
  return Walk(E, false);
}

GuardRewrite planLockGuardRewrite(const FunctionAnalysis &FA, unsigned Acq,
                                  LockGuardForm Form,
                                  llvm::StringRef GuardTemplate,
                                  ASTContext &Ctx) {
  const Acquisition &A = FA.Acquisitions[Acq];
  const auto *Call = dyn_cast_or_null<CallExpr>(A.Site);
  if (Form == LockGuardForm::Standard && Call &&
      !isa<CXXMemberCallExpr>(Call) &&
      isLockEachFunction(Call->getDirectCallee()) && A.HandleExpr &&
      !isInInstantiatedContext(FA.Fn))
    return planLockEach(FA, Acq, GuardTemplate, Ctx);
  return Planner(FA, Acq, Form, GuardTemplate, Ctx).run();
}

bool lockedByCall(const Acquisition &A) {
  const auto *C = dyn_cast_or_null<CallExpr>(A.Site);
  return A.IsLock && A.Rule && A.Fam && C && !isa<CXXMemberCallExpr>(C) &&
         A.Rule->Handle.Kind == HandleSpec::Arg &&
         A.Rule->Handle.Index < C->getNumArgs();
}

bool isRewritableLockGuard(llvm::StringRef Guard) {
  return Guard == "std::lock_guard" || Guard == "std::scoped_lock" ||
         Guard == "std::unique_lock" || Guard == "std::shared_lock";
}

llvm::StringRef lockGuardHeader(llvm::StringRef Guard) {
  return Guard == "std::shared_lock" ? "<shared_mutex>" : "<mutex>";
}

void resetGuardRewriteNames() {
  guardRewriteNamer().reset();
  lockEachFixed().clear();
}

} // namespace clang::tidy::raii
