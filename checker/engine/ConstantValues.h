//===- ConstantValues.h - values a translation unit never changes ---------===//
//
// What the conditions of a function may read that has one value for the
// whole run, so that a branch on it goes one way only:
//
//   - a variable of internal linkage (a file `static`, a function-local
//     `static`, one in an anonymous namespace) whose initialiser is a
//     constant and that the main file never writes, takes the address of or
//     binds a reference to;
//   - a `const` variable with a constant initialiser;
//   - a call of a function (not virtual) every `return` of which gives the
//     same constant: `static int use_locks(void) { return 1; }`, or of an
//     `exec` function of the C library (it returns only failing, -1).
//
// It also tells which calls have no effect a condition could see: functions
// declared `pure` or `const`, and visible functions that write only their
// own scalar locals and parameters and call only such functions (`bool
// enabled() const { return enabled_; }`, `static int clamp(int a) { int r
// = 0; if (a > 1) r = a; return r; }`), with the fields and variables
// outside them they read.
//
// One table per translation unit (the engine's cache owns it). Whether a
// variable of internal linkage is changed is asked of the main file's
// top-level declarations from the one that declares it on (nothing earlier
// can name it, and a header cannot write a static the main file declares
// after including it), one declaration at a time until one changes it; each
// declaration is scanned once per translation unit, for every such variable
// at once, so the questions together cost at most one walk of the file.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_CONSTANTVALUES_H
#define RAII_TIDY_ENGINE_CONSTANTVALUES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <vector>

namespace clang::tidy::raii {

class ConstantValues {
public:
  /// The value \p V always has, if it is one of the variables above.
  std::optional<int64_t> valueOf(const VarDecl *V);
  /// The constant every call of \p FD returns, if it is one.
  std::optional<int64_t> returnedBy(const FunctionDecl *FD);
  /// What of the globals (file-scope and static variables, not a
  /// function's static locals) the body of \p FD, or of the functions of
  /// the file it calls (two calls deep), may write: a variable assigned,
  /// incremented, or its address taken other than for a pointer to const;
  /// a field of one written by name (`st.hits++`, `lock(&st.mu)`) as that
  /// field. Found once per function for the translation unit.
  llvm::ArrayRef<const Decl *> globalsWrittenBy(const FunctionDecl *FD);
  /// True if a call of \p FD changes nothing a condition reads; its own
  /// reads (fields, variables) are added to \p Reads.
  bool isPure(const FunctionDecl *FD,
              llvm::SmallVectorImpl<const Decl *> &Reads);

private:
  /// True if a declaration of the main file changes \p V or lets it escape.
  bool changed(const VarDecl *V);

  /// A top-level declaration of the main file, and once scanned the
  /// variables of internal linkage it changes or lets escape.
  struct TopDecl {
    const Decl *D;
    unsigned Offset; ///< of its location in the main file
    bool Scanned = false;
    llvm::SmallVector<const VarDecl *, 0> Changes;
  };
  std::vector<TopDecl> Tops;
  bool Indexed = false;
  llvm::DenseMap<const VarDecl *, bool> ChangedCache;
  llvm::DenseMap<const FunctionDecl *, std::optional<int64_t>> Returns;
  struct PureInfo {
    bool Pure = false;
    llvm::SmallVector<const Decl *, 2> Reads;
  };
  llvm::DenseMap<const FunctionDecl *, PureInfo> Pures;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const Decl *, 2>>
      GlobalWrites;
};

/// A non-volatile integer, enumeration or pointer: what facts and constants
/// are kept about.
bool isScalarValue(QualType T);

/// Collects into \p Reads the variables and fields \p E reads, and returns
/// true if evaluating \p E has no effect: no assignment, increment, call
/// (other than of a pure function, see ConstantValues::isPure), `new`,
/// `delete` or volatile read. Null \p Values allows no calls.
bool readsWithoutEffects(const Expr *E, ConstantValues *Values,
                         llvm::SmallVectorImpl<const Decl *> &Reads);

} // namespace clang::tidy::raii

#endif
