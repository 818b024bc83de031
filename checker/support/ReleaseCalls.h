//===- ReleaseCalls.h - is this statement a known release? ----------------===//
//
// Some checks ask one question of a statement: does it only give a resource
// back (`free(p)`, `fclose(f)`, `m.unlock()`, `delete p`)? Until the rules
// catalog answers it, a conservative built-in list of well-known releases
// does; this is the single place that list lives.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_RELEASECALLS_H
#define RAII_TIDY_SUPPORT_RELEASECALLS_H

#include "clang/AST/Stmt.h"

namespace clang::tidy::raii {

/// True if \p S (an expression statement, looking through casts to void) is a
/// call to a well-known release function or member, or a `delete`.
bool isReleaseCall(const Stmt *S);

} // namespace clang::tidy::raii

#endif
