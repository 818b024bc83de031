//===- NothrowPolicy.h - may a call of this function throw? ---------------===//
//
// The one answer every raii-* check uses, engine and exit-handler checks
// alike. In order:
//
//   1. `noexcept`, `throw()` and (implicitly nothrow) destructors: never.
//   2. Allocation failure: the global allocation functions (`operator new`,
//      `operator new[]`) and the standard library's helpers that throw only
//      `std::bad_alloc`, `std::bad_array_new_length` or `std::length_error`
//      (`std::__throw_bad_alloc` and kin, libstdc++ and libc++ alike) throw
//      only while RaiiAllocationMayThrow is true. So a container's
//      `push_back` throws when the element's constructor may, not because
//      it allocates. What the library compiles in and only computes
//      (libstdc++'s hash-table rehash policy, `std::_Hash_bytes`): never.
//      The standard streams' functions (support/StandardStreams) report
//      failure in the stream's state: they never throw (their constructors
//      and `str()` only while allocation failure counts), unless the
//      translation unit's code sets a stream's exception mask
//      (`exceptions(mask)`).
//   3. C-linkage functions without a body in sight: never, while
//      RaiiCLinkageNothrow is true (glibc's cancellation points lack
//      `__THROW` and would all look throwing). One with a body is rule 5's.
//   4. Functions named in RaiiAssumeNothrow: never.
//   5. A visible body: clang-tidy's ExceptionAnalyzer decides that it does
//      not throw; where it finds a throw or only knows "unknown" (the body
//      calls functions it cannot see), the body throws only if a call or
//      `throw` in it may throw by this same policy, applied
//      recursively (bounded depth; recursion counts as not throwing, but
//      an answer that rests on a function further up is not kept; a
//      constructor's initialisers count; a branch a constant condition
//      never takes is skipped; typed handlers catch what they name where
//      every type their block may throw is known), so a
//      helper that only calls `printf` does not throw.
//   6. No body: an explicit `noexcept(false)` or dynamic specification
//      throws; otherwise the Unseen mode decides. `Throw` and `Nothrow` say
//      it outright; `AsProjectDoes` (the default of RaiiUnseenCallsMayThrow)
//      lets a function declared in a system header throw, and one of the
//      project only when the translation unit's own code, outside system
//      headers, has a `throw` or a `try` (in a header, in a function the
//      unit refers to, a template or a virtual function; a `try` around a
//      call of the project's): a code base that never throws
//      nor catches is not analysed for exceptions it cannot have. A call
//      through a pointer whose type is not `noexcept` may throw, in the
//      default mode only as an unseen function at the call's place would;
//      a call through a parameter its function only reads may throw
//      only if a function the unit passes for it at a call of that
//      function may (p8-platform's `callback(param)` inside `Wait`, given
//      a predicate that reads a `bool`), when every such call is in sight
//      and passes a function or null, and the function's address is not
//      taken (CallbackArguments).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_NOTHROWPOLICY_H
#define RAII_TIDY_SUPPORT_NOTHROWPOLICY_H

#include "support/CallbackArguments.h"
#include "support/NameMatcher.h"
#include "clang-tidy/utils/ExceptionAnalyzer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::raii {

/// The type \p Catch's handler catches, without reference, qualifiers and
/// sugar (what ExceptionInfo::filterByCatch takes).
const Type *caughtType(const CXXCatchStmt *Catch);

/// Rule 6: may a function with no body in the translation unit throw?
enum class UnseenCalls { Throw, Nothrow, AsProjectDoes };

/// What \p FPT's exception specification says, or CT_Dependent while it is
/// not resolved yet (an implicit member's, a template's not instantiated):
/// clang's canThrow() must not be asked then.
CanThrowResult specCanThrow(const FunctionProtoType *FPT);
/// \p FPT is declared not to throw (`noexcept`, `throw()`), its
/// specification resolved.
inline bool declaredNothrow(const FunctionProtoType *FPT) {
  return FPT && specCanThrow(FPT) == CT_Cannot;
}

class NothrowPolicy {
public:
  using Info = utils::ExceptionAnalyzer::ExceptionInfo;

  NothrowPolicy(const NameMatcher &AssumeNothrow, bool CLinkageNothrow,
                UnseenCalls Unseen, bool AllocationMayThrow);

  /// What a call of \p FD may throw (an empty, unknown-typed info when the
  /// types are not known); nullopt when it cannot throw.
  std::optional<Info> throws(const FunctionDecl *FD);
  bool mayThrow(const FunctionDecl *FD) { return throws(FD).has_value(); }
  /// As throws(), with the types a visible body may throw worked out by
  /// this policy where the analyzer leaves some unknown (a callee it
  /// cannot see that the policy knows does not throw, `fflush`): its
  /// `throw`s and what its callees throw, a few calls deep; the analyzer's
  /// answer where anything stays unknown.
  std::optional<Info> throwsTyped(const FunctionDecl *FD);
  /// Whether \p Call, which calls through a pointer or a member pointer
  /// (no direct callee), may throw.
  bool indirectMayThrow(const CallExpr *Call, const ASTContext &Ctx);
  /// Forgets what was learnt (at the end of a translation unit: declarations
  /// die with it).
  void reset();

private:
  /// Rule 5's second half: true if some call or throw in \p S, outside a
  /// `catch (...)`-guarded try block, may throw.
  bool bodyMayThrow(const Stmt *S, unsigned Depth, const ASTContext &Ctx);
  std::optional<Info> throwsAt(const FunctionDecl *FD, unsigned Depth);
  std::optional<Info> throwsTypedAt(const FunctionDecl *FD, unsigned Depth,
                                    bool Walk);
  /// Merges into \p Acc what \p S may throw; false where some of it has
  /// no known type.
  bool collectThrown(const Stmt *S, unsigned Depth, const ASTContext &Ctx,
                     Info &Acc);
  /// Rule 6 for an unseen function (or indirect call) at \p Loc.
  bool unseenMayThrow(SourceLocation Loc, const ASTContext &Ctx);

  const NameMatcher &AssumeNothrow;
  const bool CLinkageNothrow;
  const UnseenCalls Unseen;
  const bool AllocationMayThrow;
  std::unique_ptr<utils::ExceptionAnalyzer> Analyzer;
  /// Rule 5 results; false while a function is being looked at (recursion).
  llvm::DenseMap<const FunctionDecl *, bool> BodyThrows;
  /// The bodies being walked, outermost first, and the position of the
  /// outermost one a walk met again (recursion) since the last reset of it.
  llvm::SmallVector<const FunctionDecl *, 8> Walking;
  unsigned LowestReentered = ~0u;
  /// The bodies throwsTyped() is collecting from (recursion adds nothing).
  llvm::SmallVector<const FunctionDecl *, 8> Collecting;
  /// Whether the translation unit's own code throws or catches; unknown
  /// until rule 6 first asks.
  std::optional<bool> ProjectThrows;
  /// Whether the translation unit's own code sets a stream's exception
  /// mask; unknown until rule 2 first meets a stream function.
  std::optional<bool> StreamMasks;
  /// What the unit gives its functions' function-pointer parameters.
  CallbackArguments Callbacks;
};

} // namespace clang::tidy::raii

#endif
