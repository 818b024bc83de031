//===- StatementEdits.cpp - the edits fixes make to whole statements ------===//
#include "fixes/StatementEdits.h"
#include "clang/AST/ExprCXX.h"
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
  if (isa<CompoundStmt, DeclStmt>(S)) // a declaration ends at its `;`
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

bool returnsTrivially(const ReturnStmt *R) {
  const Expr *V = R->getRetValue();
  if (!V)
    return true;
  V = V->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(V);
      U && (U->getOpcode() == UO_Minus || U->getOpcode() == UO_LNot))
    V = U->getSubExpr()->IgnoreParenImpCasts();
  if (isa<IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr,
          CXXNullPtrLiteralExpr, GNUNullExpr, CharacterLiteral,
          StringLiteral>(V))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(V)) {
    if (isa<EnumConstantDecl>(DRE->getDecl()))
      return true;
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    return VD && VD->hasLocalStorage() && VD->getType()->isScalarType();
  }
  return false;
}

std::optional<FixItHint> insertStatementAfter(const Stmt *S,
                                              llvm::StringRef Text,
                                              const SourceManager &SM,
                                              const LangOptions &LO) {
  SourceLocation End = statementEnd(S, SM, LO);
  if (End.isInvalid())
    return std::nullopt;
  // Indented like S when S begins its line.
  auto [File, Off] = SM.getDecomposedLoc(SM.getExpansionLoc(S->getBeginLoc()));
  llvm::StringRef Buf = SM.getBufferData(File);
  size_t LineStart = Buf.rfind('\n', Off ? Off - 1 : 0);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef Indent = Buf.slice(LineStart, Off);
  if (!Indent.trim().empty())
    Indent = "";
  return FixItHint::CreateInsertion(End, "\n" + Indent.str() + Text.str());
}

} // namespace clang::tidy::raii
