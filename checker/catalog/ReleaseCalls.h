//===- ReleaseCalls.h - is this statement a known release? ----------------===//
//
// Some checks ask one question of a statement: does it only give a resource
// back (`free(p)`, `fclose(f)`, `m.unlock()`, `delete p`)? The rules catalog
// answers it: the shipped rule files plus the user's `RaiiRuleFiles`.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_RELEASECALLS_H
#define RAII_TIDY_SUPPORT_RELEASECALLS_H

#include "clang/AST/Stmt.h"

namespace clang::tidy::raii {

class RuleCatalog;

/// True if \p S (an expression statement, looking through casts to void) is a
/// call to a release of some family in \p Catalog, or a `delete`.
bool isReleaseCall(const Stmt *S, const RuleCatalog &Catalog);

} // namespace clang::tidy::raii

#endif
