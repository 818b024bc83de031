//===- BodyIndex.cpp - one pass over a function body ----------------------===//
#include "engine/BodyIndex.h"
#include <functional>
#include "engine/HandleKey.h"
#include "support/BranchHints.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::raii {

/// `b + 8`, `b - 1`, `&b->node`, `&b->hdr.link`: a pointer into the block
/// b points to stands for b.
static const Expr *pointerBase(const Expr *E) {
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
  if (V == E || !isa<DeclRefExpr>(pointerBase(V)))
    return E;
  return Inner ? Inner : V;
}

BodyIndex::BodyIndex(const FunctionDecl *Fn, ASTContext &Ctx)
    : Fn(Fn), Ctx(Ctx) {
  walk(Fn->getBody(), nullptr);
}

bool BodyIndex::isLocalVar(const ValueDecl *D) {
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  return VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD);
}

bool BodyIndex::containsReturnOrLabel(const Stmt *S) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (isa<ReturnStmt, LabelStmt>(S))
    return true;
  return llvm::any_of(S->children(), containsReturnOrLabel);
}

bool BodyIndex::isOwnedVar(const ValueDecl *D) {
  const auto *V = dyn_cast_or_null<VarDecl>(D);
  if (!V || !V->hasLocalStorage())
    return false;
  if (!V->getType()->isReferenceType())
    return true;
  // A local reference to storage of the function's own (`char *&r = p;`,
  // `= c ? p : q`, `= s.buf`, `= a[0]` of a local struct or array), not to
  // a field through a pointer or to what a reference parameter names.
  if (isa<ParmVarDecl>(V) || !V->getInit())
    return false;
  std::function<bool(const Expr *)> Own = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *CO = dyn_cast<ConditionalOperator>(E))
      return Own(CO->getTrueExpr()) && Own(CO->getFalseExpr());
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return !ME->isArrow() && Own(ME->getBase());
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      return AS->getBase()->IgnoreParenImpCasts()->getType()->isArrayType() &&
             Own(AS->getBase());
    const auto *R = dyn_cast<DeclRefExpr>(E);
    return R && R->getDecl() != V && isOwnedVar(R->getDecl());
  };
  return Own(V->getInit());
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

std::optional<BodyIndex::Element>
BodyIndex::elementSource(const ValueDecl *D) const {
  auto It = ElementCopies.find(cast<ValueDecl>(D->getCanonicalDecl()));
  if (It == ElementCopies.end() || !It->second.Array ||
      ElementsWritten.count(It->second.Array))
    return std::nullopt;
  return It->second;
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
  const auto *DRE = dyn_cast<DeclRefExpr>(LHS->IgnoreParenImpCasts());
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

const Expr *BodyIndex::copiedValue(const Copy &Cp) {
  if (const auto *BO = dyn_cast<BinaryOperator>(Cp.Where))
    return BO->getRHS();
  return Cp.To->getInit();
}

bool BodyIndex::copiesWhole(const Copy &Cp) {
  auto IsFrom = [&](const Expr *E) {
    const auto *R = dyn_cast<DeclRefExpr>(ignoreValueCasts(E));
    return R && R->getDecl()->getCanonicalDecl() ==
                    Cp.From->getCanonicalDecl();
  };
  const Expr *V = copiedValue(Cp);
  const Expr *Copied = nullptr;
  const Expr *Last = V ? ignoreValueCasts(V) : nullptr;
  while (const auto *Chain = dyn_cast_or_null<BinaryOperator>(Last)) {
    if (Chain->getOpcode() != BO_Assign)
      break;
    if (!Copied && IsFrom(Chain->getLHS()))
      Copied = Chain->getLHS();
    Last = ignoreValueCasts(Chain->getRHS());
  }
  if (Copied && isa<DeclRefExpr>(Last))
    V = Copied;
  return V && IsFrom(V);
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
  if (const auto *Call = dyn_cast<CallExpr>(S))
    for (const Expr *Arg : Call->arguments())
      if (const VarDecl *V = outArgument(Arg))
        ++OutArgs[cast<ValueDecl>(V->getCanonicalDecl())];
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
  const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
  const auto *DRE = UO && UO->getOpcode() == UO_AddrOf
                        ? dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens())
                        : nullptr;
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && V->hasLocalStorage() && V->getType()->isPointerType() ? V
                                                                     : nullptr;
}

