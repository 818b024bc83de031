//===- StatementEdits.h - the edits fixes make to whole statements --------===//
//
// Where statements sit (in a macro, one before another), where one ends in
// the source (its `;`, or the `}` of a block and of an `if` whose branch is
// one), whether a jump leaves a block, whether a `return` could see the order
// of a release and its value, and its removal: the whole line when the
// statement is alone on it, so the next line keeps its indentation; and the
// insertion of a statement on a line of its own before or after another.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_FIXES_STATEMENTEDITS_H
#define RAII_TIDY_FIXES_STATEMENTEDITS_H

#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>

namespace clang::tidy::raii {

class BodyIndex;

/// True if \p S begins or ends inside a macro expansion.
inline bool inMacro(const Stmt *S) {
  return S->getBeginLoc().isMacroID() || S->getEndLoc().isMacroID();
}

/// True if \p X ends before \p Y begins.
bool endsBefore(const Stmt *X, const Stmt *Y, const SourceManager &SM);

/// Just past the end of statement \p S; invalid if it cannot be found.
SourceLocation statementEnd(const Stmt *S, const SourceManager &SM,
                            const LangOptions &LO);

/// True if jump \p J (`return`, `break`, `continue`, `goto`) leaves block
/// \p Block of the body \p Body indexes.
bool jumpLeaves(const Stmt *J, const Stmt *Block, const BodyIndex &Body);

/// True if returning \p R's value after a release instead of before it
/// cannot differ: no value, or a scalar computed from literals,
/// enumerators and local scalars only (`-1`, `n`, `n > 0 ? n : -1`).
bool returnsTrivially(const ReturnStmt *R);

/// The removal of statement \p S.
FixItHint deleteStatement(const Stmt *S, const SourceManager &SM,
                          const LangOptions &LO);

/// The insertion of statement \p Text before statement \p S, on a line of
/// its own indented like \p S (which must begin its line).
FixItHint insertStatementBefore(const Stmt *S, llvm::StringRef Text,
                                const SourceManager &SM);

/// The insertion of statement \p Text after statement \p S, on a line of
/// its own indented like \p S; nullopt if the end of \p S cannot be found.
std::optional<FixItHint> insertStatementAfter(const Stmt *S,
                                              llvm::StringRef Text,
                                              const SourceManager &SM,
                                              const LangOptions &LO);

} // namespace clang::tidy::raii

#endif
