//===- BodyIndexShape.cpp - where a statement sits in the body ------------===//
//
// The BodyIndex questions answered from the parents alone: ancestors, the
// enclosing block, loop and full statement, the next statement, try
// blocks, and whether an expression's value is used; whether a statement
// holds a jump; and, with the write sites, whether a local is given another
// value after a statement.
//
//===----------------------------------------------------------------------===//
#include "engine/BodyIndex.h"
#include "engine/HandleKey.h"
#include "engine/LoopParts.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include <functional>

namespace clang::tidy::raii {

bool BodyIndex::isAncestor(const Stmt *Anc, const Stmt *S) const {
  for (; S; S = Parent.lookup(S))
    if (S == Anc)
      return true;
  return false;
}

const Stmt *BodyIndex::enclosingCompound(const Stmt *S) const {
  for (const Stmt *P = Parent.lookup(S); P; P = Parent.lookup(P))
    if (isa<CompoundStmt>(P))
      return P;
  return body();
}

bool BodyIndex::valueUsed(const Expr *E) const {
  const Stmt *Child = E;
  const Stmt *P = parent(E);
  while (P && isa<ParenExpr, ImplicitCastExpr, ExprWithCleanups>(P)) {
    Child = P;
    P = parent(P);
  }
  // The last statement of a statement expression is its value (`({ ..;
  // malloc(n); })`).
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(P);
      Block && !Block->body_empty() && Block->body_back() == Child)
    if (const auto *SE = dyn_cast_or_null<StmtExpr>(parent(Block)))
      return valueUsed(SE);
  if (!P || isa<CompoundStmt, LabelStmt, SwitchCase, AttributedStmt>(P))
    return false;
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(P))
    return !Cast->getType()->isVoidType() && valueUsed(Cast);
  if (const auto *BO = dyn_cast<BinaryOperator>(P);
      BO && BO->getOpcode() == BO_Comma)
    return BO->getRHS() == Child && valueUsed(BO);
  // A statement in a branch or a loop body, not its condition.
  if (const auto *If = dyn_cast<IfStmt>(P))
    return If->getCond() == Child;
  if (isa<WhileStmt, DoStmt, ForStmt>(P))
    return loopCondition(P) == Child;
  if (const auto *SW = dyn_cast<SwitchStmt>(P))
    return SW->getCond() == Child;
  return true;
}

bool BodyIndex::isLoop(const Stmt *S) {
  return isa_and_nonnull<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

bool BodyIndex::containsJump(const Stmt *S) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (isa<ReturnStmt, GotoStmt, BreakStmt, ContinueStmt, IndirectGotoStmt,
          CXXThrowExpr>(S))
    return true;
  return llvm::any_of(S->children(), containsJump);
}

bool BodyIndex::containsEntry(const Stmt *S) {
  if (!S || isa<LabelStmt, SwitchCase>(S))
    return S != nullptr;
  return llvm::any_of(S->children(), containsEntry);
}

bool BodyIndex::labelBetween(SourceLocation After,
                             SourceLocation Before) const {
  const SourceManager &SM = Ctx.getSourceManager();
  std::function<bool(const Stmt *)> Walk = [&](const Stmt *S) {
    // What starts at or after Before holds nothing that starts before it.
    if (!S || !SM.isBeforeInTranslationUnit(S->getBeginLoc(), Before))
      return false;
    if (isa<LabelStmt>(S) &&
        (After.isInvalid() ||
         SM.isBeforeInTranslationUnit(After, S->getBeginLoc())))
      return true;
    return llvm::any_of(S->children(), Walk);
  };
  return Walk(body());
}

const Decl *BodyIndex::writtenVariable(const Stmt *S) {
  const Expr *Target = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->isAssignmentOp())
    Target = BO->getLHS();
  else if (const auto *UO = dyn_cast<UnaryOperator>(S);
           UO && (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf))
    Target = UO->getSubExpr();
  const auto *DRE =
      Target ? dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()) : nullptr;
  return DRE ? DRE->getDecl()->getCanonicalDecl() : nullptr;
}

bool BodyIndex::writes(const Stmt *S, const ValueDecl *V) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (writtenVariable(S) == V->getCanonicalDecl())
    return true;
  return llvm::any_of(S->children(),
                      [V](const Stmt *Child) { return writes(Child, V); });
}

const Stmt *BodyIndex::enclosingLoop(const Stmt *S) const {
  for (const Stmt *P = Parent.lookup(S); P; P = Parent.lookup(P))
    if (isLoop(P))
      return P;
  return nullptr;
}

const Stmt *BodyIndex::fullStatement(const Stmt *S) const {
  const Stmt *Child = S;
  for (const Stmt *P = Parent.lookup(S); P; Child = P, P = Parent.lookup(P))
    if (isa<CompoundStmt>(P))
      return Child;
  return Child;
}

const Stmt *BodyIndex::nextStatement(const Stmt *S) const {
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Parent.lookup(S));
  if (!Block)
    return nullptr;
  auto Body = Block->body();
  auto It = llvm::find(Body, S);
  return It != Body.end() && std::next(It) != Body.end() ? *std::next(It)
                                                         : nullptr;
}

