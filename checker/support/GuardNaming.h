//===- GuardNaming.h - fresh names for guard variables --------------------===//
//
// Fix-its that turn a temporary into a named guard need an identifier that
// neither clashes with nor hides anything at the point of declaration: not
// the locals of the enclosing blocks, the parameters, the members of the
// class or the names of the enclosing namespaces, and nothing the block itself
// declares or refers to. Sibling blocks may reuse a name. One GuardNamer
// serves one translation unit and remembers what it handed out, so two fixes
// never pick clashing names.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_GUARDNAMING_H
#define RAII_TIDY_SUPPORT_GUARDNAMING_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include <string>

namespace clang::tidy::raii {

/// The base of a guard's name from what it locks: `lock_m`, `lock_a_b` for
/// two objects, `lock` when nothing gives a hint, `guard` for no object;
/// \p Verb in place of `lock` for a guard that does something else to its
/// object (`destroy_attr`).
std::string guardNameBase(llvm::ArrayRef<const Expr *> Locked,
                          llvm::StringRef Verb = "lock");

class GuardNamer {
public:
  /// A name based on \p Base (`lock_m`, then `lock_m2`, ...) for a variable
  /// declared in block \p Scope of function \p Fn.
  std::string freshName(const FunctionDecl *Fn, const CompoundStmt *Scope,
                        llvm::StringRef Base, ASTContext &Ctx);
  void reset() {
    BlockNames.clear();
    Given.clear();
  }

private:
  const llvm::StringSet<> &namesUsedIn(const Stmt *S);
  bool isTaken(const FunctionDecl *Fn, const CompoundStmt *Scope,
               llvm::ArrayRef<const CompoundStmt *> Enclosing,
               llvm::StringRef Name);

  /// Identifiers declared or referred to in a statement, by statement.
  llvm::DenseMap<const Stmt *, llvm::StringSet<>> BlockNames;
  /// Names this namer gave, with the block they were declared in.
  llvm::SmallVector<std::pair<const CompoundStmt *, std::string>, 8> Given;
};

} // namespace clang::tidy::raii

#endif
