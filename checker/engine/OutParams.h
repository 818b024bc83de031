//===- OutParams.h - functions that acquire into a parameter --------------===//
//
// The summary of a function of the translation unit that hands a fresh
// handle (a pointer or a descriptor) back through a parameter instead of
// its return value:
//
//   int make(char **out) {            static void source(char *&data) {
//     char *p = malloc(n);              data = (char *)malloc(100);
//     if (!p) return -1;                if (!data) exit(-1);
//     *out = p;                       }
//     return 0;
//   }
//
// Read from the body's shape, not from its dataflow: the store into the
// parameter (`*out = ..`, or `out = ..` for a `T *&`) is a statement of the
// body's outermost block, or one in each arm of an `if` there with no
// `return` inside it, so every `return` written before it leaves without a
// handle and every one after it with one, but one in the branch that a
// null test of the slot after the store takes (`*out = malloc(n); if
// (!*out) return 0;`): that one leaves without. The returns tell the caller
// which happened: constants that differ before and after (`-1` / `0`) give
// the success convention; with no return before the store the function
// always acquires (a failure ends the program or the handle is null), and
// what the returns give does not matter unless it reads the slot (the
// handle again, `return strcpy(*out, s);`, or a convention the shape does
// not read, `return *out != NULL;`), or they all give one status local
// that only the branch testing the handle for failure changes (`int rc =
// 0; .. if (fd == -1) rc = errno; *res = fd; return rc;`): its initial
// value is success. Anything the shape cannot vouch for
// gives no summary: another non-null store, the parameter used otherwise than to
// store through it, test or read it, a `goto`, a store inside a loop or an
// `if` with one arm, arms whose acquires fail differently, a local handle
// kept or released after it is stored.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_OUTPARAMS_H
#define RAII_TIDY_ENGINE_OUTPARAMS_H

#include "catalog/RuleCatalog.h"
#include "clang/AST/Decl.h"
#include <functional>
#include <optional>

namespace clang::tidy::raii {

struct OutParamAcquire {
  unsigned Param = 0;
  const Family *Fam = nullptr;
  /// What the slot holds when the acquire failed (null, a negative fd).
  InvalidValue Invalid = InvalidValue::None;
  Success SuccessWhen = Success::Always;
  /// The acquire whose handle is stored (for the note into the wrapper).
  const Expr *Site = nullptr;
};

/// What the calls of the body do (the catalog's or a summary's answer).
struct OutParamRoles {
  /// The acquire rule of call \p E, if it acquires.
  std::function<const Acquire *(const Expr *E)> Acquires;
  /// Whether call \p E releases something.
  std::function<bool(const Expr *E)> Releases;
};

/// How \p Def acquires into one of its parameters, if it does (see above).
std::optional<OutParamAcquire> outParamAcquire(const FunctionDecl *Def,
                                               const OutParamRoles &Roles);

} // namespace clang::tidy::raii

#endif
