//===- GuardNaming.h - fresh names for guard variables --------------------===//
//
// Fix-its that turn a temporary into a named guard need an identifier that
// neither clashes with nor shadows anything the function can see: its locals
// and parameters, the members of its class, and the names of its enclosing
// namespaces. One GuardNamer serves one translation unit and remembers the
// names it handed out per function, so two fixes never pick the same name.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_GUARDNAMING_H
#define RAII_TIDY_SUPPORT_GUARDNAMING_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include <string>

namespace clang::tidy::raii {

class GuardNamer {
public:
  /// A name based on \p Base (`lock_m`, then `lock_m2`, ...) that is unused in
  /// \p Fn and everything \p Fn can see.
  std::string freshName(const FunctionDecl *Fn, llvm::StringRef Base);
  void reset() { Used.clear(); }

private:
  bool isVisible(const FunctionDecl *Fn, llvm::StringRef Name);
  llvm::DenseMap<const FunctionDecl *, llvm::StringSet<>> Used;
};

} // namespace clang::tidy::raii

#endif