bool BodyIndex::inTryBlock(const Stmt *S) const {
  const Stmt *Child = S;
  for (const Stmt *P = Parent.lookup(S); P; Child = P, P = Parent.lookup(P))
    if (const auto *Try = dyn_cast<CXXTryStmt>(P))
      if (Try->getTryBlock() == Child)
        return true;
  return false;
}

const Stmt *BodyIndex::valueParent(const Stmt *S, const Stmt **Child) const {
  const Stmt *P = parent(S);
  while (P && isa<ParenExpr, ImplicitCastExpr, ExplicitCastExpr>(P)) {
    S = P;
    P = parent(P);
  }
  if (Child)
    *Child = S;
  return P;
}

bool BodyIndex::writtenAfter(const ValueDecl *D, const Stmt *S) const {
  auto It = WriteSites.find(cast<ValueDecl>(D->getCanonicalDecl()));
  if (It == WriteSites.end())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Stmt *W : It->second) {
    if (W == S || isAncestor(W, S) || isAncestor(S, W))
      continue;
    if (SM.isBeforeInTranslationUnit(S->getEndLoc(), W->getBeginLoc()))
      return true;
    for (const Stmt *L = enclosingLoop(S); L; L = enclosingLoop(L))
      if (isAncestor(L, W))
        return true;
  }
  return false;
}

/// Between write \p W of \p From and copy \p Copy (in source order),
/// inside loop \p L, a jump out of L to code that reads \p To while it
/// still holds an earlier round's value: a `goto` to a label outside L,
/// a `break` of L, or a `return` naming \p To, none where the source just
/// written is tested (`if (!p) goto fail;`: where it failed it holds
/// nothing the copy could be taken for).
static bool staleCopyReachable(const BodyIndex &B, const Stmt *L,
                               const Stmt *W, const Stmt *Copy,
                               const Decl *To, const Decl *From,
                               const SourceManager &SM) {
  const SourceLocation Begin = W->getEndLoc(), End = Copy->getBeginLoc();
  // To is read outside the loop (after it, at a label past it).
  std::function<bool(const Stmt *)> ReadOutside = [&](const Stmt *S) {
    if (!S || S == L)
      return false;
    if (const auto *R = dyn_cast<DeclRefExpr>(S))
      return R->getDecl()->getCanonicalDecl() == To;
    return llvm::any_of(S->children(), ReadOutside);
  };
  std::function<bool(const Stmt *, bool)> Walk = [&](const Stmt *S,
                                                      bool Nested) {
    if (!S || isa<LambdaExpr, BlockExpr>(S))
      return false;
    if (SM.isBeforeInTranslationUnit(S->getEndLoc(), Begin) ||
        SM.isBeforeInTranslationUnit(End, S->getBeginLoc()))
      return false;
    if (const auto *If = dyn_cast<IfStmt>(S);
        If && BodyIndex::refersTo(If->getCond(), cast<ValueDecl>(From)))
      return Walk(If->getElse(), Nested);
    if (const auto *G = dyn_cast<GotoStmt>(S))
      return !B.isAncestor(L, G->getLabel()->getStmt()) &&
             ReadOutside(B.body());
    if (isa<BreakStmt>(S))
      return !Nested && ReadOutside(B.body());
    if (const auto *Ret = dyn_cast<ReturnStmt>(S))
      return Ret->getRetValue() &&
             BodyIndex::refersTo(Ret->getRetValue(), cast<ValueDecl>(To));
    const bool Inner = Nested || (S != L && (BodyIndex::isLoop(S) ||
                                             isa<SwitchStmt>(S)));
    return llvm::any_of(S->children(),
                        [&](const Stmt *C) { return Walk(C, Inner); });
  };
  return Walk(loopBody(L), false);
}

