//===- BodyIndex.cpp - one pass over a function body ----------------------===//
//
// The walk behind BodyIndex.h: each statement's parent and each local's
// declaration, the writes and copies of locals (chains `a = b = p`, array
// elements, out-arguments), the loads that dereference or pass on a value.
// What the index then answers about locals and their copies is in
// BodyIndexLocals.cpp, about statements in BodyIndexShape.cpp.
//
//===----------------------------------------------------------------------===//
#include "engine/BodyIndex.h"
#include "engine/HandleKey.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

const Expr *BodyIndex::pointerBase(const Expr *E) {
  while (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (!BO->isAdditiveOp() || !BO->getType()->isPointerType() ||
        !BO->getLHS()->getType()->isPointerType())
      break;
    E = ignoreValueCasts(BO->getLHS());
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    for (const Expr *M = UO->getSubExpr()->IgnoreParens();
         const auto *ME = dyn_cast<MemberExpr>(M);
         M = ME->getBase()->IgnoreParens())
      if (ME->isArrow())
        return ignoreValueCasts(ME->getBase());
  return E;
}

/// The variable a chain of copies stores (`a = b = p`: the inner local b,
/// itself a copy of p; `a = s->f = p`, stored in no local: p), through
/// value-keeping casts; \p E itself when the chain stores anything else
/// (`alloc = buf = malloc(n)` is no copy: chainedTarget()).
static const Expr *chainedValue(const Expr *E) {
  E = ignoreValueCasts(E);
  const DeclRefExpr *Inner = nullptr;
  const Expr *V = E;
  while (const auto *BO = dyn_cast<BinaryOperator>(V)) {
    if (BO->getOpcode() != BO_Assign)
      break;
    if (const auto *L =
            dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
        !Inner && L && isa<VarDecl>(L->getDecl()) &&
        cast<VarDecl>(L->getDecl())->hasLocalStorage())
      Inner = L;
    V = ignoreValueCasts(BO->getRHS());
  }
  if (V == E || !isa<DeclRefExpr>(BodyIndex::pointerBase(V)))
    return E;
  return Inner ? Inner : V;
}

BodyIndex::BodyIndex(const FunctionDecl *Fn, ASTContext &Ctx)
    : Fn(Fn), Ctx(Ctx) {
  walk(Fn->getBody(), nullptr);
  llvm::erase_if(Lent, [&](const ValueDecl *D) { return !lentToCalls(D); });
}

/// The variable whose address \p Arg is (`&e`, `(void **)&e`), if any.
static const VarDecl *addressedVar(const Expr *Arg) {
  const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
  const auto *DRE = UO && UO->getOpcode() == UO_AddrOf
                        ? dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens())
                        : nullptr;
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

/// The integer local whose address \p Arg, a call's argument, is (`&r`),
/// if any.
static const VarDecl *lentInteger(const Expr *Arg) {
  const VarDecl *V = addressedVar(Arg);
  return V && BodyIndex::isLocalVar(V) &&
                 V->getType()->isIntegralOrEnumerationType() &&
                 !V->getType().isVolatileQualified()
             ? V
             : nullptr;
}

/// The local array \p E subscripts (`fds[i]`), or null.
static const VarDecl *subscriptedArray(const Expr *E) {
  const auto *AS = dyn_cast<ArraySubscriptExpr>(E->IgnoreParenImpCasts());
  const auto *DRE =
      AS ? dyn_cast<DeclRefExpr>(AS->getBase()->IgnoreParenImpCasts())
         : nullptr;
  const auto *Array = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return Array && BodyIndex::isLocalVar(Array) &&
                 Array->getType()->isArrayType()
             ? Array
             : nullptr;
}

std::optional<BodyIndex::Element> BodyIndex::elementOf(const Expr *E) const {
  const VarDecl *Array = subscriptedArray(E);
  if (!Array)
    return std::nullopt;
  const auto *AS = cast<ArraySubscriptExpr>(E->IgnoreParenImpCasts());
  if (AS->getIdx()->isValueDependent())
    return std::nullopt;
  Expr::EvalResult R;
  if (!AS->getIdx()->EvaluateAsInt(R, Ctx) || R.Val.getInt().isNegative())
    return std::nullopt;
  return Element{Array->getCanonicalDecl(), R.Val.getInt().getZExtValue()};
}

void BodyIndex::noteElementCopy(const ValueDecl *D, const Expr *Value) {
  Element Src; // none: not an element's value
  if (Value)
    if (auto El = elementOf(ignoreValueCasts(Value))) {
      Src = *El;
      WrittenElements.insert({El->Array->getCanonicalDecl(), El->Index});
    }
  auto [It, New] = ElementCopies.try_emplace(D, Src);
  if (!New && !(It->second == Src))
    It->second = Element();
}

void BodyIndex::noteWrite(const Expr *LHS, const Expr *Value,
                          const Stmt *Where, bool SameBlock) {
  // `fds[i] = ..`, `&fds[0]`: whichever element, copies of the array's
  // elements are no longer known to hold what they were given.
  if (const VarDecl *Array = subscriptedArray(LHS)) {
    ElementsWritten.insert(Array->getCanonicalDecl());
    // For elementWritten(): not a constant (`fds[1] = -1`, `fds[i] = -1`
    // before the pipe is made, or after it is closed).
    const Expr *Last = Value ? ignoreValueCasts(Value) : nullptr;
    while (const auto *Chain = dyn_cast_or_null<BinaryOperator>(Last)) {
      if (Chain->getOpcode() != BO_Assign)
        break;
      Last = ignoreValueCasts(Chain->getRHS()); // `fds[0] = fds[1] = -1`
    }
    std::optional<Element> El = elementOf(LHS);
    if (!Last || !constantValue(Last, Ctx)) {
      if (El)
        WrittenElements.insert({El->Array->getCanonicalDecl(), El->Index});
      else
        AnyElementWritten.insert(Array->getCanonicalDecl());
    } else {
      ConstElementWrites.push_back(
          {Array->getCanonicalDecl(), El ? El->Index : ~uint64_t(0), Where});
    }
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(ignoreValueCasts(LHS));
  if (!DRE)
    return;
  const ValueDecl *D = cast<ValueDecl>(DRE->getDecl()->getCanonicalDecl());
  Written.insert(D);
  ++Writes[D];
  // `p = p + n`: as `p += n`.
  if (const auto *Base = Value ? dyn_cast<DeclRefExpr>(pointerBase(
                                     ignoreValueCasts(Value)))
                               : nullptr;
      Base && Base->getDecl()->getCanonicalDecl() == D &&
      D->getType()->isPointerType() &&
      !isa<DeclRefExpr>(ignoreValueCasts(Value)))
    SameBlock = true;
  if (!SameBlock)
    WriteSites[D].push_back(Where);
  if (!SameBlock &&
      (!Value || !constantValue(pointerBase(ignoreValueCasts(Value)), Ctx)))
    ++ValueWrites[D];
  if (const auto *Call =
          Value ? dyn_cast<CallExpr>(ignoreValueCasts(Value)) : nullptr)
    for (const Expr *Arg : Call->arguments())
      if (const auto *R = dyn_cast<DeclRefExpr>(ignoreValueCasts(Arg));
          R && R->getDecl()->getCanonicalDecl() == D) {
        ++SelfReplacing[D];
        break;
      }
  const auto *Var = dyn_cast<VarDecl>(D);
  // Pointer arithmetic keeps the block: a cursor (`cp = copy; cp++;`) still
  // holds a copy of what it was given.
  if (!Var || !Var->hasLocalStorage() || SameBlock)
    return;
  const ValueDecl *Src = nullptr;
  if (Value) {
    // `a = b = p`: a copy of b.
    const Expr *V = pointerBase(chainedValue(Value));
    if (const auto *R = dyn_cast<DeclRefExpr>(V))
      Src = dyn_cast<VarDecl>(R->getDecl());
    else if (constantValue(V, Ctx))
      return; // `fd = -1`, `p = NULL`: no value of another variable
  }
  if (Src) {
    CopyStmts.push_back({Where, Var, cast<VarDecl>(Src)});
    Src = cast<ValueDecl>(Src->getCanonicalDecl());
  } else if (const VarDecl *Inner = chainedTarget(Value)) {
    // `alloc = buf = malloc(n)`: alloc gets buf's new value, a copy for
    // the handle's moves, though not a variable only ever holding copies.
    CopyStmts.push_back({Where, Var, Inner});
  }
  // A parameter starts with the caller's value: never only a copy.
  if (isa<ParmVarDecl>(Var))
    Src = nullptr;
  else
    noteElementCopy(D, Value);
  auto [It, New] = Copies.try_emplace(D, Src);
  if (!New && It->second != Src)
    It->second = nullptr;
}

void BodyIndex::noteLoad(const Stmt *Where, const VarDecl *To,
                         const Expr *Value) {
  Value = ignoreValueCasts(Value);
  const auto *UO = dyn_cast<UnaryOperator>(Value);
  if (isa<MemberExpr>(Value) || (UO && UO->getOpcode() == UO_Deref) ||
      elementOf(Value))
    IndirectLoads.push_back({Where, To, Value});
}

void BodyIndex::notePlainUse(const Expr *E) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParens()))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
        VD && VD->hasLocalStorage())
      ++PlainUses[cast<ValueDecl>(VD->getCanonicalDecl())];
}

