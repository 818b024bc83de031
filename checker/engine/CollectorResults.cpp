//===- CollectorResults.cpp - where an acquire's result goes --------------===//
//
// The collector's reading of an acquire's result (see CollectorImpl.h): a
// success flag made from it (`ok = e && !regcomp(..)`), a descriptor that
// takes the number of a standard one the function closed (`close(0);
// dup(fd)`), a result dropped that loses the handle, and the field of the
// object a constructor builds that it is stored straight into.
//
//===----------------------------------------------------------------------===//
#include "engine/Collector.h"
#include "engine/CollectorImpl.h"
#include "support/CalledFunction.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include <functional>

namespace clang::tidy::raii {

const MemberExpr *Collector::fieldBeingBuilt(const Expr *E,
                                            bool &DtorReleases) const {
  // A constructor that delegates has an object once its target returns,
  // and a function-try-block's handlers may release what the body kept.
  const auto *Ctor = dyn_cast<CXXConstructorDecl>(C.Fn);
  if (!Ctor || !C.Exceptions || Ctor->isDelegatingConstructor() ||
      isa<CXXTryStmt>(Ctor->getBody()))
    return nullptr;
  const Stmt *Cur = E;
  const Stmt *P = C.Body.parent(E);
  while (P && isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr>(P)) {
    Cur = P;
    P = C.Body.parent(P);
  }
  const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
  if (!BO || BO->getOpcode() != BO_Assign || BO->getRHS() != Cur)
    return nullptr;
  // A field of this class itself (a base's is destroyed with the base),
  // of no class type (a member object's destructor would release it).
  const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParens());
  const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!FD || FD->getParent() != Ctor->getParent() ||
      FD->getType()->isRecordType() || FD->getType()->isReferenceType() ||
      !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  // Its one value in the constructor: no other store, and no address
  // taken (a test of the field is a test of the acquire's result); and
  // nothing else of the class's that could release or test it: a member
  // function called on the object whose body the file lacks, or whose
  // body releases the field or, answering a truth, names it (`if
  // (!isOpen()) throw ..;`, `{ close(); throw ..; }`), a lambda that
  // releases it.
  auto Names = [FD](const Stmt *S) {
    return S && BodyIndex::refersTo(S, FD);
  };
  std::function<bool(const Stmt *)> Releases = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *D = dyn_cast<CXXDeleteExpr>(S); D && Names(D->getArgument()))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && !C.Roles.releases(Call).empty() &&
        llvm::any_of(Call->arguments(), Names))
      return true;
    return llvm::any_of(S->children(), Releases);
  };
  unsigned Uses = 0;
  bool Shared = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Shared)
      return;
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      Shared = Releases(L->getBody());
      return;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      const Expr *Obj = MC->getImplicitObjectArgument();
      const FunctionDecl *Def = nullptr;
      if (MD && Obj && isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()) &&
          (!MD->hasBody(Def) || Releases(Def->getBody()) ||
           (MD->getReturnType()->isBooleanType() &&
            Names(Def->getBody())))) {
        Shared = true;
        return;
      }
    }
    const auto *W = dyn_cast<MemberExpr>(S);
    if (W && W->getMemberDecl() == FD) {
      const Stmt *Up = C.Body.valueParent(W);
      const auto *Store = dyn_cast_or_null<BinaryOperator>(Up);
      const auto *Addr = dyn_cast_or_null<UnaryOperator>(Up);
      if ((Store && Store->isAssignmentOp() &&
           Store->getLHS()->IgnoreParens() == W) ||
          (Addr && Addr->getOpcode() == UO_AddrOf) ||
          (Addr && Addr->isIncrementDecrementOp()))
        ++Uses;
    }
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(Ctor->getBody());
  if (Uses != 1 || Shared)
    return nullptr;
  const CXXDestructorDecl *Dtor = Ctor->getParent()->getDestructor();
  const FunctionDecl *Def = nullptr;
  DtorReleases = Dtor && Dtor->hasBody(Def) && Releases(Def->getBody());
  return ME;
}

