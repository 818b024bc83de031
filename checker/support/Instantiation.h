//===- Instantiation.h - template instantiations without the parent map --===//
//
// ast_matchers' isInstantiated() and isInTemplateInstantiation() walk up the
// AST through the parent map, which clang-tidy builds for the whole
// translation unit (system headers included) the first time anyone asks: on a
// typical C++ file that costs more than all raii-* checks together. A
// declaration knows its enclosing contexts without that map, so checks that
// start from declarations ask here instead.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_INSTANTIATION_H
#define RAII_TIDY_SUPPORT_INSTANTIATION_H

#include "clang/AST/DeclBase.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::raii {

/// True if \p D is a template instantiation or is declared inside one (a
/// member of an instantiated class, a lambda in an instantiated function).
bool isInInstantiatedContext(const Decl *D);

/// Matches declarations for which isInInstantiatedContext holds.
AST_MATCHER(Decl, inInstantiatedContext) {
  return isInInstantiatedContext(&Node);
}

} // namespace clang::tidy::raii

#endif
