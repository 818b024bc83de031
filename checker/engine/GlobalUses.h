//===- GlobalUses.h - which functions of the file name a global -----------===//
//
// Whether a variable of static storage is shared state: some code of the
// main file other than one function names it (another function, or the
// initialiser of another variable). A global object a module's init
// function sets up in place and others use (`regcomp(&user_re, ..)` kept
// for `regexec(&user_re, ..)` elsewhere) outlives that function by design,
// even where its error paths undo it.
//
// One table per translation unit (the engine's cache owns it). The first
// question walks the main file's declarations once and records, for every
// variable of static storage, the functions naming it where it is
// evaluated (not in `sizeof`, `typeof` or `decltype`); later questions
// read the record.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_GLOBALUSES_H
#define RAII_TIDY_ENGINE_GLOBALUSES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::raii {

class GlobalUses {
public:
  /// True if code of the main file outside \p Fn (and the lambdas and
  /// local classes in it; for a lambda's call operator, outside the
  /// function it is written in) names \p V, a variable of static storage.
  bool namedOutside(const VarDecl *V, const FunctionDecl *Fn);
  /// True if the code of \p Fn (its lambdas and local classes included)
  /// names \p V.
  bool namedBy(const VarDecl *V, const FunctionDecl *Fn);

private:
  /// The functions of the main file naming each variable; null stands for
  /// code outside any function.
  llvm::DenseMap<const VarDecl *,
                 llvm::SmallVector<const FunctionDecl *, 2>> Users;
  bool Walked = false;
  /// Walks the main file once, filling Users.
  void walk(ASTContext &Ctx);
  /// What Users records \p Fn's code as.
  static const FunctionDecl *self(const FunctionDecl *Fn);
};

} // namespace clang::tidy::raii

#endif
