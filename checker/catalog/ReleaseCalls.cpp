//===- ReleaseCalls.cpp ---------------------------------------------------===//
#include "catalog/ReleaseCalls.h"
#include "catalog/RuleCatalog.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

bool isReleaseCall(const Stmt *S, const RuleCatalog &Catalog) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
      Cast && Cast->getType()->isVoidType())
    E = Cast->getSubExpr()->IgnoreParenImpCasts();
  // A format release (`sqlite3_mprintf("%z", s)`) makes something too.
  const Release *R = Catalog.matchRelease(E);
  return R && R->Handle.Kind != HandleSpec::Format;
}

} // namespace clang::tidy::raii
