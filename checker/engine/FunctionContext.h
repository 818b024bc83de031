//===- FunctionContext.h - what the engine's parts share per function -----===//
//
// One function's analysis context: its body index and keys, the roles of
// its calls, the nothrow policy, the guard types, the translation unit's
// constant values and uses of globals, and the acquisitions the collector
// found (in the FunctionAnalysis being filled).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_FUNCTIONCONTEXT_H
#define RAII_TIDY_ENGINE_FUNCTIONCONTEXT_H

#include "engine/BodyIndex.h"
#include "engine/CallRoles.h"
#include "engine/ConstantValues.h"
#include "engine/FunctionAnalysis.h"
#include "engine/GlobalUses.h"
#include "engine/HandleKey.h"
#include "support/NameMatcher.h"
#include "support/NothrowPolicy.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::raii {

struct FunctionContext {
  FunctionContext(const FunctionDecl *Fn, ASTContext &Ctx,
                  const CallRoles &Roles, NothrowPolicy &Policy,
                  const NameMatcher &Guards, ConstantValues &Values,
                  GlobalUses &Uses, FunctionAnalysis &Out)
      : Fn(Fn), Ctx(Ctx), Body(Fn, Ctx), KeyOf(Body, Ctx), Roles(Roles),
        Policy(Policy), Guards(Guards), Values(Values), Uses(Uses), Out(Out),
        Keys(Out.Keys) {}

  const FunctionDecl *Fn;
  ASTContext &Ctx;
  BodyIndex Body;
  KeyBuilder KeyOf;
  const CallRoles &Roles;
  NothrowPolicy &Policy;
  const NameMatcher &Guards;
  ConstantValues &Values; ///< the translation unit's
  GlobalUses &Uses;       ///< the translation unit's
  FunctionAnalysis &Out;
  KeyTable &Keys;

  /// The acquisitions each expression performs.
  llvm::DenseMap<const Stmt *, llvm::SmallVector<unsigned, 2>> AcqsAt;
  /// Moves an acquire expression makes before its own acquisitions: a copy
  /// takes over the handle its source is about to lose to the acquire
  /// (`old = buf; .. buf = malloc(2 * n);`).
  llvm::DenseMap<const Stmt *, llvm::SmallVector<unsigned, 1>> MovesBefore;
  /// The acquisitions each guard variable holds.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<unsigned, 2>> GuardAcqs;
  /// The manual locks each guard variable adopted (`std::adopt_lock`).
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<unsigned, 1>> AdoptedBy;
  /// Parameters whose handle the function was given (seeds named by the
  /// parameter itself).
  llvm::DenseSet<const ValueDecl *> SeedVars;
  /// Exceptions can leave the function's calls (C++ with exceptions, and
  /// the function is not `noexcept` or a destructor).
  bool Exceptions = false;

  std::vector<Acquisition> &acqs() { return Out.Acquisitions; }
  const std::vector<Acquisition> &acqs() const { return Out.Acquisitions; }
};

} // namespace clang::tidy::raii

#endif
