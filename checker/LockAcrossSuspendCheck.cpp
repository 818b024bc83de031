//===- LockAcrossSuspendCheck.cpp - raii-lock-across-suspend --------------===//
#include "LockAcrossSuspendCheck.h"
#include "support/Lockables.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

/// Locks made for coroutines: acquiring them suspends instead of blocking,
/// and they may be released on any thread.
static constexpr llvm::StringLiteral DefaultAllowedLockTypes =
    "folly::coro::Mutex;folly::coro::SharedMutex;folly::coro::SharedMutexFair;"
    "cppcoro::async_mutex;cppcoro::async_mutex_lock;coro::mutex;"
    "coro::shared_mutex;coro::scoped_lock;concurrencpp::async_lock;"
    "concurrencpp::scoped_async_lock;seastar::shared_mutex;"
    "boost::cobalt::channel";

LockAcrossSuspendCheck::LockAcrossSuspendCheck(llvm::StringRef Name,
                                               ClangTidyContext *Context)
    : ResourceCheck(Name, Context),
      AllowedLockTypesOpt(
          Options.get("AllowedLockTypes", DefaultAllowedLockTypes).str()),
      AllowedAwaitablesOpt(Options.get("AllowedAwaitables", "").str()),
      AllowedLockTypes(utils::options::parseStringList(AllowedLockTypesOpt)),
      AllowedAwaitables(
          utils::options::parseStringList(AllowedAwaitablesOpt)) {}

void LockAcrossSuspendCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ResourceCheck::storeOptions(Opts);
  Options.store(Opts, "AllowedLockTypes", AllowedLockTypesOpt);
  Options.store(Opts, "AllowedAwaitables", AllowedAwaitablesOpt);
}

/// The class or typedef naming \p T, looking through references, pointers
/// and qualifiers.
static const NamedDecl *typeDecl(QualType T) {
  T = T.getNonReferenceType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  if (const auto *TT = T->getAs<TypedefType>())
    return TT->getDecl();
  if (const auto *RD = T->getAsCXXRecordDecl()) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      return Spec->getSpecializedTemplate();
    return RD;
  }
  if (const auto *TD = T->getAsTagDecl())
    return TD;
  return nullptr;
}

bool LockAcrossSuspendCheck::allowedLock(const Acquisition &A) const {
  llvm::SmallVector<QualType, 2> Types;
  if (A.isGuard()) {
    Types.push_back(A.GuardVar->getType());
    Types.push_back(A.HandleExpr->getType());
  } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(A.Site)) {
    Types.push_back(MC->getImplicitObjectArgument()->getType());
  } else if (A.Rule) {
    if (const Expr *H = RuleCatalog::handleExpr(A.Site, A.Rule->Handle))
      Types.push_back(H->getType());
  }
  return llvm::any_of(Types, [&](QualType T) {
    // Both the typedef as written and the class behind it.
    if (const NamedDecl *D = typeDecl(T); D && AllowedLockTypes.matches(D))
      return true;
    const NamedDecl *D = typeDecl(T.getCanonicalType());
    return D && AllowedLockTypes.matches(D);
  });
}

bool LockAcrossSuspendCheck::allowedAwaitable(const Expr *Suspend) const {
  if (AllowedAwaitables.empty())
    return false;
  const auto *S = cast<CoroutineSuspendExpr>(Suspend);
  for (const Expr *E : {S->getOperand(), S->getCommonExpr()}) {
    if (!E)
      continue;
    const NamedDecl *D = typeDecl(E->getType());
    if (D && AllowedAwaitables.matches(D))
      return true;
  }
  return false;
}

void LockAcrossSuspendCheck::report(const FunctionAnalysis &FA,
                                    ASTContext &Ctx) {
  for (const HeldAtSuspend &H : FA.HeldAtSuspends) {
    const Acquisition &A = FA.Acquisitions[H.Acq];
    if (allowedLock(A) || allowedAwaitable(H.Suspend))
      continue;
    const auto *S = cast<CoroutineSuspendExpr>(H.Suspend);
    diag(S->getKeywordLoc(),
         "coroutine suspends at '%select{co_await|co_yield}0' while '%1' "
         "%select{may be|is}2 locked; the lock can be released on another "
         "thread, and code waiting for it while the coroutine is suspended "
         "deadlocks")
        << isa<CoyieldExpr>(S) << A.Name << H.OnEveryPath;
    if (A.isGuard() || H.AdoptedBy) {
      const VarDecl *Guard = A.isGuard() ? A.GuardVar : H.AdoptedBy;
      diag(Guard->getLocation(), "'%0' is held by guard %1 since here",
           DiagnosticIDs::Note)
          << A.Name << Guard;
    }
    else
      diag(A.diagLoc(), "'%0' is locked here", DiagnosticIDs::Note) << A.Name;
    noteWrapper(A.Via, A.ViaSite, "acquires the lock");
  }
}

} // namespace clang::tidy::raii
