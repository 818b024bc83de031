//===- CCleanupRewrite.cpp - C handles into <raii/cleanup.h> variables ----===//
#include "fixes/CCleanupRewrite.h"
#include "engine/BodyIndex.h"
#include "fixes/StatementEdits.h"
#include "engine/HandleKey.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::raii {

llvm::StringRef cleanupPrefixFor(llvm::StringRef Release) {
  return llvm::StringSwitch<llvm::StringRef>(Release)
      .Case("free", "RAII_AUTOFREE")
      .Case("fclose", "RAII_AUTOFILE")
      .Case("close", "RAII_AUTOFD")
      .Case("closedir", "RAII_AUTODIR")
      .Default("");
}

namespace {

/// The statements of a body that matter to the rewrite: jumps, labels,
/// cases, and what is done to the handle variable.
struct BodyFacts : RecursiveASTVisitor<BodyFacts> {
  explicit BodyFacts(const VarDecl *V) : V(V) {}
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitGotoStmt(GotoStmt *G) {
    Gotos.push_back(G);
    return true;
  }
  bool VisitIndirectGotoStmt(IndirectGotoStmt *) {
    Computed = true;
    return true;
  }
  bool VisitLabelStmt(LabelStmt *L) {
    Labels.push_back(L);
    return true;
  }
  bool VisitSwitchCase(SwitchCase *C) {
    Cases.push_back(C);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp() && names(B->getLHS()))
      Writes.push_back(B);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if ((U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf) &&
        names(U->getSubExpr()))
      Writes.push_back(U);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *R) {
    if (R->getDecl() == V)
      Uses.push_back(R);
    return true;
  }
  bool names(const Expr *E) const {
    const auto *R = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return R && R->getDecl() == V;
  }

  const VarDecl *V;
  llvm::SmallVector<const GotoStmt *, 8> Gotos;
  llvm::SmallVector<const LabelStmt *, 8> Labels;
  llvm::SmallVector<const SwitchCase *, 8> Cases;
  llvm::SmallVector<const Expr *, 4> Writes;
  llvm::SmallVector<const DeclRefExpr *, 8> Uses;
  bool Computed = false;
};

class Planner {
public:
  Planner(const FunctionAnalysis &FA, unsigned Acq, ASTContext &Ctx)
      : FA(FA), A(FA.Acquisitions[Acq]), Ctx(Ctx),
        SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), Body(FA.Fn, Ctx),
        Facts(A.HandleVar) {}

  GuardRewrite run();

private:
  static GuardRewrite refuse(std::string Why) {
    return GuardRewrite::refused(std::move(Why));
  }
  bool before(const Stmt *X, const Stmt *Y) const {
    return endsBefore(X, Y, SM);
  }
  /// The value \p E stands for is the handle's invalid value.
  bool invalidValue(const Expr *E) const {
    std::optional<int64_t> V = constantValue(E, Ctx);
    return V && *V == (IntHandle ? -1 : 0);
  }
  /// \p Cond tests that the handle is valid (`p`, `p != NULL`, `fd >= 0`).
  bool testsValid(const Expr *Cond) const;
  /// The statement that performs release \p R: the call, or an `if` that
  /// only guards it with a validity test. Null if neither is a statement
  /// of a block.
  const Stmt *releaseStatement(const Expr *R) const;
  /// The statement following \p S in its block, or null; \p Block gets
  /// the block.
  const Stmt *nextInBlock(const Stmt *S, const CompoundStmt *&Block) const;
  /// True if leaving through \p Next releases the handle anyway.
  bool leavesScope(const Stmt *Next) const;
  std::optional<std::string> jumpIntoScope() const;
  /// Why a use of the handle could outlive the variable (passed to a
  /// function that may keep it, copied, returned), if one could: the
  /// cleanup would then release a handle someone else still holds.
  std::optional<std::string> escapingUse() const;

  const FunctionAnalysis &FA;
  const Acquisition &A;
  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  BodyIndex Body;
  BodyFacts Facts;
  const Stmt *Decl = nullptr;  ///< the DeclStmt of the handle variable
  const Stmt *Scope = nullptr; ///< the block it is declared in
  bool IntHandle = false;      ///< an fd, whose invalid value is -1
};

