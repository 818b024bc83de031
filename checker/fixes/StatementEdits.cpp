//===- StatementEdits.cpp - the edits fixes make to whole statements ------===//
#include "fixes/StatementEdits.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::raii {

bool endsBefore(const Stmt *X, const Stmt *Y, const SourceManager &SM) {
  return SM.isBeforeInTranslationUnit(X->getEndLoc(), Y->getBeginLoc());
}

SourceLocation statementEnd(const Stmt *S, const SourceManager &SM,
                            const LangOptions &LO) {
  if (const auto *If = dyn_cast<IfStmt>(S); If && !If->getElse())
    S = If->getThen();
  if (isa<CompoundStmt>(S))
    return Lexer::getLocForEndOfToken(S->getEndLoc(), 0, SM, LO);
  return Lexer::findLocationAfterToken(
      S->getEndLoc(), tok::semi, SM, LO,
      /*SkipTrailingWhitespaceAndNewLine=*/false);
}

FixItHint deleteStatement(const Stmt *S, const SourceManager &SM,
                          const LangOptions &LO) {
  SourceLocation Begin = S->getBeginLoc();
  SourceLocation End = statementEnd(S, SM, LO);
  if (End.isInvalid())
    return FixItHint::CreateRemoval(S->getSourceRange());
  // The whole line when the statement is alone on it: from the line break
  // before it to the end of the statement.
  auto [File, BeginOff] = SM.getDecomposedLoc(Begin);
  unsigned EndOff = SM.getFileOffset(End);
  llvm::StringRef Buf = SM.getBufferData(File);
  size_t Break =
      BeginOff ? Buf.rfind('\n', BeginOff - 1) : llvm::StringRef::npos;
  size_t LineEnd = Buf.find('\n', EndOff);
  if (Break != llvm::StringRef::npos &&
      Buf.slice(Break + 1, BeginOff).trim().empty() &&
      Buf.slice(EndOff, LineEnd).trim().empty())
    return FixItHint::CreateRemoval(CharSourceRange::getCharRange(
        Begin.getLocWithOffset(int(Break) - int(BeginOff)), End));
  return FixItHint::CreateRemoval(CharSourceRange::getCharRange(Begin, End));
}

} // namespace clang::tidy::raii
