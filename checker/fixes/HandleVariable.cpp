//===- HandleVariable.cpp - a handle variable, as its rewrites see it ----===//
#include "fixes/HandleVariable.h"
#include "engine/CalleeBodies.h"
#include "engine/HandOff.h"
#include "engine/HandleKey.h"
#include "fixes/StatementEdits.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::raii {

/// The statements of a body that matter to the rewrites: jumps, labels,
/// cases, and what is done to the handle variable.
struct HandleVariable::Facts : RecursiveASTVisitor<Facts> {
  explicit Facts(HandleVariable &H) : H(H) {}
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitGotoStmt(GotoStmt *G) {
    H.Gotos.push_back(G);
    return true;
  }
  bool VisitIndirectGotoStmt(IndirectGotoStmt *) {
    H.Computed = true;
    return true;
  }
  bool VisitLabelStmt(LabelStmt *L) {
    H.Labels.push_back(L);
    return true;
  }
  bool VisitSwitchCase(SwitchCase *C) {
    H.Cases.push_back(C);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp() && H.names(B->getLHS()))
      H.Writes.push_back(B);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if ((U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf) &&
        H.names(U->getSubExpr()))
      H.Writes.push_back(U);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *R) {
    if (R->getDecl() == H.Var)
      H.Uses.push_back(R);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable() && C.getCapturedVar() == H.Var)
        H.Captured = true;
    return true;
  }
  HandleVariable &H;
};

HandleVariable::HandleVariable(const FunctionAnalysis &FA, unsigned Acq,
                               ASTContext &Ctx)
    : FA(FA), A(FA.Acquisitions[Acq]), Ctx(Ctx), Body(FA.Fn, Ctx) {}

bool HandleVariable::before(const Stmt *X, const Stmt *Y) const {
  return endsBefore(X, Y, Ctx.getSourceManager());
}

bool HandleVariable::names(const Expr *E) const {
  const auto *R = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return R && Var && R->getDecl() == Var;
}

bool HandleVariable::invalidValue(const Expr *E) const {
  std::optional<int64_t> V = constantValue(E, Ctx);
  return V && *V == (IntHandle ? -1 : 0);
}

/// The function (or `delete` expression) release \p R calls, and the
/// expression it releases; false if it is not a direct call of one
/// argument.
static bool releaseCall(const Expr *R, std::string &Name, const Expr *&Arg) {
  if (const auto *D = dyn_cast<CXXDeleteExpr>(R)) {
    Name = D->isArrayForm() ? "delete[]" : "delete";
    Arg = D->getArgument();
    return true;
  }
  const auto *Call = dyn_cast<CallExpr>(R);
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier() || Call->getNumArgs() != 1 ||
      isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call))
    return false;
  Name = FD->getName().str();
  Arg = Call->getArg(0);
  return true;
}

