//===- HandleKey.cpp - keys of handles and locked objects -----------------===//
#include "engine/HandleKey.h"
#include "engine/BodyIndex.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::raii {

void HandleKey::addDecl(const ValueDecl *D) {
  Steps.push_back({Step::Decl, D->getCanonicalDecl(), 0});
}

void HandleKey::addVarIndex(const ValueDecl *D) {
  Steps.push_back({Step::VarIndex, D->getCanonicalDecl(), 0});
}

unsigned KeyTable::intern(const HandleKey &K) {
  unsigned Id = find(K);
  if (Id != ~0u)
    return Id;
  Keys.push_back(K);
  return Keys.size() - 1;
}

unsigned KeyTable::find(const HandleKey &K) const {
  for (unsigned I = 0; I < Keys.size(); ++I)
    if (Keys[I] == K)
      return I;
  return ~0u;
}

const Expr *ignoreValueCasts(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    // `__extension__ ({ ..; __p; })` (GLib's g_new0 in optimised builds):
    // the value of its last statement.
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_Extension) {
      E = UO->getSubExpr();
      continue;
    }
    // `*(&ctx)`, a macro's `free(*(pp))` given `&ctx`: ctx itself.
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_Deref)
      if (const auto *In =
              dyn_cast<UnaryOperator>(UO->getSubExpr()->IgnoreParens());
          In && In->getOpcode() == UO_AddrOf) {
        E = In->getSubExpr();
        continue;
      }
    if (const auto *SE = dyn_cast<StmtExpr>(E)) {
      const CompoundStmt *CS = SE->getSubStmt();
      const auto *Last = CS && !CS->body_empty()
                             ? dyn_cast<Expr>(CS->body_back())
                             : nullptr;
      if (!Last)
        return E;
      E = Last;
      continue;
    }
    const auto *CE = dyn_cast<ExplicitCastExpr>(E);
    if (!CE)
      return E;
    switch (CE->getCastKind()) {
    case CK_NoOp:
    case CK_BitCast:
    case CK_IntegralCast:
    // `static_cast<Derived *>(base)`, `dynamic_cast<Derived *>(base)`: the
    // same object (a dynamic cast's null aside, which BranchFacts reads).
    case CK_BaseToDerived:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
    case CK_Dynamic:
      E = CE->getSubExpr();
      continue;
    case CK_IntegralToPointer: {
      // `(void *)(uintptr_t)p`, a `const` cast through an integer
      // (cryptsetup's CONST_CAST): p, where the integer holds a pointer.
      const auto *ToInt =
          dyn_cast<CastExpr>(CE->getSubExpr()->IgnoreParens());
      if (ToInt && ToInt->getCastKind() == CK_PointerToIntegral) {
        E = ToInt->getSubExpr();
        continue;
      }
      return E;
    }
    default:
      return E;
    }
  }
}

/// The index of the parameter \p FD's whole body returns, if that is all
/// it does (a function, not a member: its arguments are its parameters).
static std::optional<unsigned> returnedParameter(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || isa<CXXMethodDecl>(FD))
    return std::nullopt;
  // The C library's copies return their destination (C17 7.24.2, 7.24.3,
  // 7.24.6.1; 7.29.4): `return strcat(path, name);` returns path.
  if (FD->getIdentifier() && (FD->getBuiltinID() || isCLibraryFunction(FD))) {
    llvm::StringRef Name = FD->getName();
    Name.consume_front("__builtin_");
    Name = Name.ltrim('_'); // `__builtin___strcpy_chk`, `__memcpy_chk`
    Name.consume_back("_chk");
    if (llvm::is_contained({"strcpy", "strncpy", "strcat", "strncat",
                            "memcpy", "memmove", "memset", "wcscpy",
                            "wcsncpy", "wcscat", "wcsncat", "wmemcpy",
                            "wmemmove", "wmemset"},
                           Name))
      return 0u;
  }
  if (!FD->hasBody(Def))
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  const auto *Ret = Body && Body->size() == 1
                        ? dyn_cast<ReturnStmt>(Body->body_front())
                        : nullptr;
  const Expr *V = Ret && Ret->getRetValue()
                      ? ignoreValueCasts(Ret->getRetValue())
                      : nullptr;
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(V);
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  if (!P || P->getDeclContext() != Def)
    return std::nullopt;
  return P->getFunctionScopeIndex();
}

