//===- StatementEdits.cpp - the edits fixes make to whole statements ------===//
#include "fixes/StatementEdits.h"
#include "engine/BodyIndex.h"
#include "clang/AST/StmtCXX.h"
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

bool jumpLeaves(const Stmt *J, const Stmt *Block, const BodyIndex &Body) {
  if (isa<ReturnStmt>(J))
    return true;
  if (const auto *G = dyn_cast<GotoStmt>(J))
    return !Body.isAncestor(Block, G->getLabel()->getStmt());
  if (!isa<BreakStmt, ContinueStmt>(J))
    return false;
  // Leaves if the loop (or switch) it ends is outside the block.
  bool PassedBlock = false;
  for (const Stmt *P = Body.parent(J); P; P = Body.parent(P)) {
    if (P == Block)
      PassedBlock = true;
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P) ||
        (isa<BreakStmt>(J) && isa<SwitchStmt>(P)))
      return PassedBlock;
  }
  return false;
}

/// True if \p E computes a scalar from literals, enumerators and local
/// scalars only: no call, no access through a pointer, no side effect.
static bool pureLocalScalar(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *C = dyn_cast<CastExpr>(E))
    return (C->getType()->isScalarType() || C->getType()->isVoidType()) &&
           C->getCastKind() != CK_UserDefinedConversion &&
           C->getCastKind() != CK_ConstructorConversion &&
           pureLocalScalar(C->getSubExpr());
  if (isa<IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr,
          CXXNullPtrLiteralExpr, GNUNullExpr, CharacterLiteral,
          StringLiteral>(E))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (isa<EnumConstantDecl>(DRE->getDecl()))
      return true;
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    return VD && VD->hasLocalStorage() && VD->getType()->isScalarType();
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return (U->getOpcode() == UO_Minus || U->getOpcode() == UO_Plus ||
            U->getOpcode() == UO_LNot || U->getOpcode() == UO_Not) &&
           pureLocalScalar(U->getSubExpr());
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    return !B->isAssignmentOp() && !B->isCommaOp() &&
           B->getType()->isScalarType() && pureLocalScalar(B->getLHS()) &&
           pureLocalScalar(B->getRHS());
  if (const auto *CO = dyn_cast<ConditionalOperator>(E))
    return pureLocalScalar(CO->getCond()) &&
           pureLocalScalar(CO->getTrueExpr()) &&
           pureLocalScalar(CO->getFalseExpr());
  return false;
}

bool returnsTrivially(const ReturnStmt *R) {
  const Expr *V = R->getRetValue();
  return !V || pureLocalScalar(V);
}

/// The white space \p S is indented by, or empty if \p S does not begin its
/// line.
static llvm::StringRef indentOf(const Stmt *S, const SourceManager &SM) {
  auto [File, Off] = SM.getDecomposedLoc(SM.getExpansionLoc(S->getBeginLoc()));
  llvm::StringRef Buf = SM.getBufferData(File);
  size_t LineStart = Buf.rfind('\n', Off ? Off - 1 : 0);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef Indent = Buf.slice(LineStart, Off);
  return Indent.trim().empty() ? Indent : llvm::StringRef();
}

FixItHint insertStatementBefore(const Stmt *S, llvm::StringRef Text,
                                const SourceManager &SM) {
  return FixItHint::CreateInsertion(
      S->getBeginLoc(), Text.str() + "\n" + indentOf(S, SM).str());
}

std::optional<FixItHint> insertStatementAfter(const Stmt *S,
                                              llvm::StringRef Text,
                                              const SourceManager &SM,
                                              const LangOptions &LO) {
  SourceLocation End = statementEnd(S, SM, LO);
  if (End.isInvalid())
    return std::nullopt;
  llvm::StringRef Buf =
      SM.getBufferData(SM.getFileID(SM.getExpansionLoc(S->getBeginLoc())));
  // After a line comment that ends S's line, which stays with S.
  unsigned EndOff = SM.getFileOffset(End);
  size_t LineEnd = std::min(Buf.find('\n', EndOff), Buf.size());
  if (Buf.slice(EndOff, LineEnd).trim().starts_with("//") &&
      !Buf.slice(EndOff, LineEnd).contains('\\'))
    End = End.getLocWithOffset(int(LineEnd) - int(EndOff));
  // Indented like S when S begins its line.
  return FixItHint::CreateInsertion(End,
                                    "\n" + indentOf(S, SM).str() + Text.str());
}

} // namespace clang::tidy::raii