std::optional<std::string> HandleVariable::refusal() {
  const VarDecl *V = A.HandleVar;
  if (A.IsLock || !V || isa<ParmVarDecl>(V) || !V->hasLocalStorage())
    return std::string("the handle is not held in a local variable");
  Var = V;
  if (A.MaybeTaken ||
      (A.Escaped && (!HandOffsAllowed || A.HandedOffElsewhere)))
    return "'" + A.Name + "' is handed off on some path";
  if (inMacro(A.Site))
    return std::string("the acquire is written in a macro");
  if (A.Rule && A.Rule->Handle.Kind == HandleSpec::Out)
    return "'" + A.Name + "' is acquired through an out-parameter";
  for (const Expr *R : A.Releases) {
    std::string Name;
    const Expr *Arg = nullptr;
    // Only a release the family names (not a wrapper a summary made one),
    // of the variable itself (not a copy, `delete inc;` of `inc =
    // dynamic_cast<Include *>(line)`).
    const bool Direct = releaseCall(R, Name, Arg);
    const Expr *Released = Direct ? ignoreValueCasts(Arg) : nullptr;
    if (const auto *Other = dyn_cast_or_null<DeclRefExpr>(Released);
        Other && !names(Released))
      return "'" + A.Name + "' is released as '" +
             Other->getDecl()->getNameAsString() + "'";
    if (!Direct || !names(Released) ||
        (A.Fam && llvm::none_of(A.Fam->Releases, [&](const raii::Release &Rel) {
           return lastComponent(Rel.Function) == Name;
         })))
      return "'" + A.Name + "' is released through '" + calleeName(R) + "'";
    if (!Release.empty() && Name != Release)
      return "'" + A.Name + "' is released by two functions";
    Release = Name;
    // The function as the code names it (`std::fclose`).
    if (const auto *Call = dyn_cast<CallExpr>(R);
        Call && ReleaseSpelling.empty()) {
      const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
      if (isa<DeclRefExpr>(Callee) && !Callee->getBeginLoc().isMacroID() &&
          !Callee->getEndLoc().isMacroID())
        ReleaseSpelling =
            Lexer::getSourceText(
                CharSourceRange::getTokenRange(Callee->getSourceRange()),
                Ctx.getSourceManager(), Ctx.getLangOpts())
                .str();
    }
  }
  if (ReleaseSpelling.empty())
    ReleaseSpelling = Release;
  IntHandle = V->getType()->isIntegerType();
  for (const Acquisition &O : FA.Acquisitions)
    if (&O != &A && O.Key == A.Key && !O.isSeed())
      return "'" + A.Name + "' is given more than one handle";
  Facts(*this).TraverseStmt(const_cast<Stmt *>(Body.body()));
  if (Captured)
    return "'" + A.Name + "' is captured by a lambda";
  const Expr *Site = A.Site;
  for (const Expr *W : Writes) {
    const auto *B = dyn_cast<BinaryOperator>(W);
    if (!B)
      return cast<UnaryOperator>(W)->getOpcode() == UO_AddrOf
                 ? "the address of '" + A.Name + "' is taken"
                 : "'" + A.Name + "' is incremented or decremented";
    if (B->getOpcode() != BO_Assign ||
        (ignoreValueCasts(B->getRHS()) != Site && !invalidValue(B->getRHS())))
      return "'" + A.Name + "' is assigned another value";
    // `q = p = malloc(n)`: the value goes on to another variable too.
    const Stmt *P = Body.valueParent(B);
    if (isa_and_nonnull<DeclStmt>(P) ||
        (isa_and_nonnull<BinaryOperator>(P) &&
         cast<BinaryOperator>(P)->isAssignmentOp()))
      return "'" + A.Name + "' is copied";
  }
  const Expr *Init = V->getInit();
  if (Init && ignoreValueCasts(Init) != Site && !invalidValue(Init))
    return "'" + A.Name + "' starts with another value";
  return std::nullopt;
}

std::optional<bool> HandleVariable::validity(const Expr *Cond) const {
  Cond = Cond->IgnoreParenImpCasts();
  if (names(Cond))
    return IntHandle ? std::nullopt : std::optional<bool>(true);
  if (const auto *U = dyn_cast<UnaryOperator>(Cond);
      U && U->getOpcode() == UO_LNot) {
    std::optional<bool> Inner = validity(U->getSubExpr());
    return Inner ? std::optional<bool>(!*Inner) : std::nullopt;
  }
  const auto *B = dyn_cast<BinaryOperator>(Cond);
  if (!B || !B->isComparisonOp())
    return std::nullopt;
  const Expr *L = B->getLHS(), *R = B->getRHS();
  BinaryOperatorKind Op = B->getOpcode();
  if (!names(L)) {
    std::swap(L, R);
    Op = BinaryOperator::reverseComparisonOp(Op);
    if (!names(L))
      return std::nullopt;
  }
  std::optional<int64_t> K = constantValue(R, Ctx);
  if (!K)
    return std::nullopt;
  // Pointers: compared with null. Descriptors: with -1 or 0.
  if (!IntHandle)
    return *K == 0 && (Op == BO_EQ || Op == BO_NE)
               ? std::optional<bool>(Op == BO_NE)
               : std::nullopt;
  if ((Op == BO_NE && *K == -1) || (Op == BO_GE && *K == 0) ||
      (Op == BO_GT && *K == -1))
    return true;
  if ((Op == BO_EQ && *K == -1) || (Op == BO_LT && *K == 0) ||
      (Op == BO_LE && *K == -1))
    return false;
  return std::nullopt;
}

