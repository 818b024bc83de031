//===- ThrowSites.h - where an exception can leave a body -----------------===//
//
// Exit handlers must not let exceptions out. This finds the points of a body
// from which one can: a `throw` (or rethrow), or a call of a function that may
// throw, not caught by a `try` inside the body. What a callee may throw is the
// shared NothrowPolicy's answer; an accessor a test around it says cannot
// throw there (CheckedAccess: `if (opt) use(opt.value());`) is no such point.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_THROWSITES_H
#define RAII_TIDY_SUPPORT_THROWSITES_H

#include "support/NothrowPolicy.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::raii {

class ThrowSites {
public:
  struct Site {
    const Stmt *Where = nullptr; ///< The throw expression or the call.
    const FunctionDecl *Callee = nullptr; ///< Null for a throw expression.
  };

  explicit ThrowSites(NothrowPolicy &Policy) : Policy(Policy) {}

  /// The throw points of \p Body that no `try` inside \p Body catches, in
  /// source order. Lambda bodies and dependent calls are not entered.
  llvm::SmallVector<Site, 4> escaping(const Stmt *Body);

  /// True if a call of \p FD may throw.
  bool mayThrow(const FunctionDecl *FD) { return Policy.mayThrow(FD); }

private:
  using Info = NothrowPolicy::Info;
  void walk(const Stmt *S, llvm::SmallVectorImpl<const CXXTryStmt *> &Tries,
            llvm::SmallVectorImpl<Site> &Out);
  void visitCall(const Stmt *S, const FunctionDecl *FD,
                 llvm::ArrayRef<const CXXTryStmt *> Tries,
                 llvm::SmallVectorImpl<Site> &Out);

  NothrowPolicy &Policy;
  /// The statements the walk is inside, outermost first.
  llvm::SmallVector<const Stmt *, 32> Open;
};

} // namespace clang::tidy::raii

#endif
