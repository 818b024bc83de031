//===- CallbackArguments.h - what a function-pointer parameter is given ---===//
//
// The functions the translation unit passes for a parameter of pointer to
// function type (p8-platform's `Wait(m, PredicateDefault, &pred)` for
// `Wait(m, PredicateCallback callback, void *param)`): read from every call
// of the parameter's function in the project's code of the unit, found by
// one walk on the first question, and, for a member of a class a system
// header declares or of a template's instantiation, in that class's
// members (p8-platform's `CCondition<bool>`).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_CALLBACKARGUMENTS_H
#define RAII_TIDY_SUPPORT_CALLBACKARGUMENTS_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::raii {

class CallbackArguments {
public:
  /// Per name a template's call leaves unresolved, the outermost class of
  /// each such call (null outside any).
  using UnresolvedNames =
      llvm::DenseMap<DeclarationName,
                     llvm::SmallVector<const CXXRecordDecl *, 2>>;
  /// The parameter \p Call calls through (`callback(param)`, `(*cb)(x)`),
  /// when its function only ever reads it (no write, no address taken, no
  /// reference bound to it).
  const ParmVarDecl *calledParameter(const CallExpr *Call);
  /// The functions the unit gives \p P at the calls of its function; none
  /// for a null pointer. Nullopt when that is not known: the function's
  /// address is taken, no call is in sight, a template leaves a call of
  /// its name unresolved, or a call gives anything but a function or null
  /// (a variable, a parameter passed on, a default).
  std::optional<llvm::SmallVector<const FunctionDecl *, 2>>
  given(const ParmVarDecl *P, const ASTContext &Ctx);
  void reset() {
    Calls.clear();
    AddressTaken.clear();
    MembersIndexed.clear();
    Unresolved.clear();
    OnlyRead.clear();
    Indexed = false;
  }

private:
  void index(const ASTContext &Ctx);
  void indexMembers(const CXXRecordDecl *RD, const ASTContext &Ctx);

  bool Indexed = false;
  /// Per function with a parameter of pointer to function type (canonical
  /// declaration), the unit's calls of it.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const CallExpr *, 4>>
      Calls;
  /// Such functions the unit names other than as a call's callee.
  llvm::DenseSet<const FunctionDecl *> AddressTaken;
  llvm::DenseSet<const CXXRecordDecl *> MembersIndexed;
  UnresolvedNames Unresolved;
  /// Per parameter asked about, whether its function only reads it.
  llvm::DenseMap<const ParmVarDecl *, bool> OnlyRead;
};

} // namespace clang::tidy::raii

#endif
