//===- HandOff.cpp - the hand-off rules -----------------------------------===//
//
// What passing a handle to a call, or calling a member on it, does to it
// (HandOff.h); what the file's own functions do with what they are given
// is read from their bodies by CalleeBodies.cpp.
//
//===----------------------------------------------------------------------===//
#include "engine/HandOff.h"
#include "engine/LibraryHeaders.h"
#include "catalog/Vocabulary.h"
#include "engine/CalleeBodies.h"
#include "support/CallbackRegistration.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::raii {

bool isConstView(QualType T) {
  if (const auto *R = T->getAs<ReferenceType>())
    return R->getPointeeType().isConstQualified();
  if (const auto *P = T->getAs<PointerType>())
    return P->getPointeeType().isConstQualified();
  return false;
}

bool libraryCopies(const CXXConstructExpr *CE, unsigned I) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  return I < Ctor->getNumParams() &&
         isConstView(Ctor->getParamDecl(I)->getType()) &&
         isLibraryFunction(Ctor);
}

/// True if a parameter of type \p Param may be given \p Handle's object:
/// a number of the same type (a descriptor), a pointer to the same type, a
/// `void *` where the handle is no array of pointers (whose elements a
/// callback would be given: `apply_all(items, n, free_item)`), any pointer
/// where the handle is a `void *`.
static bool takesObjectOf(QualType Param, const Expr *Handle) {
  const QualType H = Handle->IgnoreParenImpCasts()->getType();
  auto Bare = [](QualType T) {
    return T.getCanonicalType().getUnqualifiedType();
  };
  if (H->isIntegerType())
    return Param->isIntegerType() && Bare(Param) == Bare(H);
  if (!Param->isPointerType() || !H->isPointerType())
    return false;
  const QualType P = Param->getPointeeType();
  if (P->isVoidType())
    return !H->getPointeeType()->isPointerType();
  return H->getPointeeType()->isVoidType() ||
         Bare(P) == Bare(H->getPointeeType());
}

/// \p Arg designates a function called with as many arguments as it
/// takes: itself, or cast to a function pointer type of its arity
/// (`(GDestroyNotify)foo_free`), not to one of another.
static bool calledAsItIs(const Expr *Arg, const FunctionDecl *FD) {
  const auto *Cast = dyn_cast<ExplicitCastExpr>(Arg->IgnoreParenImpCasts());
  if (!Cast)
    return true;
  const QualType T = Cast->getType();
  const auto *Proto =
      T->isPointerType() ? T->getPointeeType()->getAs<FunctionProtoType>()
                         : nullptr;
  return Proto && Proto->getNumParams() == FD->getNumParams();
}

/// True if another argument of \p C is a release function of \p Fam's
/// kind (`sqlite3_result_text(ctx, z, -1, sqlite3_free)`, `set(p, free)`),
/// or, to a callee whose body the file does not have, a function of the
/// file that releases one of its parameters as such a handle, a parameter
/// that may be given the handle's object, called as it is
/// (`cairo_surface_set_mime_data(s, t, p, n, gfree, p)`, `pam_set_data(h,
/// k, p, cleanup)`): the callee will release the handle with it.
static bool passesItsRelease(const CallExpr *C, unsigned I, const Family &Fam,
                             const RuleCatalog &Cat) {
  // A callee of the file is read from its body (it may call the function
  // on something else, or not at all).
  const FunctionDecl *Callee = calledFunction(C);
  const bool Visible = Callee && Callee->hasBody();
  for (unsigned J = 0; J < C->getNumArgs(); ++J) {
    if (J == I)
      continue;
    const FunctionDecl *FD = designatedFunction(C->getArg(J));
    const Release *Rel = Cat.releaseRuleFor(FD);
    if (Rel && Rel->Fam->Kind == Fam.Kind)
      return true;
    const FunctionDecl *Def =
        FD && calledAsItIs(C->getArg(J), FD) ? FD->getDefinition() : nullptr;
    if (Def && !Rel && !Visible)
      for (unsigned K = 0; K < Def->getNumParams(); ++K)
        if (takesObjectOf(Def->getParamDecl(K)->getType(), C->getArg(I)) &&
            releasesParameter(Def, K, Fam, Cat))
          return true;
  }
  return false;
}

