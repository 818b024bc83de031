//===- UnitCatalog.h - a check's catalog, required once per TU ------------===//
//
// The shipped rule files load on demand (RuleCatalog::require), which a
// check asks once per translation unit before its first question, not once
// per match. This is that bookkeeping, for every check that reads the
// catalog.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_CATALOG_UNITCATALOG_H
#define RAII_TIDY_CATALOG_UNITCATALOG_H

#include "catalog/RuleCatalog.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::raii {

class UnitCatalog {
public:
  explicit UnitCatalog(const RuleCatalog &Catalog) : Catalog(Catalog) {}
  /// The catalog with every rule file \p Ctx's translation unit can call
  /// loaded.
  const RuleCatalog &in(const ASTContext &Ctx) {
    if (!Required) {
      Catalog.require(Ctx.Idents);
      Required = true;
    }
    return Catalog;
  }
  /// The catalog, for code that runs after in() in this translation unit.
  const RuleCatalog &get() const { return Catalog; }
  /// At the start of a translation unit: the next in() requires again.
  void startTranslationUnit() { Required = false; }

private:
  const RuleCatalog &Catalog;
  bool Required = false;
};

} // namespace clang::tidy::raii

#endif