const VarDecl *BodyIndex::initialisedVar(const Expr *E) const {
  if (const VarDecl *V = storedInto(E))
    return V;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(parent(E)))
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (VD->getInit() &&
            VD->getInit()->IgnoreImplicit() == E->IgnoreImplicit())
          return VD;
  return nullptr;
}

const VarDecl *BodyIndex::storedInto(const Expr *E) const {
  // `orig = p = strdup(s)` stores into both; the variable written only
  // there keeps the handle (p is advanced, orig freed), else the first.
  llvm::SmallVector<const VarDecl *, 2> Targets;
  storedTargets(E, Targets);
  if (Targets.empty())
    return nullptr;
  for (const VarDecl *V : llvm::reverse(Targets))
    if (writeCount(V) == 1)
      return V;
  return Targets.front();
}

void BodyIndex::storedTargets(
    const Expr *E, llvm::SmallVectorImpl<const VarDecl *> &Targets) const {
  const Stmt *Cur = E;
  for (const Stmt *P = Parent.lookup(Cur); P; Cur = P, P = Parent.lookup(P)) {
    if (isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr, CXXStaticCastExpr,
            CXXReinterpretCastExpr, ExprWithCleanups>(P))
      continue;
    // `rc = z ? prepare(.., &q) : NOMEM;`, `p = n ? malloc(n) : NULL;`: the
    // other arm is a value that says nothing was acquired (a non-zero
    // status, a null pointer), so the variable still tells.
    if (const auto *CO = dyn_cast<ConditionalOperator>(P);
        CO && CO->getCond() != Cur) {
      const Expr *Other =
          CO->getTrueExpr() == Cur ? CO->getFalseExpr() : CO->getTrueExpr();
      std::optional<int64_t> K = constantValue(Other, Ctx);
      if (K && (cast<Expr>(Cur)->getType()->isPointerType() ? *K == 0
                                                             : *K != 0))
        continue;
      break;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit() && VD->getInit()->IgnoreParenCasts() ==
                                   cast<Expr>(Cur)->IgnoreParenCasts() &&
              isLocalVar(VD))
            Targets.push_back(VD);
      break;
    }
    const auto *BO = dyn_cast<BinaryOperator>(P);
    if (!BO || BO->getOpcode() != BO_Assign || BO->getRHS() != Cur)
      break;
    const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    // A parameter assigned a new handle (`z = realloc(z, n)`) holds it like
    // a local.
    if (!VD || !VD->hasLocalStorage() || VD->getType()->isReferenceType())
      break;
    Targets.push_back(VD);
  }
}

const Expr *BodyIndex::aliasInit(const ValueDecl *D) const {
  D = cast<ValueDecl>(D->getCanonicalDecl());
  if (Written.count(D))
    return nullptr;
  return AliasInit.lookup(D);
}

const ValueDecl *BodyIndex::copySource(const ValueDecl *D) const {
  return Copies.lookup(cast<ValueDecl>(D->getCanonicalDecl()));
}

unsigned BodyIndex::writesCopying(const ValueDecl *To,
                                  const ValueDecl *From) const {
  To = cast<ValueDecl>(To->getCanonicalDecl());
  From = cast<ValueDecl>(From->getCanonicalDecl());
  return llvm::count_if(CopyStmts, [&](const Copy &Cp) {
    return Cp.To->getCanonicalDecl() == To &&
           Cp.From->getCanonicalDecl() == From;
  });
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

llvm::ArrayRef<const ValueDecl *>
BodyIndex::chainPartners(const ValueDecl *D) const {
  auto It = Chained.find(cast<ValueDecl>(D->getCanonicalDecl()));
  if (It == Chained.end())
    return {};
  return It->second;
}

bool BodyIndex::assignedTogether(const ValueDecl *A,
                                 const ValueDecl *B) const {
  return llvm::is_contained(chainPartners(A),
                            cast<ValueDecl>(B->getCanonicalDecl()));
}

bool BodyIndex::refersTo(const Stmt *S, const ValueDecl *V) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    return DRE->getDecl()->getCanonicalDecl() == V->getCanonicalDecl();
  for (const Stmt *C : S->children())
    if (C && refersTo(C, V))
      return true;
  return false;
}