void BodyIndex::walk(const Stmt *S, const Stmt *P) {
  if (!S)
    return;
  Parent[S] = P;
  // `sizeof(p)`, `sizeof *p`: not evaluated, so neither a read nor a
  // write of p (`memcpy(out, &p, sizeof(p))`).
  if (const auto *Trait = dyn_cast<UnaryExprOrTypeTraitExpr>(S);
      Trait && !Trait->isArgumentType() &&
      !Trait->getArgumentExpr()->getType()->isVariablyModifiedType())
    return;
  const size_t FirstCopy = CopyStmts.size();
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D)) {
        DeclOf[VD] = DS;
        const Expr *Init = VD->getInit();
        if (!Init || !isLocalVar(VD))
          continue;
        ++Writes[VD->getCanonicalDecl()];
        WriteSites[VD->getCanonicalDecl()].push_back(DS);
        noteChain(VD, Init);
        noteLoad(DS, VD, Init);
        if (!constantValue(pointerBase(ignoreValueCasts(Init)), Ctx))
          ++ValueWrites[VD->getCanonicalDecl()];
        if (VD->getType()->isPointerType() ||
            VD->getType()->isReferenceType() ||
            VD->getType()->isIntegralOrEnumerationType())
          AliasInit[VD->getCanonicalDecl()] = Init;
        const Expr *V = pointerBase(chainedValue(Init));
        if (const auto *R = dyn_cast<DeclRefExpr>(V);
            R && isa<VarDecl>(R->getDecl())) {
          CopyStmts.push_back({DS, VD, cast<VarDecl>(R->getDecl())});
          Copies.try_emplace(VD->getCanonicalDecl(),
                             cast<ValueDecl>(R->getDecl()->getCanonicalDecl()));
          noteElementCopy(VD->getCanonicalDecl(), nullptr);
        } else if (!constantValue(V, Ctx)) {
          Copies[VD->getCanonicalDecl()] = nullptr;
          noteElementCopy(VD->getCanonicalDecl(), Init);
        }
      }
  } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign) {
      noteWrite(BO->getLHS(), BO->getRHS(), BO);
      const Expr *L = BO->getLHS()->IgnoreParenImpCasts();
      const auto *UO = dyn_cast<UnaryOperator>(L);
      if (isa<MemberExpr>(L) || (UO && UO->getOpcode() == UO_Deref))
        IndirectStores.push_back(BO);
      if (const auto *R = dyn_cast<DeclRefExpr>(L)) {
        noteChain(R->getDecl(), BO->getRHS());
        if (const auto *VD = dyn_cast<VarDecl>(R->getDecl());
            VD && isLocalVar(VD))
          noteLoad(BO, VD, BO->getRHS());
      }
    }
    else if (BO->isCompoundAssignmentOp())
      noteWrite(BO->getLHS(), nullptr, BO,
                (BO->getOpcode() == BO_AddAssign ||
                 BO->getOpcode() == BO_SubAssign) &&
                    BO->getLHS()->getType()->isPointerType());
    if (BO->isAssignmentOp())
      notePlainUse(BO->getLHS());
  } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      noteWrite(UO->getSubExpr(), nullptr, UO,
                UO->isIncrementDecrementOp() &&
                    UO->getSubExpr()->getType()->isPointerType());
    if (UO->isIncrementDecrementOp())
      notePlainUse(UO->getSubExpr());
  } else if (const auto *IC = dyn_cast<ImplicitCastExpr>(S)) {
    if (IC->getCastKind() == CK_LValueToRValue) {
      notePlainUse(IC->getSubExpr());
      noteDerefOrPassed(IC);
    }
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
        VD && VD->hasLocalStorage())
      ++Refs[cast<ValueDecl>(VD->getCanonicalDecl())];
  } else if (isa<LambdaExpr, BlockExpr>(S)) {
    if (const auto *LE = dyn_cast<LambdaExpr>(S))
      for (const LambdaCapture &C : LE->captures())
        if (C.capturesVariable()) {
          const ValueDecl *D =
              cast<ValueDecl>(C.getCapturedVar()->getCanonicalDecl());
          Written.insert(D);
          Escaping.insert(D);
          Copies[D] = nullptr;
          ElementCopies[D] = Element();
        }
    if (const auto *BE = dyn_cast<BlockExpr>(S))
      for (const BlockDecl::Capture &C : BE->getBlockDecl()->captures())
        Escaping.insert(cast<ValueDecl>(C.getVariable()->getCanonicalDecl()));
    return;
  }
  if (isa<CallExpr, CXXNewExpr, CXXConstructExpr, CXXDeleteExpr>(S))
    Candidates.push_back(cast<Expr>(S));
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    for (const Expr *Arg : Call->arguments()) {
      if (const VarDecl *V = outArgument(Arg)) {
        ++OutArgs[cast<ValueDecl>(V->getCanonicalDecl())];
      } else if (const VarDecl *I = lentInteger(Arg)) {
        const auto *D = cast<ValueDecl>(I->getCanonicalDecl());
        if (!LentArgs[D]++)
          Lent.push_back(D);
      }
    }
  }
  const size_t InnerCopy = CopyStmts.size();
  for (const Stmt *C : S->children())
    walk(C, S);
  // Copies in the order they happen: `files = cur = node` stores cur
  // before files (which is a copy of cur).
  if (InnerCopy > FirstCopy && CopyStmts.size() > InnerCopy &&
      (isa<BinaryOperator>(S) ||
       (isa<DeclStmt>(S) && cast<DeclStmt>(S)->isSingleDecl())))
    std::rotate(CopyStmts.begin() + FirstCopy, CopyStmts.begin() + InnerCopy,
                CopyStmts.end());
}

