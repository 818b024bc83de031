//===- CalleeBindings.cpp - objects bound to references -------------------===//
//
// mayKeepBoundObject of CalleeBodies.h: whether a function of the file
// may keep the address of an object bound to its reference parameter,
// a few calls deep. Answered once per function and parameter.
//
//===----------------------------------------------------------------------===//
#include "engine/CalleeBodies.h"
#include "engine/CalleeBodiesImpl.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"

#include <functional>

namespace clang::tidy::raii {

namespace {
/// mayKeepBoundObject() per function and parameter: asked on every visit
/// of a call given `*p`, and its walk reads the callee's body and the
/// functions it passes the object to.
using BindingKey = std::pair<const FunctionDecl *, unsigned>;
llvm::DenseMap<BindingKey, bool> &keptBindings() {
  static llvm::DenseMap<BindingKey, bool> Answers;
  return Answers;
}
} // namespace

void clearBindingAnswers() { keptBindings().clear(); }

static bool keepsReferentAt(const FunctionDecl *Def, unsigned Param,
                            unsigned Depth);

/// Binding an object to parameter \p I of \p FD may keep it: a non-const
/// lvalue reference of a function (not an operator) that is not the
/// library's and whose body the file lacks or may keep it.
static bool bindingMayKeep(const FunctionDecl *FD, unsigned I,
                           unsigned Depth) {
  if (isLibraryFunction(FD) || FD->isOverloadedOperator() ||
      I >= FD->getNumParams())
    return false;
  const QualType PT = FD->getParamDecl(I)->getType();
  if (!PT->isLValueReferenceType() || isConstView(PT))
    return false;
  const FunctionDecl *Def = nullptr;
  return !FD->hasBody(Def) || keepsReferentAt(Def, I, Depth);
}

/// \p Args bind \p P (as it is) to a parameter of \p FD that may keep it
/// (bindingMayKeep), or \p FD is unknown.
static bool rebindsParam(const FunctionDecl *FD,
                         llvm::ArrayRef<const Expr *> Args,
                         const ParmVarDecl *P, unsigned Depth) {
  for (unsigned I = 0; I < Args.size(); ++I)
    if (namesParam(Args[I], P) &&
        (!FD || bindingMayKeep(FD, I, Depth + 1)))
      return true;
  return false;
}

static bool returnsIntoParam(const FunctionDecl *Def, unsigned Param,
                             unsigned Depth);

/// \p E is the object \p P is bound to, or a part of it: a field (`t.hook`),
/// a base (`static_cast<Hook &>(t)`), what a function of the file returns a
/// reference into when given it (`ToNode(t)`), or a local reference bound
/// to one of these (\p Aliases).
static bool partOfParam(const Expr *E, const ParmVarDecl *P,
                        llvm::ArrayRef<const VarDecl *> Aliases,
                        unsigned Depth) {
  E = E->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl() == P ||
           llvm::is_contained(Aliases, dyn_cast<VarDecl>(DRE->getDecl()));
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return !ME->isArrow() && isa<FieldDecl>(ME->getMemberDecl()) &&
           partOfParam(ME->getBase(), P, Aliases, Depth);
  // A member call's arguments are its parameters; an operator's first one
  // may be its object, and is left out.
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && !isa<CXXOperatorCallExpr>(Call) && Depth < 4) {
    const FunctionDecl *FD = calledFunction(Call);
    const FunctionDecl *Def = nullptr;
    if (!FD || isLibraryFunction(FD) || !FD->hasBody(Def) ||
        !FD->getReturnType()->isLValueReferenceType())
      return false;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (partOfParam(Call->getArg(I), P, Aliases, Depth + 1) &&
          returnsIntoParam(Def, I, Depth + 1))
        return true;
  }
  return false;
}