/// `memcpy(To, &p, Size)` copies all of pointer p where \p To points,
/// outside the function's own variables (a parameter, a field through a
/// pointer, a global).
static bool storesPointerOut(const Expr *To, const Expr *From,
                             const Expr *Size, ASTContext &Ctx) {
  const auto *Addr = dyn_cast<UnaryOperator>(From->IgnoreParenCasts());
  if (!Addr || Addr->getOpcode() != UO_AddrOf)
    return false;
  const QualType T = Addr->getSubExpr()->getType();
  Expr::EvalResult R;
  if (!T->isPointerType() || Size->isValueDependent() ||
      !Size->EvaluateAsInt(R, Ctx) ||
      R.Val.getInt() != Ctx.getTypeSizeInChars(T).getQuantity())
    return false;
  // The variable the destination is in or points into.
  const Expr *E = To->IgnoreParenCasts();
  for (;;) {
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenCasts();
    else if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !ME->isArrow())
      E = ME->getBase()->IgnoreParenCasts();
    else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E);
             AS && AS->getBase()->getType()->isArrayType())
      E = AS->getBase()->IgnoreParenCasts();
    else
      break;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  // A local (an array, a structure, or a pointer that may point into
  // them), not a parameter.
  return !(V && V->hasLocalStorage() && !isa<ParmVarDecl>(V));
}

bool sendsPointer(const CallExpr *Call, unsigned I, ASTContext &Ctx) {
  const FunctionDecl *FD = calledFunction(Call);
  if (!FD || !FD->getIdentifier() || !isCLibraryFunction(FD))
    return false;
  const llvm::StringRef N = FD->getName();
  unsigned Buf, Size;
  if ((N == "write" || N == "send") && Call->getNumArgs() >= 3)
    Buf = 1, Size = 2;
  else if (N == "sendto" && Call->getNumArgs() == 6)
    Buf = 1, Size = 2;
  else if (N == "fwrite" && Call->getNumArgs() == 4)
    Buf = 0, Size = 1;
  else
    return false;
  if (I != Buf)
    return false;
  const auto *Addr =
      dyn_cast<UnaryOperator>(Call->getArg(I)->IgnoreParenCasts());
  if (!Addr || Addr->getOpcode() != UO_AddrOf)
    return false;
  const QualType T = Addr->getSubExpr()->getType();
  const Expr *S = Call->getArg(Size);
  Expr::EvalResult R;
  return T->isPointerType() && !S->isValueDependent() &&
         S->EvaluateAsInt(R, Ctx) &&
         R.Val.getInt() == Ctx.getTypeSizeInChars(T).getQuantity();
}