bool BodyIndex::plainAccess(const Expr *Deref) const {
  // Read (`*p == 1`) or written (`*p = 1`, `++*p`) where it stands; not
  // bound to a reference, given to a call, nor its address taken.
  const Stmt *Child = Deref;
  const Stmt *User = Parent.lookup(Deref);
  while (isa_and_nonnull<ParenExpr>(User)) {
    Child = User;
    User = Parent.lookup(User);
  }
  if (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(User))
    return IC->getCastKind() == CK_LValueToRValue;
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(User))
    return BO->isAssignmentOp() ? BO->getLHS() == Child : true;
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(User))
    return UO->isIncrementDecrementOp();
  return false;
}

void BodyIndex::noteDerefOrPassed(const ImplicitCastExpr *Load) {
  const auto *R = dyn_cast<DeclRefExpr>(Load->getSubExpr()->IgnoreParens());
  const auto *VD = R ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
  if (!VD || !VD->hasLocalStorage() || !VD->getType()->isPointerType())
    return;
  // The value's user, above parentheses and implicit conversions (the
  // parents above Load are known: the walk enters a statement first).
  const Stmt *Child = Load;
  const Stmt *User = Parent.lookup(Load);
  while (User && (isa<ParenExpr>(User) || isa<ImplicitCastExpr>(User))) {
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(User);
        IC && IC->getCastKind() == CK_PointerToBoolean)
      break; // a truth test
    Child = User;
    User = Parent.lookup(User);
  }
  if (!User)
    return;
  bool Kept = true;
  if (isa<ImplicitCastExpr>(User)) {
    Kept = false; // to bool
  } else if (const auto *UO = dyn_cast<UnaryOperator>(User)) {
    Kept = UO->getOpcode() != UO_LNot &&
           (UO->getOpcode() != UO_Deref || !plainAccess(UO));
  } else if (const auto *Call = dyn_cast<CallExpr>(User)) {
    Kept = Call->getCallee() == Child;
  } else if (const auto *BO = dyn_cast<BinaryOperator>(User)) {
    const Expr *Other = BO->getLHS() == Child ? BO->getRHS() : BO->getLHS();
    Kept = !(BO->isLogicalOp() ||
             (BO->isEqualityOp() &&
              Other->isNullPointerConstant(
                  Ctx, Expr::NPC_ValueDependentIsNotNull)));
  } else if (const auto *If = dyn_cast<IfStmt>(User)) {
    Kept = If->getCond() != Child;
  } else if (const auto *W = dyn_cast<WhileStmt>(User)) {
    Kept = W->getCond() != Child;
  } else if (const auto *CO = dyn_cast<ConditionalOperator>(User)) {
    Kept = CO->getCond() != Child;
  }
  if (!Kept)
    ++DerefOrPassed[cast<ValueDecl>(VD->getCanonicalDecl())];
}