bool BodyIndex::testsValue(const Expr *E, const ValueDecl *V) {
  E = ignoreTruthHints(E)->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl()->getCanonicalDecl() == V->getCanonicalDecl();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_LNot && testsValue(UO->getSubExpr(), V);
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (!BO)
    return false;
  if (BO->getOpcode() == BO_Comma)
    return testsValue(BO->getRHS(), V);
  if (BO->isLogicalOp() || BO->isEqualityOp() || BO->isRelationalOp() ||
      BO->getOpcode() == BO_Assign)
    return testsValue(BO->getLHS(), V) || testsValue(BO->getRHS(), V);
  return false;
}

bool BodyIndex::conditionTests(const ValueDecl *V) const {
  std::function<bool(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return false;
    const Expr *Cond = nullptr;
    if (const auto *If = dyn_cast<IfStmt>(S))
      Cond = If->getCond();
    else if (const auto *W = dyn_cast<WhileStmt>(S))
      Cond = W->getCond();
    else if (const auto *D = dyn_cast<DoStmt>(S))
      Cond = D->getCond();
    else if (const auto *F = dyn_cast<ForStmt>(S))
      Cond = F->getCond();
    else if (const auto *CO = dyn_cast<ConditionalOperator>(S))
      Cond = CO->getCond();
    if (Cond && testsValue(Cond, V))
      return true;
    for (const Stmt *C : S->children())
      if (Walk(C))
        return true;
    return false;
  };
  return Walk(body());
}

bool BodyIndex::referencedAfter(const Stmt *S, const ValueDecl *V,
                                SourceLocation Loc, const SourceManager &SM) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S);
      DRE && DRE->getDecl()->getCanonicalDecl() == V->getCanonicalDecl() &&
      SM.isBeforeInTranslationUnit(Loc, DRE->getBeginLoc()))
    return true;
  for (const Stmt *Child : S->children())
    if (referencedAfter(Child, V, Loc, SM))
      return true;
  return false;
}

bool BodyIndex::isUnchanged(const ValueDecl *D) const {
  return !Written.count(cast<ValueDecl>(D->getCanonicalDecl()));
}

const VarDecl *BodyIndex::ownedAggregate(const Expr *E) const {
  E = E->IgnoreParenImpCasts();
  const auto *ME = dyn_cast<MemberExpr>(E);
  if (!ME)
    return nullptr;
  while (ME) {
    if (ME->isArrow() || !isa<FieldDecl>(ME->getMemberDecl()))
      return nullptr;
    E = ME->getBase()->IgnoreParenImpCasts();
    ME = dyn_cast<MemberExpr>(E);
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !isLocalVar(V) || V->getType()->isReferenceType() ||
      !V->getType()->isRecordType() || V->hasAttr<CleanupAttr>() ||
      !isUnchanged(V))
    return nullptr;
  if (const auto *RD = V->getType()->getAsCXXRecordDecl();
      RD && !RD->hasTrivialDestructor())
    return nullptr;
  return V;
}

const VarDecl *BodyIndex::pointeeLocal(const Expr *E) const {
  const auto *UO = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
  if (!UO || UO->getOpcode() != UO_Deref)
    return nullptr;
  const auto *P = dyn_cast<DeclRefExpr>(ignoreValueCasts(UO->getSubExpr()));
  const auto *PV = P ? dyn_cast<VarDecl>(P->getDecl()) : nullptr;
  if (!PV || !isLocalVar(PV) || !PV->getType()->isPointerType())
    return nullptr;
  const Expr *Init = aliasInit(PV);
  const auto *Addr =
      Init ? dyn_cast<UnaryOperator>(Init->IgnoreParenImpCasts()) : nullptr;
  if (!Addr || Addr->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *V = dyn_cast<DeclRefExpr>(Addr->getSubExpr()->IgnoreParens());
  const auto *Local = V ? dyn_cast<VarDecl>(V->getDecl()) : nullptr;
  return Local && isLocalVar(Local) &&
                 !Local->getType()->isReferenceType()
             ? Local
             : nullptr;
}

} // namespace clang::tidy::raii
