//===- Collector.h - the acquisitions of one function ---------------------===//
//
// Before the dataflow: finds every place the function acquires (acquire
// calls of the catalog and of summaries, guard constructions on lockable
// objects, handle moves between locals) and the seeds (parameters and
// outside locks the function releases without acquiring them), and gives
// each its key, scope and name.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_COLLECTOR_H
#define RAII_TIDY_ENGINE_COLLECTOR_H

#include "engine/FunctionContext.h"

namespace clang::tidy::raii {

/// Fills \p C.Out.Acquisitions, C.AcqsAt, C.GuardAcqs and the handle roots.
/// Returns false when nothing in the function needs the dataflow (no
/// acquisition, or only a single guard).
bool collectAcquisitions(FunctionContext &C);

/// The handle as the user wrote it (`m`, `this->mu_`, `fds[0]`), also when
/// it is a macro argument; as clang prints it when written in a macro's
/// body; its declared name when either is too long.
std::string spellHandle(const Expr *E, ASTContext &Ctx);

} // namespace clang::tidy::raii

#endif