bool BodyIndex::cellParameter(const ValueDecl *D) const {
  const auto *P = dyn_cast<ParmVarDecl>(D);
  if (!P || !P->getType()->isPointerType())
    return false;
  const QualType T = P->getType()->getPointeeType();
  if (T.isConstQualified() || T.isVolatileQualified() ||
      !(T->isIntegralOrEnumerationType() || T->isBooleanType()))
    return false;
  D = cast<ValueDecl>(D->getCanonicalDecl());
  const unsigned Uses = PlainUses.lookup(D);
  return writtenOnlyByName(D) && writeCount(D) == 0 && Uses > 0 &&
         DerefOrPassed.lookup(D) == Uses;
}

const VarDecl *BodyIndex::outArgument(const Expr *Arg) {
  const VarDecl *V = addressedVar(Arg);
  return V && V->hasLocalStorage() && V->getType()->isPointerType() ? V
                                                                     : nullptr;
}

const VarDecl *BodyIndex::chainedTarget(const Expr *Value) const {
  const auto *In =
      dyn_cast_or_null<BinaryOperator>(Value ? Value->IgnoreParenImpCasts()
                                             : nullptr);
  if (!In || In->getOpcode() != BO_Assign)
    return nullptr;
  // `a = b = c = NULL` stores a constant in each: no copies.
  const Expr *Last = In;
  while (const auto *BO = dyn_cast<BinaryOperator>(Last)) {
    if (BO->getOpcode() != BO_Assign)
      break;
    Last = ignoreValueCasts(BO->getRHS());
  }
  if (constantValue(pointerBase(Last), Ctx))
    return nullptr;
  const auto *R = dyn_cast<DeclRefExpr>(In->getLHS()->IgnoreParenImpCasts());
  return R ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
}

void BodyIndex::noteChain(const ValueDecl *Outer, const Expr *Value) {
  const VarDecl *Inner = chainedTarget(Value);
  if (!Inner)
    return;
  const auto *A = cast<ValueDecl>(Outer->getCanonicalDecl());
  const auto *B = cast<ValueDecl>(Inner->getCanonicalDecl());
  Chained[A].push_back(B);
  Chained[B].push_back(A);
}

} // namespace clang::tidy::raii