ArgFate argumentFate(const Expr *Call, unsigned I, bool AddrOf,
                     const Family &Fam, const RuleCatalog &Cat,
                     ASTContext &Ctx, bool IntoLocal) {
  const FunctionDecl *FD = nullptr;
  unsigned ParamIdx = I;
  if (const auto *C = dyn_cast<CallExpr>(Call)) {
    FD = calledFunction(C);
    if (storesArguments(C))
      return ArgFate::Taken;
    if (AddrOf && sendsPointer(C, I, Ctx))
      return ArgFate::MaybeTaken;
    // `memcpy(out, &p, sizeof p)`: pointer p stored where out points (a
    // pointer handed out without breaking strict aliasing, e2fsprogs'
    // ext2fs_get_mem). Not into the function's own storage (`memcpy(key,
    // &p, sizeof p)` of a local array), nor part of it, nor a descriptor's
    // bytes (SCM_RIGHTS' `memcpy(CMSG_DATA(cm), &fd, sizeof(int))`: the
    // sender still closes it).
    if (std::optional<ByteCopyArgs> Copy = byteCopyArgs(FD);
        Copy && AddrOf && I == Copy->Src &&
        std::max(Copy->Dst, 2u) < C->getNumArgs() &&
        storesPointerOut(C->getArg(Copy->Dst), C->getArg(I), C->getArg(2),
                         Ctx))
      return ArgFate::Stored;
    if (buildsOwnedObject(C))
      return ArgFate::MaybeTaken;
    if (const Transfer *T = Cat.transferOf(C, I, Fam))
      return T->OnSuccess ? ArgFate::MaybeTaken : ArgFate::Taken;
    if (passesItsRelease(C, I, Fam, Cat))
      return ArgFate::Taken;
    // The object argument of a member operator call is not a parameter.
    if (const unsigned First = firstParameterArgument(C)) {
      if (I < First)
        return ArgFate::Borrowed;
      ParamIdx = I - First;
    }
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    const bool ConstView = I < Ctor->getNumParams() &&
                           isConstView(Ctor->getParamDecl(I)->getType());
    if (libraryCopies(CE, I))
      return ArgFate::Borrowed;
    if (!IntoLocal)
      return ArgFate::Taken; // the object takes the handle elsewhere
    return ConstView ? ArgFate::Borrowed : ArgFate::MaybeTaken;
  }
  // The library's functions (LibraryHeaders.h: also those a rule names,
  // or declared beside one, in a header reached with `-I`) take what a
  // transfer rule says (above); their bodies are not the file's.
  const bool Library = FD && isLibraryApi(FD, Cat);
  if (FD && ParamIdx < FD->getNumParams()) {
    QualType PT = FD->getParamDecl(ParamIdx)->getType();
    // `&p` as `const void *`: the callee gets the handle's bytes, with no
    // type to read them as, and may copy them where they outlive the call
    // (flex's `buf_append(&defs_buf, &cpy, 1)` memcpys the pointer into
    // a table): one the file cannot see may, one it can if its body copies
    // them (copiesPointee); the library's functions only read them.
    if (AddrOf && PT->isPointerType() && PT->getPointeeType()->isVoidType() &&
        isConstView(PT) && !Library) {
      const FunctionDecl *Def = nullptr;
      if (!FD->hasBody(Def) || copiesPointee(Def, ParamIdx))
        return ArgFate::MaybeTaken;
    }
    if (isConstView(PT)) {
      // A body of the file may still copy the pointer where it outlives
      // the call: `T *const &` views the pointer, not what it points to (a
      // map's `set(const K &, const V &value)` with V a pointer: `rec->value
      // = value;`), and a setter may cast the `const` away (libebml's
      // `SetBuffer(const binary *Buffer, ..)`: `Data = const_cast<binary
      // *>(Buffer);`, freed by the element).
      // Not where it stores it in the caller's local given beside it
      // (`parser_init(&ps, copy)`: calleeStoresArgument).
      const FunctionDecl *Def = nullptr;
      const auto *CE = dyn_cast<CallExpr>(Call);
      if ((PT->isPointerType() ||
           PT.getNonReferenceType()->isPointerType()) &&
          CE && FD->hasBody(Def) && !Library &&
          calleeStoresArgument(CE, I))
        return ArgFate::Stored;
      return ArgFate::Borrowed;
    }
    // A value parameter that is not a pointer gets a copy of an integer
    // handle: only the callee's own code can tell what it does with it.
  } else if (FD && FD->isVariadic()) {
    return ArgFate::Borrowed; // `printf("%p", p)`, `log(fmt, ...)`
  }
  if (AddrOf)
    return ArgFate::Taken;
  if (!FD)
    return ArgFate::MaybeTaken; // through a function pointer
  // The data of a callback the library keeps (`event_set(&ev, fd, EV_READ,
  // on_read, conn)`): the callback frees it, or the call fails.
  if (Library && isa<CallExpr>(Call) &&
      registersCallbackData(cast<CallExpr>(Call), ParamIdx, Ctx))
    return ArgFate::MaybeTaken;
  if (Library && (FD->isExternC() || !Ctx.getLangOpts().CPlusPlus))
    return ArgFate::Borrowed;
  const FunctionDecl *Def = nullptr;
  const bool HasBody = FD->hasBody(Def);
  const bool OwnBody =
      HasBody && ParamIdx < FD->getNumParams() && !Library;
  if (OwnBody && storesParameter(Def, ParamIdx))
    return ArgFate::Stored;
  if (Fam.CallsTakeOwnership &&
      !(OwnBody && onlyBorrows(Def, ParamIdx, Fam, Cat, Ctx)))
    return ArgFate::MaybeTaken;
  // Whatever the family says of calls, a function of the file that
  // releases its parameter on some path (`if (flag) fclose(f);`) may take
  // the handle.
  if (OwnBody && releasesParameter(Def, ParamIdx, Fam, Cat))
    return ArgFate::MaybeTaken;
  // ... or passes it on, as it is, to a callee that may take it (`static
  // int open_agent(int fd) { return open_channel(fd, &agent); }`).
  if (OwnBody && forwardsToTaker(Def, ParamIdx, Fam, Cat, Ctx))
    return ArgFate::MaybeTaken;
  if (!HasBody)
    return Library ? ArgFate::Borrowed : ArgFate::MaybeTaken;
  return ArgFate::Borrowed;
}

