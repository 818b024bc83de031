//===- HandleGuardRewrite.h - a C++ handle acquisition into a guard -------===//
//
// Plans the rewrite of one C++ handle acquisition (`FILE *f = fopen(..)`,
// `char *p = (char *)malloc(n)`, `int fd = open(..)`, `DIR *d =
// opendir(..)`, `T *p = new T`, `new T[n]`) into the guard its rule names,
// keeping the raw variable, which every use goes on reading:
//
//  - the guard is declared on a line of its own right after the acquire
//    statement, or after the failure check that follows it (`if (!p)
//    return ..;`, `if (fd < 0) throw ..;`), so it never holds an invalid
//    handle on the failure path: `std::unique_ptr<FILE, int (*)(FILE *)>
//    close_f(f, &fclose);`, `std::unique_ptr<T> delete_p(p);`,
//    `raii::unique_fd close_fd(fd);`;
//  - a release where leaving the block releases anyway (the block's last
//    statement, or right before a `return` of a value the release cannot
//    affect, or a `break` / `continue` / `goto` that leaves the block; no
//    object with a destructor dies in between) is deleted, also when a
//    validity test guards it (`if (p) free(p);`);
//  - any other release releases now through the guard: `free_p.reset()`;
//  - where the function hands the handle off (a `return` of it, a store,
//    an insertion, a call whose rule takes it) the guard lets go:
//    `return free_p.release();` with std::unique_ptr, else a
//    `free_p.release();` statement after the hand-off (before a `return`);
//  - paths that leaked (raii-release-skipped) are released by the guard
//    too: the one change of behaviour, and the point of the fix.
//
// Refused with a one-line reason: template instantiations, macros, a
// handle handed off where no statement can let go of it (one arm of `?:`,
// inside a larger statement), copied, captured, passed to a function that
// may keep it, assigned another handle or value, released through another
// function or outside the block, an acquire that is not a statement of its
// own or not in the block that declares the variable, a jump into the
// block past the guard, a pointee type the deleter cannot take or a name
// cannot spell. The shared refusals come from HandleVariable.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_FIXES_HANDLEGUARDREWRITE_H
#define RAII_TIDY_FIXES_HANDLEGUARDREWRITE_H

#include "fixes/LockGuardRewrite.h"
#include <optional>

namespace clang::tidy::raii {

/// How a guard type a rule names is declared by this rewrite.
struct HandleGuardShape {
  llvm::StringRef Header; ///< to include, without brackets: `memory`
  bool TakesRelease;      ///< constructed as `(p, &release)`, not `(p)`
  bool Runtime;           ///< one of the raii runtime's types
};

/// The shape of \p Guard (`std::unique_ptr<..>`, `raii::unique_file`,
/// `raii::unique_fd`, `raii::unique_dir`, `raii::unique_pipe`,
/// `raii::unique_malloc<T>`, `raii::unique_resource<..>`), or nullopt if
/// this rewrite does not declare it (`raii::scope_exit`).
std::optional<HandleGuardShape> handleGuardShape(llvm::StringRef Guard);

/// Plans the rewrite of acquisition \p Acq of \p FA (a handle in a C++
/// function) into a guard of type \p GuardType (the rule's guard, its `T`
/// already spelled) of shape \p Shape. The include is the caller's.
GuardRewrite planHandleGuardRewrite(const FunctionAnalysis &FA, unsigned Acq,
                                    llvm::StringRef GuardType,
                                    const HandleGuardShape &Shape,
                                    ASTContext &Ctx);

} // namespace clang::tidy::raii

#endif