bool BodyIndex::copiedAcrossRounds(const ValueDecl *Into,
                                   const ValueDecl *Src) const {
  const Decl *To = Into->getCanonicalDecl(), *From = Src->getCanonicalDecl();
  auto It = WriteSites.find(cast<ValueDecl>(From));
  if (It == WriteSites.end())
    return false;
  const auto *CopyVar = dyn_cast<VarDecl>(Into);
  const Stmt *CopyDecl = CopyVar ? declStmtOf(CopyVar) : nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  // The value a write site gives, null where it is not an expression.
  auto ValueOf = [](const Stmt *W) -> const Expr * {
    if (const auto *BO = dyn_cast<BinaryOperator>(W))
      return BO->getRHS();
    if (const auto *DS = dyn_cast<DeclStmt>(W))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->getInit() && !isa<ParmVarDecl>(VD))
          return VD->getInit();
    return nullptr;
  };
  for (const Copy &Cp : CopyStmts) {
    if (Cp.To->getCanonicalDecl() != To || Cp.From->getCanonicalDecl() != From)
      continue;
    for (const Stmt *L = enclosingLoop(Cp.Where); L; L = enclosingLoop(L)) {
      if (CopyDecl && isAncestor(L, CopyDecl))
        break; // a new variable each round
      for (const Stmt *W : It->second) {
        const Expr *V = ValueOf(W);
        if (!isAncestor(L, W) ||
            (V && constantValue(ignoreValueCasts(V), Ctx)))
          continue;
        // Made from the copy's value: a pointer into its block (`tmp =
        // arr + len`), or by a call given it (`tmp = realloc(keys, n); ..
        // keys = tmp;`), whose new value replaces the one the copy held.
        auto NamesCopy = [&](const Expr *E) {
          const auto *R =
              dyn_cast<DeclRefExpr>(pointerBase(ignoreValueCasts(E)));
          return R && R->getDecl()->getCanonicalDecl() == To;
        };
        const auto *Call = V ? dyn_cast<CallExpr>(ignoreValueCasts(V))
                             : nullptr;
        if (V && (NamesCopy(V) ||
                  (Call && llvm::any_of(Call->arguments(), NamesCopy))))
          continue;
        // Only where a path from the fresh value reaches a read of the
        // copy before the copy is made again (mbedtls' psk_parse: `if
        // (..) goto error;` before `cur = new;`, `error: free(cur);`);
        // otherwise the copy holds this round's value wherever it is read.
        if (W != Cp.Where &&
            SM.isBeforeInTranslationUnit(W->getBeginLoc(),
                                         Cp.Where->getBeginLoc()) &&
            staleCopyReachable(*this, L, W, Cp.Where, To, From, SM))
          return true;
      }
    }
  }
  return false;
}

bool BodyIndex::elementWrittenAfter(
    const VarDecl *Array, uint64_t Index, const Stmt *S,
    llvm::function_ref<bool(const CallExpr *)> Releases) const {
  if (elementWritten(Array, Index))
    return true;
  const auto *A = cast<VarDecl>(Array->getCanonicalDecl());
  const SourceManager &SM = Ctx.getSourceManager();
  auto ReleasesElement = [&](const CallExpr *Call, uint64_t Index) {
    return Releases(Call) &&
           llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
             std::optional<Element> El = elementOf(Arg->IgnoreParenImpCasts());
             return El && El->Array->getCanonicalDecl() == A &&
                    El->Index == Index;
           });
  };
  // A call releasing the element that \p Cond evaluates whatever its other
  // operands give (`close(s[1]) == -1`; not `x && close(s[1])`).
  auto CondReleases = [&](const Expr *Cond, uint64_t Index) {
    bool Found = false;
    std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
      if (!S || Found)
        return;
      if (const auto *BO = dyn_cast<BinaryOperator>(S);
          BO && BO->isLogicalOp()) {
        Walk(BO->getLHS());
        return;
      }
      if (const auto *CO = dyn_cast<AbstractConditionalOperator>(S)) {
        Walk(CO->getCond());
        return;
      }
      if (isa<StmtExpr, LambdaExpr, BlockExpr>(S))
        return;
      if (const auto *Call = dyn_cast<CallExpr>(S);
          Call && ReleasesElement(Call, Index)) {
        Found = true;
        return;
      }
      for (const Stmt *Child : S->children())
        Walk(Child);
    };
    Walk(Cond);
    return Found;
  };
  // The element marked released right after a call that releases it, not
  // given another's value: `close(s[1]); s[1] = -1;`, and where the call
  // is an `if`'s condition, `if (close(s[1]) == -1) { log(..); s[1] = -1;
  // goto failed; } s[1] = -1;` (nginx). Statements between that do not
  // name the array and no control entering between.
  auto MarksReleased = [&](const ConstElementWrite &W) {
    const Stmt *Full = fullStatement(W.Where);
    const auto *Block = dyn_cast_or_null<CompoundStmt>(parent(Full));
    if (!Releases || !Block || W.Index == ~uint64_t(0) ||
        containsEntry(Full))
      return false;
    auto It = llvm::find(Block->body(), Full);
    if (It == Block->body_end())
      return false;
    while (It != Block->body_begin()) {
      const Stmt *Prev = *--It;
      if (containsEntry(Prev))
        return false;
      if (!refersTo(Prev, A))
        continue;
      if (const auto *Call = dyn_cast<CallExpr>(Prev))
        return ReleasesElement(Call, W.Index);
      const auto *If = dyn_cast<IfStmt>(Prev);
      return If && !If->getInit() && !If->getConditionVariable() &&
             CondReleases(If->getCond(), W.Index);
    }
    const auto *If = dyn_cast_or_null<IfStmt>(parent(Block));
    return If && CondReleases(If->getCond(), W.Index);
  };
  for (const ConstElementWrite &W : ConstElementWrites) {
    if (W.Array != A || (W.Index != Index && W.Index != ~uint64_t(0)) ||
        MarksReleased(W))
      continue;
    if (SM.isBeforeInTranslationUnit(S->getEndLoc(),
                                     W.Where->getBeginLoc()))
      return true;
    for (const Stmt *L = enclosingLoop(S); L; L = enclosingLoop(L))
      if (isAncestor(L, W.Where))
        return true;
  }
  return false;
}

} // namespace clang::tidy::raii