const VarDecl *Collector::successFlag(const Expr *E, bool &Negated) const {
  // Up from the call through `!`, parentheses and conversions, and as the
  // right operand of `&&`s, to an assignment or initialiser of a local.
  Negated = false;
  const Stmt *Cur = E;
  for (const Stmt *P = C.Body.parent(Cur); P;
       Cur = P, P = C.Body.parent(P)) {
    if (isa<ParenExpr, ImplicitCastExpr>(P))
      continue;
    if (const auto *UO = dyn_cast<UnaryOperator>(P);
        UO && UO->getOpcode() == UO_LNot) {
      Negated = !Negated;
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P);
        BO && BO->getOpcode() == BO_LAnd && BO->getRHS() == Cur)
      continue;
    const VarDecl *V = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(P);
        BO && BO->getOpcode() == BO_Assign && BO->getRHS() == Cur) {
      const auto *R = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens());
      V = R ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
    } else if (const auto *DS = dyn_cast<DeclStmt>(P);
               DS && DS->isSingleDecl()) {
      V = dyn_cast<VarDecl>(DS->getSingleDecl());
      if (V && V->getInit() != Cur)
        V = nullptr;
    }
    // Only the latest call's truth: in a loop, a flag of the round's own
    // (of the earlier rounds' acquisitions it says nothing); a flag whose
    // writes the body shows by name, this one alone or with a separate
    // initialiser (`ok--` would change it behind the tests' back).
    const Stmt *Loop = C.Body.enclosingLoop(E);
    const Stmt *Decl = V ? C.Body.declStmtOf(V) : nullptr;
    if (!V || !BodyIndex::isLocalVar(V) ||
        !V->getType()->isIntegralOrEnumerationType() ||
        (Loop && !(Decl && C.Body.isAncestor(Loop, Decl))) ||
        !C.Body.writtenOnlyByName(V))
      return nullptr;
    const bool InInit = isa<DeclStmt>(P);
    const unsigned Writes = C.Body.writeCount(V);
    return Writes == 1 || (!InInit && Writes == 2 && V->getInit()) ? V
                                                                    : nullptr;
  }
  return nullptr;
}

void Collector::findStandardCloses() {
  for (const Expr *E : C.Body.candidates())
    for (const ReleaseRole &R : C.Roles.releases(E)) {
      if (R.Handle.Spec.Kind != HandleSpec::Arg)
        continue;
      const Expr *H = RuleCatalog::handleExpr(E, R.Handle.Spec);
      if (!H || !H->getType()->isIntegerType())
        continue;
      std::optional<int64_t> K = numberNamed(H, C.Ctx);
      if (!K || *K < 0 || *K > 2)
        continue;
      // The statement of its own: the call, perhaps cast to void.
      const Stmt *S = E;
      while (C.Body.parent(S) && !isa<CompoundStmt>(C.Body.parent(S)) &&
             isa<Expr>(C.Body.parent(S)))
        S = C.Body.parent(S);
      if (isa_and_nonnull<CompoundStmt>(C.Body.parent(S)))
        StandardCloses[S] = R.Rule->Fam->Kind;
    }
}

bool Collector::sharedStatic(const VarDecl *V, const HandleKey &K,
                             const Expr *Site) const {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(C.Body.body());
  if (!Body || K.Steps.size() != 1)
    return false;
  // The error tail: from the first label after a `return`.
  const Stmt *Tail = nullptr, *Prev = nullptr;
  for (const Stmt *S : Body->body()) {
    if (isa<LabelStmt>(S) && isa_and_nonnull<ReturnStmt>(Prev)) {
      Tail = S;
      break;
    }
    Prev = S;
  }
  const SourceManager &SM = C.Ctx.getSourceManager();
  for (const Expr *E : C.Body.candidates())
    if (releases(E, K) &&
        SM.isBeforeInTranslationUnit(Site->getBeginLoc(), E->getBeginLoc()) &&
        (!Tail ||
         SM.isBeforeInTranslationUnit(E->getBeginLoc(), Tail->getBeginLoc())))
      return false;
  // The function sets the object up once and does nothing else with it:
  // each mention is an argument of a release, or of this acquire, and no
  // function of the file it names (calls, or takes the address of) names
  // it.
  bool Other = false;
  std::function<void(const Stmt *)> Mentions = [&](const Stmt *S) {
    const auto *DRE = dyn_cast<DeclRefExpr>(S);
    // A function of the file named at all (called, or taken as a pointer
    // or a callback) may use it.
    if (const auto *FD =
            DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr)
      Other |= C.Uses.namedBy(V, FD);
    else if (DRE &&
             DRE->getDecl()->getCanonicalDecl() == V->getCanonicalDecl()) {
      const Stmt *P = C.Body.parent(DRE);
      while (P && isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr,
                      UnaryOperator>(P))
        P = C.Body.parent(P);
      const auto *Call = dyn_cast_or_null<CallExpr>(P);
      Other |= !Call || (Call != Site && C.Roles.releases(Call).empty());
    }
    for (const Stmt *Child : S->children())
      if (Child && !Other)
        Mentions(Child);
  };
  Mentions(Body);
  return !Other && C.Uses.namedOutside(V, C.Fn);
}

