//===- CleanupDefinition.h - the cleanup helpers C fixes define -----------===//
//
// <raii/cleanup.h> has ready-made cleanups for free, fclose, close, closedir
// and pthread mutexes. A C fix for any other release function (a user
// family's `sqlite3_close`, C11's `mtx_unlock`, `sem_post`) declares its
// variable with `RAII_AUTO(release)`, which needs the helper that
// `RAII_DEFINE_CLEANUP(type, release)` defines at file scope. This file
// decides where that definition goes and inserts it once per file and
// translation unit, before the first function whose fix uses it (above the
// comment lines over it, and outside the preprocessor conditionals around
// it); a helper the unit already declares (a second `--fix` run, the
// project's own) is used as it is when it takes the variable's type. A
// release the file also defines as a macro (in some configuration) gets no
// helper.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_FIXES_CLEANUPDEFINITION_H
#define RAII_TIDY_FIXES_CLEANUPDEFINITION_H

#include "clang/AST/Decl.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>
#include <string>

namespace clang::tidy::raii {

/// How the helper skips the invalid value before it releases.
enum class CleanupInvalid {
  Zero,    ///< `RAII_DEFINE_CLEANUP`: a null pointer (or 0)
  Negative ///< `RAII_DEFINE_CLEANUP_FD`: any negative descriptor
};

struct CleanupDefinition {
  /// The `RAII_DEFINE_CLEANUP(...)` to insert, if this fix is the unit's
  /// first to need it.
  std::optional<FixItHint> Insert;
  std::string Refusal; ///< why the helper cannot be had; empty if it can
};

/// The helper `raii_cleanup_<release>` for a cleanup variable of type
/// \p VarType released by \p Release, in the file of function \p Fn (the
/// function being fixed).
CleanupDefinition cleanupDefinition(const FunctionDecl *Release,
                                    QualType VarType, CleanupInvalid Invalid,
                                    const FunctionDecl *Fn, ASTContext &Ctx);

/// Forgets the definitions of the last translation unit.
void resetCleanupDefinitions();

} // namespace clang::tidy::raii

#endif