const Expr *ignoreIdentityCalls(const Expr *E) {
  for (unsigned Hop = 0; Hop < 4; ++Hop) {
    E = ignoreValueCasts(E);
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call || isa<CXXOperatorCallExpr, CXXMemberCallExpr>(Call))
      return E;
    std::optional<unsigned> I = returnedParameter(Call->getDirectCallee());
    if (!I || *I >= Call->getNumArgs())
      return E;
    E = Call->getArg(*I);
  }
  return ignoreValueCasts(E);
}

/// Cheap test before asking clang's evaluator: \p E reads no variable but a
/// `const` one and calls no function but `constexpr` ones and builtins, so
/// it may be a constant.
static bool mayBeConstant(const Expr *E) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    return !V || V->getType().isConstQualified() || V->isConstexpr();
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || !(FD->isConstexpr() || FD->getBuiltinID()))
      return false;
  } else if (isa<MemberExpr, ArraySubscriptExpr, StringLiteral>(E)) {
    return false;
  }
  for (const Stmt *C : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(C); CE && !mayBeConstant(CE))
      return false;
  return true;
}

/// A global variable, a local array (`char st[64]; char *b = st; ...
/// if (b != st) free(b);`), a field reached from a parameter, a global
/// or `this` (`if (in != p->in) fclose(in);`), or a pointer parameter
/// (`if (my_path != path) free(my_path);`, when the function never writes
/// it: trueMeansAcquired): what it holds or is was not acquired by this
/// function while the acquisition is still held (storing the handle there
/// would have handed it off; the caller's value is older than the
/// acquisition).
bool notAcquiredHere(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  bool Field = false;
  while (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (!isa<FieldDecl>(ME->getMemberDecl()))
      return false;
    Field = true;
    E = ME->getBase()->IgnoreParenImpCasts();
  }
  if (Field && isa<CXXThisExpr>(E))
    return true;
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V)
    return false;
  if (Field)
    return isa<ParmVarDecl>(V) ||
           (V->hasGlobalStorage() && !V->isStaticLocal());
  return (V->hasGlobalStorage() && !V->isStaticLocal()) ||
         V->getType()->isArrayType() ||
         (isa<ParmVarDecl>(V) && V->getType()->isPointerType());
}

std::optional<int64_t> standardStreamNumber(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD || Call->getNumArgs() != 1 || !FD->getIdentifier() ||
      FD->getName() != "fileno" ||
      !FD->getDeclContext()->getRedeclContext()->isTranslationUnit())
    return std::nullopt;
  const auto *DRE =
      dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  // The C library's streams, declared at file scope (not a program's own
  // `app::stdin`).
  if (!V || !V->hasGlobalStorage() || !V->getIdentifier() ||
      !V->getDeclContext()->getRedeclContext()->isTranslationUnit())
    return std::nullopt;
  return llvm::StringSwitch<std::optional<int64_t>>(V->getName())
      .Case("stdin", 0)
      .Case("stdout", 1)
      .Case("stderr", 2)
      .Default(std::nullopt);
}

std::optional<int64_t> numberNamed(const Expr *E, ASTContext &Ctx) {
  if (std::optional<int64_t> K = constantValue(E, Ctx))
    return K;
  return standardStreamNumber(E);
}

