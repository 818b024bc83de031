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
//      it allocates.
//   3. C-linkage functions: never, while RaiiCLinkageNothrow is true (glibc's
//      cancellation points lack `__THROW` and would all look throwing).
//   4. Functions named in RaiiAssumeNothrow: never.
//   5. A visible body: clang-tidy's ExceptionAnalyzer decides; where it only
//      knows "unknown" (the body calls functions it cannot see), the body
//      throws only if a call in it may throw by this same policy, applied
//      recursively (bounded depth; recursion counts as not throwing), so a
//      helper that only calls `printf` does not throw.
//   6. No body: an explicit `noexcept(false)` or dynamic specification
//      throws; otherwise `UnknownMayThrow` decides (the engine's default is
//      true, the exit-handler checks' false).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_NOTHROWPOLICY_H
#define RAII_TIDY_SUPPORT_NOTHROWPOLICY_H

#include "support/NameMatcher.h"
#include "clang-tidy/utils/ExceptionAnalyzer.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>

namespace clang::tidy::raii {

class NothrowPolicy {
public:
  using Info = utils::ExceptionAnalyzer::ExceptionInfo;

  NothrowPolicy(const NameMatcher &AssumeNothrow, bool CLinkageNothrow,
                bool UnknownMayThrow, bool AllocationMayThrow);

  /// What a call of \p FD may throw (an empty, unknown-typed info when the
  /// types are not known); nullopt when it cannot throw.
  std::optional<Info> throws(const FunctionDecl *FD);
  bool mayThrow(const FunctionDecl *FD) { return throws(FD).has_value(); }
  /// Forgets what was learnt (at the end of a translation unit: declarations
  /// die with it).
  void reset();

private:
  /// Rule 5's second half: true if some call or throw in \p S, outside a
  /// `catch (...)`-guarded try block, may throw.
  bool bodyMayThrow(const Stmt *S, unsigned Depth);
  std::optional<Info> throwsAt(const FunctionDecl *FD, unsigned Depth);

  const NameMatcher &AssumeNothrow;
  const bool CLinkageNothrow;
  const bool UnknownMayThrow;
  const bool AllocationMayThrow;
  std::unique_ptr<utils::ExceptionAnalyzer> Analyzer;
  /// Rule 5 results; false while a function is being looked at (recursion).
  llvm::DenseMap<const FunctionDecl *, bool> BodyThrows;
};

} // namespace clang::tidy::raii

#endif
