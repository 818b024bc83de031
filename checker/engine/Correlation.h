//===- Correlation.h - results that need the body's shape -----------------===//
//
// After the dataflow, two facts about an acquisition come from where its
// statements sit rather than from the paths:
//
//   - correlated: acquired under `if (c)` and released under another
//     `if (c)` with the same condition (`if (c) lock(); ... if (c)
//     unlock();`) — the path-insensitive facts see a skipped release that
//     no execution has, so it is not reported (nor offered a guard);
//   - released at once: every release is the statement right after the
//     acquire (`fclose(fopen(p, "a"))` written in two lines): nothing would
//     run under a guard, so none is suggested.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_CORRELATION_H
#define RAII_TIDY_ENGINE_CORRELATION_H

#include "engine/FunctionContext.h"

namespace clang::tidy::raii {

void markBodyShapeFacts(FunctionContext &C);

} // namespace clang::tidy::raii

#endif
