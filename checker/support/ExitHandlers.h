//===- ExitHandlers.h - recognising exit handlers -------------------------===//
//
// An exit handler is code that runs while a scope is left, possibly during
// unwinding: a destructor, a callable handed to a scope guard
// (`raii::scope_exit`, `gsl::finally`, `absl::Cleanup`, ...), and the
// `exit(std::exception_ptr)` member of a context-manager class. The
// raii-swallowed-exception, raii-exit-handler-throws and raii-manual-finally
// checks share this recognition and the "hand-written finally" shape.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_EXITHANDLERS_H
#define RAII_TIDY_SUPPORT_EXITHANDLERS_H

#include "support/NameMatcher.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::raii {

/// The default of the `GuardFactories` option: functions whose callable
/// argument becomes a scope guard's exit action.
extern const char DefaultGuardFactories[];

struct ExitHandler {
  enum KindT { None, Destructor, GuardCallback, ExitMember };
  KindT Kind = None;
  /// The destructor, the exit member, or the lambda's call operator.
  const FunctionDecl *Fn = nullptr;
  /// For a guard callback: the lambda and the guard it is passed to (a
  /// construction, a factory call, or the guard variable's initializer).
  const LambdaExpr *Lambda = nullptr;
  const Expr *Guard = nullptr;
  /// Where the guard is named: its variable, or the factory call.
  SourceLocation GuardLoc;
  /// Where a note about the handler points.
  SourceLocation location() const;
  explicit operator bool() const { return Kind != None; }
};

/// True for a member function named `exit` taking one `std::exception_ptr`
/// (by value or reference): the exit handler of a context manager.
bool isExitMember(const FunctionDecl *FD);

/// True for `std::exception_ptr` (any cv-qualification, through references).
bool isExceptionPtrType(QualType T);

class ExitHandlerRecognizer {
public:
  ExitHandlerRecognizer(const NameMatcher &GuardTypes,
                        const NameMatcher &GuardFactories)
      : GuardTypes(GuardTypes), GuardFactories(GuardFactories) {}

  /// The guard \p L is handed to, or null if it is not a guard callback.
  /// \p Loc, if given, is set to where the guard is named.
  const Expr *guardReceiving(const LambdaExpr *L, ASTContext &Ctx,
                             SourceLocation *Loc = nullptr) const;

  /// \p FD as an exit handler: a destructor or an exit member (lambdas are
  /// recognised through guardReceiving).
  ExitHandler handlerOf(const FunctionDecl *FD) const;

  /// The exit handler whose own body contains \p S: the walk up stops at the
  /// first enclosing function or lambda.
  ExitHandler enclosingHandler(const Stmt *S, ASTContext &Ctx) const;

private:
  bool isGuardType(QualType T) const;
  const Expr *findGuard(const LambdaExpr *L, ASTContext &Ctx) const;
  const NameMatcher &GuardTypes;
  const NameMatcher &GuardFactories;
};

/// The statements of a `catch` handler's block, without a final `throw;`.
/// \p Rethrows tells whether that rethrow was there.
llvm::SmallVector<const Stmt *, 4> handlerCleanup(const CXXCatchStmt *Catch,
                                                  bool &Rethrows);

/// True if control can reach the end of \p Body: its last statement is not a
/// return, throw, break, continue, goto or a call to a noreturn function.
bool fallsOffEnd(const Stmt *Body);

/// The statements right after \p Try in its enclosing compound statement if
/// they are, in order, structurally identical to \p Cleanup; empty otherwise.
llvm::SmallVector<const Stmt *, 4>
trailingCopyOf(const CXXTryStmt *Try, llvm::ArrayRef<const Stmt *> Cleanup,
               ASTContext &Ctx);

/// The statements after \p S in its enclosing compound statement (empty if
/// \p S is not directly in one).
llvm::SmallVector<const Stmt *, 4> followingStatements(const Stmt *S,
                                                       ASTContext &Ctx);

} // namespace clang::tidy::raii

#endif
