//===- ExitOnNull.h - does the code after a failed realloc end the process? ===//
//
// `p = realloc(p, n);` loses the block p held when realloc fails, unless
// the program ends right there: the next statement (or the `if` the
// assignment sits in) tests p for null and calls a function that never
// returns (`if (!p) abort();`, `if (p == NULL) { perror(..); exit(1); }`,
// `assert(p);`, a `do { if (!p) die(); } while (0)` macro), or passes p to
// a function of the translation unit that never returns when it is null
// (sqlite3 shell's `shell_check_oom(p)`: `if (p == 0) oom();`).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_EXITONNULL_H
#define RAII_TIDY_ENGINE_EXITONNULL_H

#include "engine/FunctionContext.h"

namespace clang::tidy::raii {

/// True if the path on which \p Assign (`p = realloc(p, n)`) stored null in
/// its left-hand side ends the process before anything else runs.
bool exitsWhenNull(const BinaryOperator *Assign, const FunctionContext &C);

} // namespace clang::tidy::raii

#endif