bool Planner::testsValid(const Expr *Cond) const {
  Cond = Cond->IgnoreParenImpCasts();
  if (Facts.names(Cond))
    return !IntHandle;
  const auto *B = dyn_cast<BinaryOperator>(Cond);
  if (!B)
    return false;
  const Expr *L = B->getLHS(), *R = B->getRHS();
  BinaryOperatorKind Op = B->getOpcode();
  if (!Facts.names(L)) {
    std::swap(L, R);
    Op = BinaryOperator::reverseComparisonOp(Op);
    if (!Facts.names(L))
      return false;
  }
  std::optional<int64_t> K = constantValue(R, Ctx);
  if (!K)
    return false;
  if (!IntHandle)
    return *K == 0 && Op == BO_NE;
  return (Op == BO_NE && *K == -1) || (Op == BO_GE && *K == 0) ||
         (Op == BO_GT && *K == -1);
}

const Stmt *Planner::releaseStatement(const Expr *R) const {
  const Stmt *S = R;
  const Stmt *P = Body.parent(S);
  if (const auto *C = dyn_cast_or_null<CompoundStmt>(P);
      C && C->size() == 1 && isa_and_nonnull<IfStmt>(Body.parent(C))) {
    S = C;
    P = Body.parent(C);
  }
  if (const auto *If = dyn_cast_or_null<IfStmt>(P);
      If && If->getThen() == S && !If->getElse() && !If->getInit() &&
      !If->getConditionVariable() && testsValid(If->getCond())) {
    S = If;
    P = Body.parent(If);
  } else if (S != R) {
    return nullptr;
  }
  if (isa_and_nonnull<LabelStmt>(P))
    P = Body.parent(P);
  return isa_and_nonnull<CompoundStmt>(P) ? S : nullptr;
}

const Stmt *Planner::nextInBlock(const Stmt *S,
                                 const CompoundStmt *&Block) const {
  const Stmt *Elem = S;
  if (const auto *L = dyn_cast_or_null<LabelStmt>(Body.parent(S)))
    Elem = L;
  Block = dyn_cast_or_null<CompoundStmt>(Body.parent(Elem));
  if (!Block)
    return nullptr;
  for (auto It = Block->body_begin(); It != Block->body_end(); ++It)
    if (*It == Elem)
      return std::next(It) == Block->body_end() ? nullptr : *std::next(It);
  return nullptr;
}

bool Planner::leavesScope(const Stmt *Next) const {
  if (isa<ReturnStmt>(Next))
    return true;
  if (const auto *G = dyn_cast<GotoStmt>(Next))
    return !Body.isAncestor(Scope, G->getLabel()->getStmt());
  if (!isa<BreakStmt, ContinueStmt>(Next))
    return false;
  bool PassedScope = false;
  for (const Stmt *P = Body.parent(Next); P; P = Body.parent(P)) {
    if (P == Scope)
      PassedScope = true;
    if (isa<ForStmt, WhileStmt, DoStmt>(P) ||
        (isa<BreakStmt>(Next) && isa<SwitchStmt>(P)))
      return PassedScope;
  }
  return false;
}

std::optional<std::string> Planner::jumpIntoScope() const {
  if (Facts.Computed)
    return std::string("the function has a computed 'goto'");
  auto AfterDecl = [&](const Stmt *S) {
    return Body.isAncestor(Scope, S) && before(Decl, S);
  };
  for (const LabelStmt *L : Facts.Labels) {
    if (!AfterDecl(L))
      continue;
    for (const GotoStmt *G : Facts.Gotos)
      if (G->getLabel()->getStmt() == L && !AfterDecl(G))
        return "a 'goto' jumps to label '" + std::string(L->getName()) +
               "' past the declaration of '" + A.Name + "'";
  }
  for (const SwitchCase *C : Facts.Cases) {
    if (!AfterDecl(C))
      continue;
    const Stmt *P = Body.parent(C);
    while (P && !isa<SwitchStmt>(P))
      P = Body.parent(P);
    if (!P || !AfterDecl(P))
      return "a 'case' label jumps past the declaration of '" + A.Name + "'";
  }
  return std::nullopt;
}