/// Every return of \p Def (returning an lvalue reference) is a part of its
/// parameter \p Param (`static Node &ToNode(T &t) { return
/// static_cast<Hook &>(t).siblings; }`).
static bool returnsIntoParam(const FunctionDecl *Def, unsigned Param,
                             unsigned Depth) {
  if (Param >= Def->getNumParams() ||
      !Def->getParamDecl(Param)->getType()->isLValueReferenceType())
    return false;
  const ParmVarDecl *P = Def->getParamDecl(Param);
  bool Any = false, All = true;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || !All || isa<LambdaExpr, BlockExpr>(S))
      return;
    if (const auto *R = dyn_cast<ReturnStmt>(S)) {
      Any = true;
      All = R->getRetValue() && partOfParam(R->getRetValue(), P, {}, Depth);
      return;
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Def->getBody());
  return Any && All;
}

static bool keepsReferentAt(const FunctionDecl *Def, unsigned Param,
                            unsigned Depth) {
  if (Depth > 3 || Param >= Def->getNumParams() || !Def->hasBody())
    return Depth > 3; // too deep to tell: it may
  const ParmVarDecl *P = Def->getParamDecl(Param);
  // Local references bound to a part of the object (`Node &n =
  // ToNode(t);`), in the order they are declared.
  llvm::SmallVector<const VarDecl *, 2> Aliases;
  std::function<void(const Stmt *)> Collect = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr, BlockExpr>(S))
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D);
            V && V->getType()->isLValueReferenceType() && V->getInit() &&
            partOfParam(V->getInit(), P, Aliases, 0))
          Aliases.push_back(V);
    for (const Stmt *C : S->children())
      Collect(C);
  };
  Collect(Def->getBody());
  // The address of the object or of a part of it that is an object of
  // its own (a list's hook, `&n` of `Node &n = ToNode(t)`): not of a
  // number or a pointer in it (`fill(&o.x)`), which says nothing of the
  // object's life.
  auto AddressOfPart = [&](const UnaryOperator *UO) {
    if (UO->getOpcode() != UO_AddrOf)
      return false;
    const Expr *Sub = UO->getSubExpr();
    return namesParam(Sub, P) ||
           (Sub->getType()->isRecordType() &&
            partOfParam(Sub, P, Aliases, 0));
  };
  auto IsAddress = [&](const Expr *E) {
    const auto *UO = dyn_cast<UnaryOperator>(E->IgnoreParenCasts());
    return UO && AddressOfPart(UO);
  };
  std::function<bool(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *UO = dyn_cast<UnaryOperator>(S); UO && AddressOfPart(UO))
      return true;
    // `this == &other` compares; `memset(&h, 0, sizeof h)`, `fread(&h,
    // ..)` only fill it.
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isComparisonOp())
      return (!IsAddress(BO->getLHS()) && Walk(BO->getLHS())) ||
             (!IsAddress(BO->getRHS()) && Walk(BO->getRHS()));
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *FD = calledFunction(Call);
      if (FD && FD->getIdentifier() && FD->getName() == "addressof" &&
          Call->getNumArgs() == 1 && namesParam(Call->getArg(0), P))
        return true;
      llvm::SmallVector<const Expr *, 4> Args(Call->arguments());
      // The object of a member operator call is no parameter.
      Args.erase(Args.begin(), Args.begin() + firstParameterArgument(Call));
      if (rebindsParam(FD, Args, P, Depth))
        return true;
      const bool Library = FD && isLibraryFunction(FD);
      for (const Stmt *C : S->children())
        if (!(Library && isa<Expr>(C) && IsAddress(cast<Expr>(C))) && Walk(C))
          return true;
      return false;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
      llvm::SmallVector<const Expr *, 4> Args(CE->arguments());
      if (rebindsParam(CE->getConstructor(), Args, P, Depth))
        return true;
    }
    for (const Stmt *C : S->children())
      if (Walk(C))
        return true;
    return false;
  };
  // A constructor's member initialisers (`Frame(Buffer &b) : buf(&b) {}`).
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Walk(Init->getInit()))
        return true;
  return Walk(Def->getBody());
}

bool mayKeepBoundObject(const FunctionDecl *FD, unsigned Param) {
  const BindingKey K{FD->getCanonicalDecl(), Param};
  if (auto It = keptBindings().find(K); It != keptBindings().end())
    return It->second;
  const bool Keeps = bindingMayKeep(FD, Param, 0);
  keptBindings()[K] = Keeps;
  return Keeps;
}

} // namespace clang::tidy::raii