bool Collector::takesClosedStandard(const Expr *E, const Acquire &R) const {
  if (StandardCloses.empty() || R.Invalid != InvalidValue::Negative ||
      R.Handle.Kind != HandleSpec::Return)
    return false;
  // The statement before the one E is in, also from the start of a block
  // that is a statement of its own (a loop's body: `close(0); for (..) {
  // fd = dup(d); .. }`).
  const Stmt *S = E, *Before = nullptr;
  while (!Before) {
    while (C.Body.parent(S) && !isa<CompoundStmt>(C.Body.parent(S)))
      S = C.Body.parent(S);
    const auto *Block = dyn_cast_or_null<CompoundStmt>(C.Body.parent(S));
    if (!Block)
      return false;
    for (const Stmt *Sub : Block->body()) {
      if (Sub == S)
        break;
      Before = Sub;
    }
    if (!Before)
      S = Block;
  }
  auto It = StandardCloses.find(Before);
  if (It == StandardCloses.end() || It->second != R.Fam->Kind)
    return false;
  // The first descriptor the statement acquires.
  const SourceManager &SM = C.Ctx.getSourceManager();
  for (const Expr *X : C.Body.candidates())
    if (X != E && C.Body.isAncestor(S, X) &&
        SM.isBeforeInTranslationUnit(X->getBeginLoc(), E->getBeginLoc()))
      if (const AcquireRole *Other = C.Roles.acquire(X);
          Other && Other->Rule->Fam->Kind == R.Fam->Kind)
        return false;
  return true;
}

bool Collector::fillsStandardDescriptors(llvm::StringRef Kind) const {
  for (const Expr *E : C.Body.candidates()) {
    for (const ReleaseRole &R : C.Roles.releases(E)) {
      if (R.Rule->Fam->Kind != Kind || R.Handle.Spec.Kind != HandleSpec::Arg)
        continue;
      const Expr *H = RuleCatalog::handleExpr(E, R.Handle.Spec);
      if (!H || !H->getType()->isIntegerType())
        continue;
      // `close(2)`, `close(STDERR_FILENO)`, under whatever statement.
      if (std::optional<int64_t> K = numberNamed(H, C.Ctx);
          K && *K >= 0 && *K <= 2)
        return true;
      // `for (i = max; i >= 0; --i) close(i);`: by the loop's counter.
      const auto *Ref = dyn_cast<DeclRefExpr>(ignoreValueCasts(H));
      const auto *For =
          dyn_cast_or_null<ForStmt>(Ref ? C.Body.enclosingLoop(E) : nullptr);
      if (For && For->getInc() &&
          BodyIndex::refersTo(For->getInc(), Ref->getDecl()))
        return true;
    }
  }
  return false;
}

/// \p Call opens a `/dev/` device (`open("/dev/null", O_RDWR)`).
static bool opensDevice(const CallExpr *Call) {
  return llvm::any_of(Call->arguments(), [](const Expr *Arg) {
    const auto *Str = dyn_cast<StringLiteral>(Arg->IgnoreParenImpCasts());
    return Str && Str->getBytes().starts_with("/dev/");
  });
}

bool Collector::droppedIsLost(const Expr *E, const AcquireRole &Role) const {
  const Acquire &R = *Role.Rule;
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call || R.Fam->IsLock || R.Reopens >= 0 || R.Discardable ||
      isa_and_nonnull<CXXNewExpr>(Role.ViaSite) ||
      !C.Roles.releases(E).empty())
    return false;
  // The object a method is called on may keep what it returns
  // (`root.addChild()`).
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    if (const CXXMethodDecl *MD = MC->getMethodDecl(); MD && !MD->isConst())
      return false;
  if (C.Fn->isMain() && !C.Body.enclosingLoop(E))
    return false; // the process ends with main, and takes it back
  const QualType T = Call->getType();
  if (const auto *PT = T->getAs<PointerType>()) {
    const QualType Pointee = PT->getPointeeType().getUnqualifiedType();
    // A parameter the callee declares (not a variadic argument: a
    // format's or a list's) through which it may give back what it
    // returns: a non-const pointer to that type (`g_object_ref(gpointer)`,
    // `d2i_X509(X509 **, ..)`), or to `void`.
    const FunctionDecl *FD = Call->getDirectCallee();
    for (unsigned I = 0; FD && I < FD->getNumParams(); ++I) {
      QualType Param = FD->getParamDecl(I)->getType();
      while (const auto *AT = Param->getAs<PointerType>()) {
        const QualType To = AT->getPointeeType();
        if (To.isConstQualified())
          break;
        if (To->isVoidType() || Pointee->isVoidType() ||
            C.Ctx.hasSameType(To.getUnqualifiedType(), Pointee))
          return false;
        Param = To;
      }
    }
    return true;
  }
  // A descriptor that fills a standard one the function closed.
  return T->isIntegerType() && !opensDevice(Call) &&
         !fillsStandardDescriptors(R.Fam->Kind);
}

} // namespace clang::tidy::raii
