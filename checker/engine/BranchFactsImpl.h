//===- BranchFactsImpl.h - one test, for BranchFacts' files ---------------===//
//
// What BranchFacts.cpp asks of BranchTests.cpp: the reading of one
// condition as a test of a variable, an element or a call, and what it
// says of an acquisition or of a wrapper's keep role.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_BRANCHFACTSIMPL_H
#define RAII_TIDY_ENGINE_BRANCHFACTSIMPL_H

#include "engine/CallRoles.h"
#include "engine/FunctionContext.h"
#include "engine/Lattice.h"
#include <optional>

namespace clang::tidy::raii::branch {

/// A test of one variable or call against zero, null or -1.
struct CondFact {
  const VarDecl *Var = nullptr;
  const DeclRefExpr *Ref = nullptr; ///< the test's reference to Var
  /// An element of a local array by a constant index (`fds[1]`), which
  /// an acquire of several handles (`pipe(fds)`) fills.
  const ArraySubscriptExpr *Elem = nullptr;
  /// A field of the object a constructor builds (`if (!fp)` in
  /// `File::File`), which an acquire may go straight into.
  const MemberExpr *Field = nullptr;
  const Expr *Call = nullptr;
  bool TrueMeansNonzero = true; ///< for zero tests: true branch = nonzero
  bool SignTest = false;        ///< `x < 0`, `x >= 0`, `x == -1`, ...
  /// `x == K`, `x != K` (TrueMeansNonzero: the true branch is "differs").
  std::optional<int64_t> Equals;
  /// `x == g`, `x != g` for what notAcquiredHere() accepts (`f != stdin`,
  /// `in != p->in`).
  bool EqualsForeign = false;
  /// The other side of EqualsForeign when it is a parameter: foreign only
  /// if the function never gives it another value.
  const ParmVarDecl *ForeignParam = nullptr;
  /// ForeignParam is a number (`nfd != fd`, fd an `int` parameter): the
  /// descriptor number a caller asked to fill, which the handle equals
  /// where it already sits there (trueMeansAcquired asks that the function
  /// `dup2` it onto the number otherwise), or the caller's descriptor the
  /// handle's variable is given instead of one it opens (`fd =
  /// wrapped_fd;`, then `if (fd != wrapped_fd) close(fd);`).
  bool ForeignNumber = false;
  /// The other side of EqualsForeign is a local array: no heap block, so
  /// not what a call that releases its argument (`realloc`) gives back.
  bool ForeignArray = false;
  /// The other side of EqualsForeign is a local holding a copy of a
  /// parameter (`int initial_fd = fd;`): foreign only to what the function
  /// acquires after the copy, which nothing writes again.
  const VarDecl *ForeignCopy = nullptr;
  /// `x > 2`, `x >= 3`, `x <= 2`, `x < 3` (TrueMeansNonzero: the true
  /// branch is "above 2"): for a descriptor, one side holds only the
  /// standard descriptors 0 to 2.
  bool AboveStandard = false;
  /// `x > 0`, `x >= 1`, `x <= 0`, `x < 1` (TrueMeansNonzero: the true
  /// branch is "positive").
  bool PositiveTest = false;
};

/// \p Cond as a test of one variable, element or call, also through a
/// predicate of the file whose body is one such test of its parameter.
std::optional<CondFact> fact(const Expr *Cond, ASTContext &Ctx);

/// Whether the true side of \p F means \p A acquired (false: not
/// acquired); nullopt if it says nothing. \p OnlyRefutes: the "acquired"
/// side says nothing.
std::optional<bool> trueMeansAcquired(const FunctionContext &C,
                                      const CondFact &F, const Acquisition &A,
                                      bool &OnlyRefutes);

/// The acquisition's variable for \p V: \p V itself, the handle variable
/// a local copy of it names, or one written together with it.
bool sameVar(const FunctionContext &C, const VarDecl *V, const VarDecl *W);

/// The function calls `dup2(V, P)` or `dup3(V, P, ..)` (BranchNumbers.cpp).
bool dupedOntoParam(const FunctionContext &C, const VarDecl *V,
                    const ParmVarDecl *P);
/// The function gives \p V to `dup2` or `dup3` as the descriptor to copy
/// (BranchNumbers.cpp).
bool dupedOnto(const FunctionContext &C, const VarDecl *V);
/// \p F, a test whether a descriptor is above the standard three, sits
/// where the function fills them in a loop (BranchNumbers.cpp).
bool fillsStandardRange(const FunctionContext &C, const CondFact &F,
                        const Acquisition &A);

/// Settles what waits on acquisition \p Acq (`tmp = realloc(p, n)`)
/// now that a branch says whether it \p Acquired.
void resolvePending(State &St, unsigned Acq, bool Acquired);

/// The variable \p Call's result is given to (through the arms of a
/// `?:` too), if any.
const VarDecl *resultVariable(const Stmt *Call, const BodyIndex &B);

/// Whether the true side of \p F, a test of what a wrapper with KeepRole
/// \p K returned, is where it kept the handle; nullopt if it cannot tell.
std::optional<bool> trueMeansKept(const CondFact &F, const KeepRole &K);

} // namespace clang::tidy::raii::branch

#endif
