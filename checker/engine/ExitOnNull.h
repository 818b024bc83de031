//===- ExitOnNull.h - where a failed realloc loses the block --------------===//
//
// `p = realloc(p, n);` (any release that happens only when the call
// succeeds, stored over the very argument it releases) loses the block p
// held when realloc fails; `tmp = realloc(buf, n)` does not, even where
// `buf = tmp` made the two aliases: buf still holds the block. Not when p is a parameter given by value (the caller
// still holds the block), nor when the program ends right there: the next statement (or the `if` the
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

/// Records in C.Out every call of the function that loses its block so.
void findLostOnFailure(FunctionContext &C);

/// True if the path on which \p Assign (`p = realloc(p, n)`) stored null in
/// its left-hand side ends the process before anything else runs.
bool exitsWhenNull(const BinaryOperator *Assign, const FunctionContext &C);

} // namespace clang::tidy::raii

#endif
