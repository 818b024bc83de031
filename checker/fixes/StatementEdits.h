//===- StatementEdits.h - the edits fixes make to whole statements --------===//
//
// Where statements sit (in a macro, one before another), where one ends in
// the source (its `;`, or the `}` of a block and of an `if` whose branch is
// one) and its removal: the whole line when the statement is alone on it,
// so the next line keeps its indentation.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_FIXES_STATEMENTEDITS_H
#define RAII_TIDY_FIXES_STATEMENTEDITS_H

#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"

namespace clang::tidy::raii {

/// True if \p S begins or ends inside a macro expansion.
inline bool inMacro(const Stmt *S) {
  return S->getBeginLoc().isMacroID() || S->getEndLoc().isMacroID();
}

/// True if \p X ends before \p Y begins.
bool endsBefore(const Stmt *X, const Stmt *Y, const SourceManager &SM);

/// Just past the end of statement \p S; invalid if it cannot be found.
SourceLocation statementEnd(const Stmt *S, const SourceManager &SM,
                            const LangOptions &LO);

/// The removal of statement \p S.
FixItHint deleteStatement(const Stmt *S, const SourceManager &SM,
                          const LangOptions &LO);

} // namespace clang::tidy::raii

#endif