std::optional<std::string> Planner::escapingUse() const {
  const SourceManager &SMgr = SM;
  for (const DeclRefExpr *R : Facts.Uses) {
    const Stmt *E = nullptr;
    const Stmt *P = Body.valueParent(R, &E);
    if (!P)
      continue;
    // Pointer arithmetic that is only read through (`p[i]`, `*(p + 1)`).
    if (const auto *B = dyn_cast<BinaryOperator>(P);
        B && B->isAdditiveOp() && !IntHandle)
      P = Body.valueParent(B, &E);
    if (const auto *B = dyn_cast<BinaryOperator>(P)) {
      if (B->isComparisonOp() || B->isLogicalOp() ||
          (B->isAssignmentOp() && B->getLHS() == E) ||
          (IntHandle && !B->isAssignmentOp()))
        continue;
      return "'" + A.Name + "' is copied";
    }
    if (const auto *U = dyn_cast<UnaryOperator>(P)) {
      if (U->getOpcode() == UO_Deref || U->getOpcode() == UO_LNot)
        continue;
      return std::nullopt; // `&p`, `p++`: refused as writes
    }
    if (isa<MemberExpr, ArraySubscriptExpr, UnaryExprOrTypeTraitExpr, IfStmt,
            WhileStmt, DoStmt, ForStmt, SwitchStmt>(P))
      continue;
    if (const auto *CO = dyn_cast<ConditionalOperator>(P);
        CO && CO->getCond() == E)
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (FD && SMgr.isInSystemHeader(FD->getLocation()))
        continue; // the C library borrows (or is the release)
      return "'" + A.Name + "' is passed to '" +
             (FD ? FD->getNameAsString() : std::string("a function pointer")) +
             "', which may keep it";
    }
    if (isa<DeclStmt>(P))
      return "'" + A.Name + "' is copied";
    if (isa<ReturnStmt>(P))
      return "'" + A.Name + "' is returned";
    return "'" + A.Name + "' is used where it may outlive the variable";
  }
  return std::nullopt;
}

