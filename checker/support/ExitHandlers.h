//===- ExitHandlers.h - recognising exit handlers -------------------------===//
//
// An exit handler is code that runs while a scope is left, possibly during
// unwinding: a destructor, a callable handed to a scope guard
// (`raii::scope_exit`, `gsl::finally`, `absl::Cleanup`, ...), and the
// `exit(std::exception_ptr)` member of a context-manager class. The
// raii-swallowed-exception, raii-exit-handler-throws and raii-manual-finally
// checks share this recognition and the "hand-written finally" shape.
//
// The checks start from function definitions and walk their bodies top-down
// with ExitHandlerWalker, which carries what they need to know about a
// statement's surroundings (the exit handler it belongs to, the compound
// statement holding a `try`). Walking up instead, through
// ASTContext::getParents, makes clang build the parent map of the whole
// translation unit (every header included) the first time anyone asks, which
// costs more than the checks themselves; the upward helpers below are kept
// for the rare cases the walk cannot answer and say so.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_EXITHANDLERS_H
#define RAII_TIDY_SUPPORT_EXITHANDLERS_H

#include "support/NameMatcher.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
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
  /// Guard callbacks are recognised through the shared `GuardTypes` and
  /// `GuardFactories` options of \p Options (read with getLocalOrGlobal).
  explicit ExitHandlerRecognizer(const ClangTidyCheck::OptionsView &Options);
  /// Recognises destructors and exit members only, no guard callbacks.
  ExitHandlerRecognizer();

  /// Writes the two options back, for --dump-config.
  void storeOptions(const ClangTidyCheck::OptionsView &Options,
                    ClangTidyOptions::OptionMap &Opts) const;

  /// The guard \p L is handed to, or null if it is not a guard callback.
  /// \p Loc, if given, is set to where the guard is named. Walks up through
  /// the parent map: for rare cases only (ExitHandlerWalker finds guard
  /// callbacks from the guard side).
  const Expr *guardReceiving(const LambdaExpr *L, ASTContext &Ctx,
                             SourceLocation *Loc = nullptr) const;

  /// \p FD as an exit handler: a destructor or an exit member (lambdas are
  /// recognised by ExitHandlerWalker or guardReceiving).
  ExitHandler handlerOf(const FunctionDecl *FD) const;

  /// The exit handler whose own body contains \p S: the walk up stops at the
  /// first enclosing function or lambda. Uses the parent map: for rare cases
  /// only.
  ExitHandler enclosingHandler(const Stmt *S, ASTContext &Ctx) const;

  /// True if \p T names one of the `GuardTypes`.
  bool isGuardType(QualType T) const;
  /// True if \p Call calls one of the `GuardFactories` (also unresolved, in
  /// a template).
  bool isGuardFactoryCall(const CallExpr *Call) const;

private:
  const Expr *findGuard(const LambdaExpr *L, ASTContext &Ctx) const;
  const std::string GuardTypesOption;
  const std::string GuardFactoriesOption;
  const NameMatcher GuardTypes;
  const NameMatcher GuardFactories;
};

/// The statements of a `catch` handler's block, without a final `throw;`.
/// \p Rethrows tells whether that rethrow was there.
llvm::SmallVector<const Stmt *, 4> handlerCleanup(const CXXCatchStmt *Catch,
                                                  bool &Rethrows);

/// True if control can reach the end of \p Body: its last statement is not a
/// return, throw, break, continue, goto or a call to a noreturn function.
bool fallsOffEnd(const Stmt *Body);

/// The statements right after \p Try in \p Block, the compound statement
/// holding it, if they are, in order, structurally identical to \p Cleanup;
/// empty otherwise (also when \p Block is null).
llvm::SmallVector<const Stmt *, 4>
trailingCopyOf(const CXXTryStmt *Try, const CompoundStmt *Block,
               llvm::ArrayRef<const Stmt *> Cleanup, ASTContext &Ctx);

/// The statements after \p S in \p Block, the compound statement holding it
/// (empty if \p Block is null).
llvm::SmallVector<const Stmt *, 4>
followingStatements(const Stmt *S, const CompoundStmt *Block);

/// Walks function bodies top-down for the exit-handler checks, so that they
/// never need the parent map on their common path.
///
/// A check calls walk() for every function definition it matches, in the
/// order the MatchFinder meets them (a function before the lambdas in it).
/// The walk finds scope guards from the guard side (a construction of a
/// `GuardTypes` type, a call of a `GuardFactories` function, a guard
/// variable's initializer) and the lambdas handed to them through implicit
/// nodes, walks each lambda met as its own function, and remembers it: the
/// later walk() of its call operator is skipped, and an instantiation of a
/// generic lambda's call operator inherits what the lambda is.
class ExitHandlerWalker {
public:
  struct TrySite {
    const CXXTryStmt *Try = nullptr;
    /// The compound statement directly holding Try, or null.
    const CompoundStmt *Block = nullptr;
    /// The exit handler whose own body holds Try (Kind None: not an exit
    /// handler); null when unknown (see walk()).
    const ExitHandler *Handler = nullptr;
    /// The function or lambda call operator whose own body holds Try.
    const FunctionDecl *Fn = nullptr;
  };
  using HandlerCallback = llvm::function_ref<void(const ExitHandler &)>;
  using TryCallback = llvm::function_ref<void(const TrySite &)>;

  explicit ExitHandlerWalker(const ExitHandlerRecognizer &Recognizer)
      : Recognizer(Recognizer) {}

  /// Forgets the lambdas of the previous translation unit.
  void reset();

  /// Walks the body (and written constructor initializers) of \p FD. Calls
  /// \p OnHandler for each scope-guard callback met (walked right after) and
  /// \p OnTry for each `try`. Returns false if \p FD is the call operator of
  /// a lambda met in no walked body (in a namespace-scope or member
  /// initializer, a default argument, or a function the check does not
  /// walk): whether it is a guard callback is then unknown, its TrySites
  /// carry a null Handler, and a check that needs to know asks
  /// ExitHandlerRecognizer::enclosingHandler for its candidates only.
  bool walk(const FunctionDecl *FD, HandlerCallback OnHandler,
            TryCallback OnTry);

private:
  struct Context {
    const ExitHandler *Handler;
    const FunctionDecl *Fn;
    HandlerCallback OnHandler;
    TryCallback OnTry;
  };
  void visit(const Stmt *S, const Stmt *Parent, SourceLocation VarLoc,
             const Context &C);
  void visitLambda(const LambdaExpr *L, const Context &C);
  void noteGuard(const Stmt *S, SourceLocation VarLoc);
  void noteGuardArgument(const Stmt *Arg, const Expr *Guard,
                         SourceLocation GuardLoc);

  const ExitHandlerRecognizer &Recognizer;
  const ExitHandler NotAHandler{};
  /// Guard callbacks found from their guard, until the walk reaches them.
  llvm::DenseMap<const LambdaExpr *, ExitHandler> Pending;
  /// What each lambda met is (Kind None: not a guard callback).
  llvm::DenseMap<const CXXRecordDecl *, ExitHandler> Closures;
  /// Lambda call operators already walked.
  llvm::DenseSet<const FunctionDecl *> Walked;
};

} // namespace clang::tidy::raii

#endif