std::optional<int64_t> constantValue(const Expr *E, ASTContext &Ctx) {
  if (!E || E->isValueDependent())
    return std::nullopt;
  if (const auto *IL = dyn_cast<IntegerLiteral>(E->IgnoreParens());
      IL && IL->getValue().getBitWidth() <= 64)
    return IL->getValue().getSExtValue();
  if (!mayBeConstant(E))
    return std::nullopt;
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return 0;
  Expr::EvalResult R;
  // `((sem_t *)0)`, `(HANDLE)-1`: an integer constant cast to a pointer.
  if (!E->EvaluateAsInt(R, Ctx) &&
      !E->IgnoreParenCasts()->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  // A `bool` is one bit wide: `true` is 1, not that bit sign-extended.
  const llvm::APSInt &I = R.Val.getInt();
  return I.getBitWidth() == 1 ? int64_t(I.getZExtValue()) : I.getSExtValue();
}

bool KeyBuilder::keyOf(const Expr *E, HandleKey &K, bool StripDeref) const {
  return build(E, K, StripDeref, 0);
}

const ValueDecl *KeyBuilder::copiedHandle(const ValueDecl *D) const {
  llvm::SmallVector<const ValueDecl *, 4> Chain{D};
  const ValueDecl *Src = Body.copySource(D);
  for (unsigned Hop = 0; Src && !isHandleRoot(Src) && Hop < 4; ++Hop) {
    Chain.push_back(Src);
    Src = Src != D ? Body.copySource(Src) : nullptr;
  }
  if (!Src || !isHandleRoot(Src))
    return nullptr;
  for (unsigned I = 0; I < Chain.size(); ++I)
    if (Body.copiedAcrossRounds(Chain[I],
                                I + 1 < Chain.size() ? Chain[I + 1] : Src))
      return nullptr;
  return oneValue(Src, Chain) ? Src : nullptr;
}

bool KeyBuilder::oneValue(const ValueDecl *Src,
                          llvm::ArrayRef<const ValueDecl *> Copies) const {
  // One handle: the handle variable's one value besides constants, the
  // block the copies point into (`fds = tmp; .. tmp = fds + n;`) and the
  // values that replace the one they were made from (`p = realloc(p, n)`).
  unsigned Writes = Body.valueWriteCount(Src);
  if (Writes > 1)
    Writes -= std::min(Writes - 1, Body.selfReplacingWrites(Src));
  for (unsigned I = 0; I < Copies.size() && Writes > 1; ++I)
    Writes -= std::min(Writes, Body.writesCopying(Src, Copies[I]));
  return Writes <= 1;
}

const ValueDecl *KeyBuilder::chainedHandle(const ValueDecl *D) const {
  if (!BodyIndex::isLocalVar(D) || D->getType()->isReferenceType() ||
      Body.writeCount(D) != 1)
    return nullptr;
  for (const ValueDecl *P : Body.chainPartners(D))
    if (isHandleRoot(P) && Body.valueWriteCount(P) <= 1)
      return P;
  return nullptr;
}

bool KeyBuilder::build(const Expr *E, HandleKey &K, bool StripDeref,
                       unsigned Depth) const {
  if (!E || Depth > 8)
    return false;
  E = ignoreIdentityCalls(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (StripDeref &&
        (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref))
      return build(UO->getSubExpr(), K, StripDeref, Depth + 1);
    return false;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (StripDeref && OC->getOperator() == OO_Star && OC->getNumArgs() == 1)
      return build(OC->getArg(0), K, StripDeref, Depth + 1);
    return false;
  }
  if (isa<CXXThisExpr>(E)) {
    K.addThis();
    return true;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *D = dyn_cast<VarDecl>(DRE->getDecl());
    if (!D)
      return false;
    if (!isHandleRoot(D)) {
      // A local pointer or reference that only ever names another object.
      if (const Expr *Init = Body.aliasInit(D)) {
        const Expr *I = Init->IgnoreParenImpCasts();
        const auto *UO = dyn_cast<UnaryOperator>(I);
        bool Addr = UO && UO->getOpcode() == UO_AddrOf;
        bool Ref = D->getType()->isReferenceType();
        // `void *p = (void *)g;`: a cast that keeps the value copies too;
        // so do `char *p = s.buf;` of a local object's field and `char *p
        // = *pp;` of the local pp points to, `int fd = u.second;` of a
        // descriptor there, and `int ret = fd;` of a descriptor variable
        // (sudo's `debug_return_int(fd)` returns such a copy).
        const Expr *V = ignoreValueCasts(Init);
        const bool Place = Body.ownedAggregate(V) || Body.pointeeLocal(V);
        bool Copy = (isa<DeclRefExpr>(V) || Place) &&
                    (I->getType()->isPointerType() ||
                     I->getType()->isIntegralOrEnumerationType());
        // Not a copy of a handle variable given another value after it
        // (`char *old = buf; .. buf = grown;`): the copy keeps the value
        // it was given.
        if (const auto *From = dyn_cast<DeclRefExpr>(V);
            Copy && From && isHandleRoot(From->getDecl()))
          if (const Stmt *DS = Body.declStmtOf(D);
              !DS || Body.writtenAfter(From->getDecl(), DS))
            Copy = false;
        HandleKey Sub;
        if ((Addr || Ref || Copy) && build(Init, Sub, true, Depth + 1)) {
          K.append(Sub);
          return true;
        }
      }
      // A local that only ever holds a copy of a handle variable.
      if (const ValueDecl *Src = copiedHandle(D)) {
        K.addDecl(Src);
        return true;
      }
      // ... or is given its one value by the chained assignment that
      // stores the handle (`a = b = malloc(n)`, a the handle variable).
      if (const ValueDecl *Src = chainedHandle(D)) {
        K.addDecl(Src);
        return true;
      }
      // ... or of one element of a handle array (`a = sv[0];` after
      // `socketpair(.., sv)`).
      if (auto El = Body.elementSource(D); El && isHandleRoot(El->Array)) {
        K.addDecl(El->Array);
        K.addIndex(El->Index);
        return true;
      }
    }
    K.addDecl(D);
    return true;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *Member = ME->getMemberDecl();
    if (!isa<FieldDecl, VarDecl>(Member))
      return false;
    if (isa<VarDecl>(Member)) { // a static member
      K.addDecl(Member);
      return true;
    }
    if (!build(ME->getBase(), K, true, Depth + 1))
      return false;
    // The members of a union share one place: `u.first = p;` then
    // `free(u.second)` releases p.
    if (const RecordDecl *RD = cast<FieldDecl>(Member)->getParent();
        RD->isUnion() && !RD->field_empty())
      Member = *RD->field_begin();
    K.addDecl(Member);
    return true;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Idx = AS->getIdx();
    if (Idx->isValueDependent())
      return false;
    Expr::EvalResult R;
    if (Idx->EvaluateAsInt(R, Ctx)) {
      if (!build(AS->getBase(), K, false, Depth + 1))
        return false;
      K.addIndex(R.Val.getInt().getZExtValue());
      return true;
    }
    // `mx[type]` with `type` never changed in the function.
    const auto *IdxRef = dyn_cast<DeclRefExpr>(ignoreValueCasts(Idx));
    const auto *IdxVar = IdxRef ? dyn_cast<VarDecl>(IdxRef->getDecl()) : nullptr;
    if (!IdxVar || !IdxVar->hasLocalStorage() || !Body.isUnchanged(IdxVar))
      return false;
    if (!build(AS->getBase(), K, false, Depth + 1))
      return false;
    K.addVarIndex(IdxVar);
    return true;
  }
  return false;
}

bool sameLvalue(const Expr *A, const Expr *B, ASTContext &Ctx) {
  if (!A || !B)
    return false;
  A = A->IgnoreParenImpCasts();
  B = B->IgnoreParenCasts();
  if (A->HasSideEffects(Ctx) || B->HasSideEffects(Ctx))
    return false;
  llvm::FoldingSetNodeID IA, IB;
  A->Profile(IA, Ctx, /*Canonical=*/true);
  B->Profile(IB, Ctx, /*Canonical=*/true);
  return IA == IB;
}

} // namespace clang::tidy::raii