const Stmt *HandleVariable::nextInBlock(const Stmt *S,
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

std::optional<HandleVariable::ReleaseSite>
HandleVariable::releaseSite(const Expr *R, std::string &Why) const {
  if (inMacro(R)) {
    Why = "a release is written in a macro";
    return std::nullopt;
  }
  // The call (its result perhaps cast to `void`), or an `if` that only
  // guards it with a validity test.
  const Stmt *Call = R;
  for (const auto *Up = dyn_cast_or_null<Expr>(Body.parent(Call));
       Up && (isa<ParenExpr>(Up) ||
              (isa<ExplicitCastExpr>(Up) && Up->getType()->isVoidType()));
       Up = dyn_cast_or_null<Expr>(Body.parent(Call)))
    Call = Up;
  const Stmt *S = Call;
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
  } else if (S != Call) {
    S = nullptr;
  }
  if (isa_and_nonnull<LabelStmt>(P))
    P = Body.parent(P);
  if (!S || !isa_and_nonnull<CompoundStmt>(P)) {
    Why = "a release is not a statement of its own";
    return std::nullopt;
  }
  if (!Body.isAncestor(Scope, S) || !before(From, S)) {
    Why = "a release is outside the block of '" + A.Name + "'";
    return std::nullopt;
  }
  ReleaseSite Site;
  Site.S = S;
  const CompoundStmt *Block = nullptr;
  Site.Next = nextInBlock(S, Block);
  const bool Labelled = isa_and_nonnull<LabelStmt>(Body.parent(S));
  Site.AtScopeExit = Site.Next ? jumpLeaves(Site.Next, Scope, Body)
                               : (Block == Scope && !Labelled);
  return Site;
}

std::optional<std::string>
HandleVariable::jumpIntoScope(llvm::StringRef Declared) const {
  if (Computed)
    return std::string("the function has a computed 'goto'");
  auto AfterFrom = [&](const Stmt *S) {
    return Body.isAncestor(Scope, S) && before(From, S);
  };
  for (const LabelStmt *L : Labels) {
    if (!AfterFrom(L))
      continue;
    for (const GotoStmt *G : Gotos)
      if (G->getLabel()->getStmt() == L && !AfterFrom(G))
        return "a 'goto' jumps to label '" + std::string(L->getName()) +
               "' past " + Declared.str();
  }
  for (const SwitchCase *C : Cases) {
    if (!AfterFrom(C))
      continue;
    const Stmt *P = Body.parent(C);
    while (P && !isa<SwitchStmt>(P))
      P = Body.parent(P);
    if (!P || !AfterFrom(P))
      return "a 'case' label jumps past " + Declared.str();
  }
  return std::nullopt;
}

std::optional<std::string>
HandleVariable::escapingUse(bool CallsBorrow) const {
  for (const DeclRefExpr *R : Uses) {
    if (HandOffsAllowed && llvm::any_of(A.HandOffs, [&](const Stmt *H) {
          return Body.isAncestor(H, R);
        }))
      continue;
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
            WhileStmt, DoStmt, ForStmt, SwitchStmt, CXXDeleteExpr>(P))
      continue;
    if (const auto *CO = dyn_cast<ConditionalOperator>(P);
        CO && CO->getCond() == E)
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      if (llvm::is_contained(A.Releases, Call))
        continue; // the release the rewrite replaces or keeps
      const FunctionDecl *FD = Call->getDirectCallee();
      // The C library borrows (or is the release); in C++ only its C
      // functions are known to.
      if (CallsBorrow || (FD && isCLibraryFunction(FD)))
        continue;
      // A `const T *` or `const T &` parameter only views it, as the
      // analysis reads it, and a function of the file whose body only
      // borrows it (reads through it: `static void dump(FILE *out) {
      // fprintf(out, ..); }`; no store, return, copy or release) keeps
      // nothing; unless a body of the file stores it where it outlives the
      // call (a member operator's object is no parameter).
      const unsigned First = firstParameterArgument(Call);
      unsigned I = First;
      while (I < Call->getNumArgs() && Call->getArg(I) != E)
        ++I;
      const FunctionDecl *Def = nullptr;
      const bool OwnBody =
          FD && FD->hasBody(Def) && !isLibraryFunction(FD);
      if (FD && I < Call->getNumArgs() && I - First < FD->getNumParams() &&
          !(OwnBody && storesParameter(Def, I - First)) &&
          (isConstView(FD->getParamDecl(I - First)->getType()) ||
           (OwnBody && A.Fam && FA.Catalog &&
            onlyBorrows(Def, I - First, *A.Fam, *FA.Catalog, Ctx))))
        continue;
      return "'" + A.Name + "' is passed to '" +
             (FD ? FD->getNameAsString() : std::string("a function pointer")) +
             "', which may keep it";
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      if (CallsBorrow)
        continue;
      // `std::string(buf)` copies it, as the analysis reads it.
      unsigned I = 0;
      while (I < CE->getNumArgs() && CE->getArg(I) != E)
        ++I;
      if (I < CE->getNumArgs() && libraryCopies(CE, I))
        continue;
      return "'" + A.Name + "' is passed to the constructor of '" +
             CE->getType().getAsString(Ctx.getPrintingPolicy()) +
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

} // namespace clang::tidy::raii
