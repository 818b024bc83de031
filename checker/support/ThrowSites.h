//===- ThrowSites.h - where an exception can leave a body -----------------===//
//
// Exit handlers must not let exceptions out. This finds the points of a body
// from which one can: a `throw` (or rethrow), or a call of a function that may
// throw, not caught by a `try` inside the body. What a callee may throw comes
// from the host's utils::ExceptionAnalyzer; `noexcept` functions, C-linkage
// functions and the functions of the shared `RaiiAssumeNothrow` option are
// taken not to throw.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_THROWSITES_H
#define RAII_TIDY_SUPPORT_THROWSITES_H

#include "support/NameMatcher.h"
#include "clang-tidy/utils/ExceptionAnalyzer.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::raii {

class ThrowSites {
public:
  struct Site {
    const Stmt *Where = nullptr; ///< The throw expression or the call.
    const FunctionDecl *Callee = nullptr; ///< Null for a throw expression.
  };

  /// \p UnknownMayThrow: whether a callee whose definition is not visible
  /// and which is not declared `noexcept` counts as throwing.
  ThrowSites(const NameMatcher &AssumeNothrow, bool UnknownMayThrow)
      : AssumeNothrow(AssumeNothrow), UnknownMayThrow(UnknownMayThrow) {}

  /// The throw points of \p Body that no `try` inside \p Body catches, in
  /// source order. Lambda bodies and dependent calls are not entered.
  llvm::SmallVector<Site, 4> escaping(const Stmt *Body);

  /// True if a call of \p FD may throw.
  bool mayThrow(const FunctionDecl *FD);

private:
  using Info = utils::ExceptionAnalyzer::ExceptionInfo;
  /// What calling \p FD may throw; nullopt if nothing.
  std::optional<Info> calleeThrows(const FunctionDecl *FD);
  void walk(const Stmt *S, llvm::SmallVectorImpl<const CXXTryStmt *> &Tries,
            llvm::SmallVectorImpl<Site> &Out);
  void visitCall(const Stmt *S, const FunctionDecl *FD,
                 llvm::ArrayRef<const CXXTryStmt *> Tries,
                 llvm::SmallVectorImpl<Site> &Out);

  const NameMatcher &AssumeNothrow;
  const bool UnknownMayThrow;
  utils::ExceptionAnalyzer Analyzer;
};

} // namespace clang::tidy::raii

#endif
