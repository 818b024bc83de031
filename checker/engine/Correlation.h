//===- Correlation.h - results that need the body's shape -----------------===//
//
// After the dataflow, some facts come from where statements sit rather
// than from the paths. A lock held at every normal exit makes a lock
// function only if each release is taken again by a later statement of
// its block or an enclosing one. Three facts about an acquisition say that
// no guard fits:
//
//   - released outside its branch: acquired in a branch of an `if` and
//     released in a branch of another (`if (c) lock(); ... if (c)
//     unlock();`, correct when the paths agree on c, which the dataflow
//     decides): a guard declared at the acquire would die with the branch;
//   - released at once: every release is the statement right after the
//     acquire (`fclose(fopen(p, "a"))` written in two lines): nothing would
//     run under a guard;
//   - the release's result used (`if (fclose(f) == EOF)`, `return
//     fclose(f) == 0;`): a guard's destructor would drop it.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_CORRELATION_H
#define RAII_TIDY_ENGINE_CORRELATION_H

#include "engine/FunctionContext.h"

namespace clang::tidy::raii {

void markBodyShapeFacts(FunctionContext &C);

} // namespace clang::tidy::raii

#endif
