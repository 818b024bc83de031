//===- HandleVariable.h - a local handle variable, as its rewrites see it -===//
//
// The handle rewrites (C: a <raii/cleanup.h> cleanup variable,
// CCleanupRewrite; C++: a guard declared after the acquire,
// HandleGuardRewrite) decide from the same facts about the local variable
// that holds one acquisition: what the function does to it (writes, copies,
// calls it is passed to, captures), which function releases it, and where
// each release statement sits in the block the rewrite releases at the end
// of. This class gathers those facts and gives the refusals both rewrites
// share, in one vocabulary.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_FIXES_HANDLEVARIABLE_H
#define RAII_TIDY_FIXES_HANDLEVARIABLE_H

#include "engine/BodyIndex.h"
#include "engine/FunctionAnalysis.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang::tidy::raii {

class HandleVariable {
public:
  HandleVariable(const FunctionAnalysis &FA, unsigned Acq, ASTContext &Ctx);

  /// Why the handle cannot be rewritten at all, or nullopt: it is not a
  /// local variable, handed off, acquired in a macro, released by anything
  /// but one function taking only the variable (or `delete`), given more
  /// than one handle, assigned anything but the acquire and the invalid
  /// value, incremented, captured or its address taken, or starts with
  /// another value. On success var(), release() and intHandle() are set.
  std::optional<std::string> refusal();
  /// The rewrite lets go of the handle where the function hands it off (a
  /// `return`, a store, a call that takes it): refusal() then accepts a
  /// handle handed off in such statements, and escapingUse() does not count
  /// the uses inside them.
  void allowHandOffs() { HandOffsAllowed = true; }

  /// From here on the rewrite releases the handle when block \p Block
  /// ends; its declaration (the variable's, or the guard's) is statement
  /// \p From of that block.
  void setScope(const Stmt *Block, const Stmt *From) {
    Scope = Block;
    this->From = From;
  }

  /// Why a jump could enter the scope past \p From (a `goto` or `case`
  /// label after it reached from before it, a computed `goto`), if one
  /// can; \p Declared names what it would skip (`the declaration of 'p'`).
  std::optional<std::string> jumpIntoScope(llvm::StringRef Declared) const;
  /// Why a use of the handle could outlive the rewrite's release (copied,
  /// returned, passed to a function that may keep it), if one could. With
  /// \p CallsBorrow every call only borrows it (every path releases it
  /// today, so the release the rewrite adds is at the same place).
  std::optional<std::string> escapingUse(bool CallsBorrow) const;

  /// Where release \p R sits: its statement (the call, or an `if` that
  /// only guards it with a validity test) and whether leaving the scope
  /// releases anyway right after it (the scope's last statement, or right
  /// before a `return`, or a `break` / `continue` / `goto` that leaves the
  /// scope).
  struct ReleaseSite {
    const Stmt *S = nullptr;
    const Stmt *Next = nullptr; ///< the statement after S in its block
    bool AtScopeExit = false;
  };
  /// The site of release \p R, or (in \p Why) why it cannot be edited: in a
  /// macro, not a statement of its own, outside the scope.
  std::optional<ReleaseSite> releaseSite(const Expr *R,
                                         std::string &Why) const;

  /// What condition \p Cond says about the handle: true if it holds exactly
  /// when the handle is valid (`p`, `p != NULL`, `fd >= 0`), false if
  /// exactly when it is invalid (`!p`, `p == nullptr`, `fd < 0`, `fd ==
  /// -1`), nullopt if it is no such test.
  std::optional<bool> validity(const Expr *Cond) const;
  bool testsValid(const Expr *Cond) const { return validity(Cond) == true; }
  bool testsInvalid(const Expr *Cond) const {
    return validity(Cond) == false;
  }
  /// \p E names the handle variable (through parentheses and casts).
  bool names(const Expr *E) const;
  /// The value of \p E is the handle's invalid value (`NULL`, `-1`).
  bool invalidValue(const Expr *E) const;
  /// The statement following \p S in its block, or null; \p Block gets the
  /// block.
  const Stmt *nextInBlock(const Stmt *S, const CompoundStmt *&Block) const;

  const VarDecl *var() const { return Var; }
  /// The release function's name (`free`, `fclose`, `delete`, `delete[]`).
  llvm::StringRef release() const { return Release; }
  /// The release function as the code spells it (`std::fclose`).
  llvm::StringRef releaseSpelling() const { return ReleaseSpelling; }
  /// True for an integer handle (a descriptor, invalid when negative).
  bool intHandle() const { return IntHandle; }
  const BodyIndex &body() const { return Body; }
  bool before(const Stmt *X, const Stmt *Y) const;

private:
  struct Facts;
  const FunctionAnalysis &FA;
  const Acquisition &A;
  ASTContext &Ctx;
  BodyIndex Body;
  const VarDecl *Var = nullptr;
  std::string Release, ReleaseSpelling;
  bool IntHandle = false;
  const Stmt *Scope = nullptr;
  const Stmt *From = nullptr;
  // What the body does: filled by refusal().
  llvm::SmallVector<const GotoStmt *, 8> Gotos;
  llvm::SmallVector<const LabelStmt *, 8> Labels;
  llvm::SmallVector<const SwitchCase *, 8> Cases;
  llvm::SmallVector<const Expr *, 4> Writes;
  llvm::SmallVector<const DeclRefExpr *, 8> Uses;
  bool Computed = false;
  bool Captured = false;
  bool HandOffsAllowed = false;
};

} // namespace clang::tidy::raii

#endif
