//===- CCleanupRewrite.h - C handles into <raii/cleanup.h> variables ------===//
//
// C has no destructors; GCC and Clang run a variable's
// `__attribute__((cleanup(f)))` function at every exit from its scope. This
// plans the rewrite of one C handle acquisition (`char *p = malloc(n);`,
// `FILE *f = fopen(..)`, `int fd = open(..)`, `DIR *d = opendir(..)`) into
// a variable declared with the runtime's prefix (`RAII_AUTOFREE`,
// `RAII_AUTOFILE`, `RAII_AUTOFD`, `RAII_AUTODIR`), or for another release
// function (`sqlite3_close`) `RAII_AUTO(sqlite3_close)` with the helper
// `RAII_DEFINE_CLEANUP` defines (fixes/CleanupDefinition):
//
//  - the prefix goes on the variable's declaration (which gets the invalid
//    value, `NULL` or `-1`, when it had no initialiser);
//  - a release where leaving the variable's block would release anyway
//    (the block's last statement, or right before a `return`, or a
//    `break` / `continue` / `goto` that leaves the block) is deleted, also
//    when it is guarded by a test of the handle (`if (p) free(p);`);
//  - a release followed by more code stays and resets the variable
//    (`free(p); p = NULL;`), so the cleanup does nothing there;
//  - paths that leaked are released by the cleanup: the one change of
//    behaviour, and the point of the fix.
//
// Refused, with a one-line reason: macros, a handle handed off, given to a
// callee that may keep it or passed to any function outside the C library,
// copied or returned, a variable that is not a local declared on its
// own, assigned anything but the acquire and the invalid value, given more
// than one handle, or whose address is taken, releases through another
// function or outside the variable's block, a jump into the block past the
// declaration (a `goto`, a `case` label, a computed goto).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_FIXES_CCLEANUPREWRITE_H
#define RAII_TIDY_FIXES_CCLEANUPREWRITE_H

#include "fixes/LockGuardRewrite.h"

namespace clang::tidy::raii {

/// The `<raii/cleanup.h>` prefix for handles released by \p Release
/// (`free`, `fclose`, `close`, `closedir`), or empty if it has none.
llvm::StringRef cleanupPrefixFor(llvm::StringRef Release);

/// Plans the rewrite of acquisition \p Acq of \p FA (a C handle released
/// by one function taking only the handle) into a cleanup variable. The
/// include of <raii/cleanup.h> is the caller's.
GuardRewrite planCCleanupRewrite(const FunctionAnalysis &FA, unsigned Acq,
                                 ASTContext &Ctx);

} // namespace clang::tidy::raii

#endif