GuardRewrite Planner::run() {
  const VarDecl *V = A.HandleVar;
  if (A.IsLock || !V || isa<ParmVarDecl>(V) || !V->hasLocalStorage())
    return refuse("the handle is not held in a local variable");
  if (A.Escaped || A.MaybeTaken)
    return refuse("'" + A.Name + "' is handed off on some path");
  if (inMacro(A.Site))
    return refuse("the acquire is written in a macro");
  llvm::StringRef Release;
  for (const Expr *R : A.Releases) {
    const auto *Call = dyn_cast<CallExpr>(R);
    const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
    if (!FD || !FD->getIdentifier() || Call->getNumArgs() != 1 ||
        !Facts.names(ignoreValueCasts(Call->getArg(0))))
      return refuse("'" + A.Name + "' is released through '" +
                    calleeName(R) + "'");
    if (!Release.empty() && FD->getName() != Release)
      return refuse("'" + A.Name + "' is released by two functions");
    Release = FD->getName();
  }
  llvm::StringRef Prefix = cleanupPrefixFor(Release);
  if (Prefix.empty())
    return refuse("<raii/cleanup.h> has no cleanup for '" + Release.str() +
                  "'");
  IntHandle = Prefix == "RAII_AUTOFD";
  QualType T = V->getType();
  if (T.isConstQualified())
    return refuse("'" + A.Name + "' is const; the cleanup takes its address "
                  "as non-const");
  if (IntHandle ? !T->isSpecificBuiltinType(BuiltinType::Int)
                : !T->isPointerType())
    return refuse("'" + A.Name + "' has a type the cleanup cannot take");
  Decl = Body.declStmtOf(V);
  const auto *DS = dyn_cast_or_null<DeclStmt>(Decl);
  if (!DS || !DS->isSingleDecl() || inMacro(DS) || !Body.parent(DS) ||
      !isa<CompoundStmt>(Body.parent(DS)))
    return refuse("'" + A.Name + "' is not declared on its own");
  Scope = Body.parent(DS);
  for (const Acquisition &O : FA.Acquisitions)
    if (&O != &A && O.Key == A.Key && !O.isSeed())
      return refuse("'" + A.Name + "' is given more than one handle");
  Facts.TraverseStmt(const_cast<Stmt *>(Body.body()));
  const Expr *Site = dyn_cast<Expr>(A.Site);
  for (const Expr *W : Facts.Writes) {
    const auto *B = dyn_cast<BinaryOperator>(W);
    if (!B)
      return refuse(cast<UnaryOperator>(W)->getOpcode() == UO_AddrOf
                        ? "the address of '" + A.Name + "' is taken"
                        : "'" + A.Name + "' is incremented or decremented");
    if (B->getOpcode() != BO_Assign ||
        (ignoreValueCasts(B->getRHS()) != Site &&
         !invalidValue(B->getRHS())))
      return refuse("'" + A.Name + "' is assigned another value");
    // `q = p = malloc(n)`: the value goes on to another variable too.
    const Stmt *P = Body.valueParent(B);
    if (isa_and_nonnull<DeclStmt>(P) ||
        (isa_and_nonnull<BinaryOperator>(P) &&
         cast<BinaryOperator>(P)->isAssignmentOp()))
      return refuse("'" + A.Name + "' is copied");
  }
  const Expr *Init = V->getInit();
  if (Init && ignoreValueCasts(Init) != Site && !invalidValue(Init))
    return refuse("'" + A.Name + "' starts with another value");
  if (auto Why = jumpIntoScope())
    return refuse(*Why);
  if (auto Why = escapingUse())
    return refuse(*Why);

  GuardRewrite Out;
  Out.Fixes.push_back(
      FixItHint::CreateInsertion(DS->getBeginLoc(), Prefix.str() + " "));
  const std::string Invalid = IntHandle ? "-1" : "NULL";
  if (!Init)
    Out.Fixes.push_back(FixItHint::CreateInsertion(
        Lexer::getLocForEndOfToken(V->getLocation(), 0, SM, LO),
        " = " + Invalid));
  for (const Expr *R : A.Releases) {
    if (inMacro(R))
      return refuse("a release is written in a macro");
    const Stmt *S = releaseStatement(R);
    if (!S)
      return refuse("a release is not a statement of its own");
    if (!Body.isAncestor(Scope, S) || !before(Decl, S))
      return refuse("a release is outside the block of '" + A.Name + "'");
    const CompoundStmt *Block = nullptr;
    const Stmt *Next = nextInBlock(S, Block);
    const bool Labelled = isa_and_nonnull<LabelStmt>(Body.parent(S));
    if (Next ? leavesScope(Next) : (Block == Scope && !Labelled)) {
      Out.Fixes.push_back(deleteStatement(S, SM, LO));
      continue;
    }
    // More code follows: release there and leave the cleanup nothing.
    if (const auto *B = dyn_cast_or_null<BinaryOperator>(Next);
        B && B->getOpcode() == BO_Assign && Facts.names(B->getLHS()))
      continue;
    SourceLocation End = statementEnd(S, SM, LO);
    if (End.isInvalid())
      return refuse("a release cannot be edited");
    // On a line of its own, indented like the release.
    auto [File, Off] = SM.getDecomposedLoc(SM.getExpansionLoc(S->getBeginLoc()));
    llvm::StringRef Buf = SM.getBufferData(File);
    size_t LineStart = Buf.rfind('\n', Off ? Off - 1 : 0);
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    llvm::StringRef Indent = Buf.slice(LineStart, Off);
    if (!Indent.trim().empty())
      Indent = "";
    Out.Fixes.push_back(FixItHint::CreateInsertion(
        End, "\n" + Indent.str() + V->getName().str() + " = " + Invalid +
                 ";"));
  }
  return Out;
}

} // namespace

GuardRewrite planCCleanupRewrite(const FunctionAnalysis &FA, unsigned Acq,
                                 ASTContext &Ctx) {
  return Planner(FA, Acq, Ctx).run();
}

} // namespace clang::tidy::raii
