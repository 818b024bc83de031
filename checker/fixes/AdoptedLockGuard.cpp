//===- AdoptedLockGuard.cpp - a finally that unlocks, as a guard ---------===//
#include "fixes/AdoptedLockGuard.h"
#include "engine/BodyIndex.h"
#include "fixes/LockGuardRewrite.h"
#include "fixes/StatementEdits.h"
#include "support/Lockables.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

/// The member call statement \p S is, or null.
static const CXXMemberCallExpr *memberCallOf(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  return E ? dyn_cast<CXXMemberCallExpr>(E->IgnoreImplicit()->IgnoreParens())
           : nullptr;
}

std::optional<AdoptedLockGuard>
planAdoptedLockGuard(const Stmt *Cleanup, const Stmt *Before,
                     const FunctionDecl *Fn, const RuleCatalog &Catalog,
                     ASTContext &Ctx) {
  const CXXMemberCallExpr *Unlock = memberCallOf(Cleanup);
  const Release *R = Unlock ? Catalog.matchRelease(Unlock) : nullptr;
  if (!R || !R->Fam || !R->Fam->IsLock || R->Handle.Kind != HandleSpec::This ||
      !Unlock->getImplicitObjectArgument())
    return std::nullopt;
  llvm::StringRef Std = R->Fam->GuardStd;
  if (!isRewritableLockGuard(Std))
    return std::nullopt;
  AdoptedLockGuard Out;
  Out.Guard = Std == "std::shared_lock" ? "std::shared_lock" : "std::lock_guard";
  Out.Header = lockGuardHeader(Out.Guard).str();

  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  // The guard adopts the lock where the new block starts, so the lock must
  // be held there: taken (not tried) by the statement right before the
  // `try`, on the object the cleanup unlocks.
  const CXXMemberCallExpr *Lock = memberCallOf(Before);
  const Acquire *A = Lock ? Catalog.matchAcquire(Lock) : nullptr;
  std::string Why;
  std::optional<LockedObject> Obj = lockedObjectOf(Unlock, SM, LO, Why);
  std::string Name = Obj ? Obj->Text : std::string("the lock");
  if (!A || A->Fam != R->Fam || A->Handle.Kind != HandleSpec::This || A->Try ||
      A->isConditional() || !Lock->getImplicitObjectArgument() ||
      !sameObject(Lock->getImplicitObjectArgument(),
                  Unlock->getImplicitObjectArgument())) {
    Out.Refusal = "'" + Name + "' is not locked right before the 'try', "
                  "where '" + Out.Guard + "' would adopt the lock";
    return Out;
  }
  if (inMacro(Before)) {
    Out.Refusal = "the lock is written in a macro";
    return Out;
  }
  if (!Obj) {
    Out.Refusal = Why;
    return Out;
  }
  // The code unlocks the object its expression names at the end; the guard
  // binds the one it names at the start.
  if (auto Unstable =
          unstableObject(Unlock->getImplicitObjectArgument(),
                         BodyIndex(Fn, Ctx), Ctx)) {
    Out.Refusal = *Unstable;
    return Out;
  }
  Out.Type = Out.Guard;
  if (!LO.CPlusPlus17)
    Out.Type += "<" +
                Obj->Type.getUnqualifiedType().getAsString(
                    Ctx.getPrintingPolicy()) +
                ">";
  Out.Args = Obj->Text + ", std::adopt_lock";
  Out.NameBase = Obj->NameBase;
  return Out;
}

} // namespace clang::tidy::raii
