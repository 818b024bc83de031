//===- ReleaseCalls.cpp ---------------------------------------------------===//
#include "support/ReleaseCalls.h"
#include "support/NameMatcher.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

// Free functions by qualified name (C functions are global). Members are
// matched by their unqualified name on any class.
static const llvm::StringRef BuiltinFreeReleases[] = {
    "::free",         "::fclose",          "::pclose",
    "::close",        "::closedir",        "::munmap",
    "::freeaddrinfo", "::globfree",        "::regfree",
    "::dlclose",      "::pthread_mutex_unlock",
    "::pthread_rwlock_unlock",             "::pthread_spin_unlock",
    "::sem_post",     "::flock",           "::funlockfile",
    "::std::free",    "::std::fclose"};
static const llvm::StringRef BuiltinMemberReleases[] = {
    "unlock", "unlock_shared", "close", "release_lock", "Unlock"};

bool isReleaseCall(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *Cast = dyn_cast<CStyleCastExpr>(E);
      Cast && Cast->getType()->isVoidType())
    E = Cast->getSubExpr()->IgnoreParenImpCasts();
  if (isa<CXXDeleteExpr>(E))
    return true;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    return MD && MD->getIdentifier() &&
           llvm::is_contained(BuiltinMemberReleases, MD->getName());
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    static const NameMatcher Free(BuiltinFreeReleases);
    const FunctionDecl *FD = Call->getDirectCallee();
    return FD && Free.matches(FD);
  }
  return false;
}

} // namespace clang::tidy::raii
