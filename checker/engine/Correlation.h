//===- Correlation.h - results that need the body's shape -----------------===//
//
// After the dataflow, two facts about an acquisition come from where its
// statements sit rather than from the paths; both say that no guard fits:
//
//   - released outside its branch: acquired in a branch of an `if` and
//     released in a branch of another (`if (c) lock(); ... if (c)
//     unlock();`, correct when the paths agree on c, which the dataflow
//     decides): a guard declared at the acquire would die with the branch;
//   - released at once: every release is the statement right after the
//     acquire (`fclose(fopen(p, "a"))` written in two lines): nothing would
//     run under a guard.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_CORRELATION_H
#define RAII_TIDY_ENGINE_CORRELATION_H

#include "engine/FunctionContext.h"

namespace clang::tidy::raii {

void markBodyShapeFacts(FunctionContext &C);

} // namespace clang::tidy::raii

#endif