ArgFate pointeeFate(const Expr *Call, unsigned I, const Family &Fam) {
  // Heap objects only, kept by a member of another object (a library's
  // too, where it is an insertion by reference) or by the object a
  // constructor builds: a free function given `*cfg` (`parse(path,
  // *cfg)`) has nowhere to keep it, nor has an operator or a `swap`.
  const FunctionDecl *FD = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    FD = MC->getMethodDecl();
  else if (const auto *CE = dyn_cast<CXXConstructExpr>(Call))
    FD = CE->getConstructor();
  if (!Fam.CallsTakeOwnership || !FD ||
      (FD->getIdentifier() && FD->getName() == "swap") ||
      I >= FD->getNumParams() ||
      !FD->getParamDecl(I)->getType().getNonReferenceType()->isRecordType())
    return ArgFate::Borrowed;
  // A library's insertion method taking the object by non-const lvalue
  // reference, as its template declares it, links it (an intrusive
  // container, `boost::intrusive::list::push_back(reference)`); the
  // standard containers copy from `const T &`, move from `T &&` or build
  // from a forwarding `Args &&` (`emplace_back(*p)` copies). A method of
  // the file is read instead (mayKeepBoundObject).
  if (const auto *C = dyn_cast<CallExpr>(Call);
      C && storesArguments(C) && isLibraryFunction(FD)) {
    const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
    if (!Pattern)
      Pattern = FD;
    // Not a pack nor `P &&` as written (a forwarding reference binds an
    // lvalue as `T &` only in the instantiation).
    if (I < Pattern->getNumParams() &&
        !Pattern->getParamDecl(I)->isParameterPack() &&
        !Pattern->getParamDecl(I)->getType()->isRValueReferenceType()) {
      const QualType PT = FD->getParamDecl(I)->getType();
      if (PT->isLValueReferenceType() && !isConstView(PT))
        return ArgFate::MaybeTaken;
    }
  }
  return mayKeepBoundObject(FD, I) ? ArgFate::MaybeTaken : ArgFate::Borrowed;
}

ArgFate objectFate(const CXXMemberCallExpr *MC, const Family &Fam,
                   const RuleCatalog &Cat, ASTContext &Ctx) {
  const CXXMethodDecl *MD = MC->getMethodDecl();
  if (!MD || isLibraryFunction(MD))
    return ArgFate::Borrowed;
  // A `const` member may still delete its object (`void release() const {
  // if (--refs == 0) delete this; }`): its body says.
  const FunctionDecl *Def = nullptr;
  if (!MD->hasBody(Def))
    return MD->isConst() ? ArgFate::Borrowed : ArgFate::MaybeTaken;
  return onlyBorrowsThis(cast<CXXMethodDecl>(Def), Fam, Cat, Ctx)
             ? ArgFate::Borrowed
             : ArgFate::MaybeTaken;
}

} // namespace clang::tidy::raii
