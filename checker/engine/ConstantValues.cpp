//===- ConstantValues.cpp - values a translation unit never changes -------===//
#include "engine/ConstantValues.h"
#include "engine/HandleKey.h"
#include "support/CalledFunction.h"
#include "support/ExitingCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <functional>

namespace clang::tidy::raii {

bool isScalarValue(QualType T) {
  return !T.isVolatileQualified() &&
         (T->isIntegralOrEnumerationType() || T->isPointerType());
}

namespace {

/// A variable whose every write the main file would show.
bool privateToTU(const VarDecl *V) {
  return V->isStaticLocal() ||
         (V->hasGlobalStorage() && !V->isExternallyVisible());
}

/// Counts, per variable of internal linkage, the references to it and
/// those that only read its value, in every statement and initialiser of the
/// declarations walked (a plain walk: cheaper than a RecursiveASTVisitor,
/// which also visits every type).
class StaticUses {
public:
  void decl(const Decl *D) {
    if (!D || D->isImplicit())
      return;
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
      D = FT->getTemplatedDecl();
    else if (const auto *CT = dyn_cast<ClassTemplateDecl>(D))
      D = CT->getTemplatedDecl();
    else if (const auto *VT = dyn_cast<VarTemplateDecl>(D))
      D = VT->getTemplatedDecl();
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      for (const ParmVarDecl *P : FD->parameters())
        if (P->hasDefaultArg() && !P->hasUnparsedDefaultArg() &&
            !P->hasUninstantiatedDefaultArg())
          stmt(P->getDefaultArg());
      if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
        for (const CXXCtorInitializer *I : Ctor->inits())
          if (I->isWritten())
            stmt(I->getInit());
      stmt(FD->getBody());
    } else if (const auto *V = dyn_cast<VarDecl>(D)) {
      stmt(V->getInit());
    } else if (const auto *F = dyn_cast<FieldDecl>(D)) {
      stmt(F->getInClassInitializer());
    } else if (const auto *B = dyn_cast<BlockDecl>(D)) {
      stmt(B->getBody());
    }
    if (const auto *DC = dyn_cast<DeclContext>(D);
        DC && !isa<FunctionDecl, BlockDecl>(D))
      for (const Decl *Inner : DC->decls())
        decl(Inner);
  }
  llvm::DenseMap<const VarDecl *, unsigned> Refs, Reads;

private:
  void stmt(const Stmt *S) {
    if (!S)
      return;
    if (const auto *E = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *V = dyn_cast<VarDecl>(E->getDecl()); V && privateToTU(V))
        ++Refs[V->getCanonicalDecl()];
    } else if (const auto *IC = dyn_cast<ImplicitCastExpr>(S)) {
      if (IC->getCastKind() == CK_LValueToRValue)
        if (const auto *R =
                dyn_cast<DeclRefExpr>(IC->getSubExpr()->IgnoreParens()))
          if (const auto *V = dyn_cast<VarDecl>(R->getDecl());
              V && privateToTU(V))
            ++Reads[V->getCanonicalDecl()];
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      // Local classes and their member functions; variable initialisers
      // are the statement's children.
      for (const Decl *D : DS->decls())
        if (isa<TagDecl>(D))
          decl(D);
    } else if (const auto *BE = dyn_cast<BlockExpr>(S)) {
      decl(BE->getBlockDecl());
    }
    for (const Stmt *C : S->children())
      stmt(C);
  }
};

/// Calls \p F on every `return` of \p S outside nested lambdas and blocks;
/// false once more than \p Budget statements were seen.
template <typename Fn>
bool forEachReturn(const Stmt *S, unsigned &Budget, Fn F) {
  if (!S)
    return true;
  if (Budget-- == 0)
    return false;
  if (isa<LambdaExpr, BlockExpr>(S))
    return true;
  if (const auto *R = dyn_cast<ReturnStmt>(S))
    F(R);
  for (const Stmt *C : S->children())
    if (!forEachReturn(C, Budget, F))
      return false;
  return true;
}

bool isVirtual(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  return MD && MD->isVirtual();
}

} // namespace

bool ConstantValues::changed(const VarDecl *V) {
  V = V->getCanonicalDecl();
  auto [It, New] = ChangedCache.try_emplace(V, false);
  if (!New)
    return It->second;
  // The scan reads the declarations as written: a copy in an instantiation
  // is not what it sees.
  const auto *Parent =
      dyn_cast_or_null<FunctionDecl>(V->getParentFunctionOrMethod());
  if ((Parent && Parent->getTemplateInstantiationPattern()) ||
      V->getTemplateSpecializationKind() != TSK_Undeclared)
    return It->second = true;
  ASTContext &Ctx = V->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Indexed) {
    Indexed = true;
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      SourceLocation L = SM.getExpansionLoc(D->getLocation());
      if (SM.isInMainFile(L))
        Tops.push_back({D, SM.getFileOffset(L)});
    }
    // In file order already, but for a declaration a macro expands out of
    // place.
    llvm::stable_sort(Tops, [](const TopDecl &A, const TopDecl &B) {
      return A.Offset < B.Offset;
    });
  }
  // The last top-level declaration at or before V's first declaration is
  // the one that holds it (a function, a namespace, a class) or precedes it.
  const unsigned At =
      SM.getFileOffset(SM.getExpansionLoc(V->getFirstDecl()->getLocation()));
  auto I = llvm::partition_point(
      Tops, [&](const TopDecl &T) { return T.Offset <= At; });
  if (I != Tops.begin())
    --I;
  // Only the function that declares a local static can name it.
  auto End = V->isStaticLocal() ? std::next(I) : Tops.end();
  bool Result = false;
  for (; I != End && !Result; ++I) {
    if (!I->Scanned) {
      I->Scanned = true;
      StaticUses Uses;
      Uses.decl(I->D);
      for (const auto &[W, N] : Uses.Refs)
        if (Uses.Reads.lookup(W) != N)
          I->Changes.push_back(W);
    }
    Result = llvm::is_contained(I->Changes, V);
  }
  ChangedCache[V] = Result;
  return Result;
}

std::optional<int64_t> ConstantValues::valueOf(const VarDecl *V) {
  if (!V || !isScalarValue(V->getType()))
    return std::nullopt;
  ASTContext &Ctx = V->getASTContext();
  const VarDecl *InitDecl = V->getInitializingDeclaration();
  const Expr *Init = InitDecl ? InitDecl->getInit() : nullptr;
  if (V->getType().isConstQualified())
    return Init ? constantValue(Init, Ctx) : std::nullopt;
  if (!privateToTU(V))
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  if (!SM.isInMainFile(SM.getExpansionLoc(V->getLocation())))
    return std::nullopt;
  // Zero-initialised without an initialiser. One that is no constant needs
  // no look at the file's writes.
  std::optional<int64_t> K = Init ? constantValue(Init, Ctx) : 0;
  if (!K || changed(V))
    return std::nullopt;
  return K;
}

std::optional<int64_t> ConstantValues::returnedBy(const FunctionDecl *FD) {
  if (!FD)
    return std::nullopt;
  auto [It, New] = Returns.try_emplace(FD->getCanonicalDecl());
  if (!New)
    return It->second;
  if (returnsOnlyFailing(FD))
    return Returns[FD->getCanonicalDecl()] = -1;
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->getBody() || isVirtual(Def) || Def->isWeak() ||
      Def->isDependentContext())
    return std::nullopt;
  std::optional<int64_t> Value;
  bool Same = true, Any = false;
  unsigned Budget = 400;
  ASTContext &Ctx = Def->getASTContext();
  bool Whole = forEachReturn(Def->getBody(), Budget, [&](const ReturnStmt *R) {
    std::optional<int64_t> K = constantValue(R->getRetValue(), Ctx);
    if (!K || (Any && K != Value))
      Same = false;
    Value = K;
    Any = true;
  });
  std::optional<int64_t> Result =
      Whole && Same && Any ? Value : std::nullopt;
  Returns[FD->getCanonicalDecl()] = Result;
  return Result;
}

namespace {

/// Whether a function body computes its result from its arguments and what
/// it reads alone: it writes only its own scalar locals and parameters, by
/// name, and calls only pure functions. Its reads of anything else
/// (fields, variables outside it) are collected.
class PureBody {
public:
  PureBody(const FunctionDecl *Fn, ConstantValues &Values,
           llvm::SmallVectorImpl<const Decl *> &Reads)
      : Fn(Fn), Values(Values), Reads(Reads) {}

  bool stmt(const Stmt *S) {
    if (!S)
      return true;
    if (--Budget == 0)
      return false;
    if (const auto *E = dyn_cast<Expr>(S))
      return expr(E);
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls()) {
        const auto *V = dyn_cast<VarDecl>(D);
        if (!V || !own(V))
          return false;
        if (!expr(V->getInit()))
          return false;
      }
      return true;
    }
    if (!isa<CompoundStmt, IfStmt, WhileStmt, DoStmt, ForStmt, SwitchStmt,
             SwitchCase, ReturnStmt, NullStmt, BreakStmt, ContinueStmt>(S))
      return false;
    for (const Stmt *C : S->children())
      if (!stmt(C))
        return false;
    return true;
  }

private:
  /// A scalar local or parameter of the function, not static.
  bool own(const VarDecl *V) const {
    return V->hasLocalStorage() && V->getDeclContext() == Fn &&
           isScalarValue(V->getType());
  }
  bool ownName(const Expr *E) const {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return V && own(V);
  }

  bool expr(const Expr *E) {
    if (!E)
      return true;
    if (--Budget == 0)
      return false;
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && BO->isAssignmentOp())
      return ownName(BO->getLHS()) && expr(BO->getRHS());
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->isIncrementDecrementOp())
      return ownName(UO->getSubExpr());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (V && V->getType().isVolatileQualified())
        return false;
      if (V && !own(V))
        Reads.push_back(V->getCanonicalDecl());
      return true;
    }
    if (isa<CallExpr, MemberExpr>(E) ||
        isa<CXXNewExpr, CXXDeleteExpr, CXXThrowExpr, StmtExpr, LambdaExpr,
            BlockExpr, CXXConstructExpr, CoroutineSuspendExpr,
            PseudoObjectExpr, AtomicExpr>(E)) {
      // Whatever has no assignment inside: as a condition would read it.
      if (const auto *Call = dyn_cast<CallExpr>(E)) {
        if (!Values.isPure(Call->getDirectCallee(), Reads))
          return false;
        // The callee expression too: the object of a member call
        // (`bump()->get()`).
        for (const Stmt *C : Call->children())
          if (!expr(cast_or_null<Expr>(C)))
            return false;
        return true;
      }
      return readsWithoutEffects(E, &Values, Reads);
    }
    if (E->getType().isVolatileQualified())
      return false;
    for (const Stmt *C : E->children()) {
      const auto *CE = dyn_cast_or_null<Expr>(C);
      if (C && !CE)
        return false;
      if (!expr(CE))
        return false;
    }
    return true;
  }

  const FunctionDecl *Fn;
  ConstantValues &Values;
  llvm::SmallVectorImpl<const Decl *> &Reads;
  unsigned Budget = 400;
};

} // namespace

bool ConstantValues::isPure(const FunctionDecl *FD,
                            llvm::SmallVectorImpl<const Decl *> &Reads) {
  if (!FD)
    return false;
  if (FD->hasAttr<PureAttr>() || FD->hasAttr<ConstAttr>())
    return true;
  auto [It, New] = Pures.try_emplace(FD->getCanonicalDecl());
  if (New) {
    // In progress: a recursive function is not pure.
    PureInfo Info;
    const FunctionDecl *Def = FD->getDefinition();
    if (Def && Def->getBody() && !isVirtual(Def) && !Def->isWeak() &&
        !Def->isDependentContext() && !Def->isVariadic()) {
      PureBody Scan(Def, *this, Info.Reads);
      Info.Pure = Scan.stmt(Def->getBody());
    }
    Pures[FD->getCanonicalDecl()] = std::move(Info);
    It = Pures.find(FD->getCanonicalDecl());
  }
  if (!It->second.Pure)
    return false;
  Reads.append(It->second.Reads.begin(), It->second.Reads.end());
  return true;
}

bool readsWithoutEffects(const Expr *E, ConstantValues *Values,
                         llvm::SmallVectorImpl<const Decl *> &Reads) {
  if (!E)
    return true;
  if (E->getType().isVolatileQualified())
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      Reads.push_back(V->getCanonicalDecl());
    return true;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      Reads.push_back(F->getCanonicalDecl());
    return readsWithoutEffects(ME->getBase(), Values, Reads);
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isAssignmentOp())
    return false;
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->isIncrementDecrementOp())
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (!Values || !Values->isPure(Call->getDirectCallee(), Reads))
      return false;
    for (const Stmt *C : Call->children())
      if (!readsWithoutEffects(cast_or_null<Expr>(C), Values, Reads))
        return false;
    return true;
  }
  if (isa<CXXNewExpr, CXXDeleteExpr, CXXThrowExpr, StmtExpr, LambdaExpr,
          BlockExpr, CXXConstructExpr, CoroutineSuspendExpr,
          PseudoObjectExpr, AtomicExpr>(E))
    return false;
  for (const Stmt *C : E->children()) {
    const auto *CE = dyn_cast_or_null<Expr>(C);
    if (C && !CE)
      return false;
    if (!readsWithoutEffects(CE, Values, Reads))
      return false;
  }
  return true;
}

/// What a write to \p Target writes of a global: the variable, or the
/// field of it written by name (`st.hits`, `st.in.n`: hits, in); null if
/// no global's own storage.
static const Decl *globalWritten(const Expr *Target) {
  const FieldDecl *Field = nullptr;
  while (Target) {
    Target = Target->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(Target); ME && !ME->isArrow()) {
      Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
      Target = ME->getBase();
    } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Target);
               AS && AS->getBase()
                         ->IgnoreParenImpCasts()
                         ->getType()
                         ->isArrayType()) {
      Field = nullptr;
      Target = AS->getBase();
    } else {
      break;
    }
  }
  const auto *R = dyn_cast_or_null<DeclRefExpr>(Target);
  const auto *V = R ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
  if (!V || !V->hasGlobalStorage() || V->isStaticLocal())
    return nullptr;
  return Field ? static_cast<const Decl *>(Field->getCanonicalDecl())
               : V->getCanonicalDecl();
}

/// Adds to \p Out what of the globals \p Def's body writes (see
/// globalsWrittenBy), and the bodies of the functions of the file it
/// calls, to \p Depth calls deep.
static void collectGlobalWrites(const FunctionDecl *Def, unsigned Depth,
                                llvm::SmallPtrSetImpl<const Decl *> &Seen,
                                llvm::SmallVectorImpl<const Decl *> &Out) {
  if (!Def || !Seen.insert(Def).second)
    return;
  auto Add = [&](const Decl *D) {
    if (D && !llvm::is_contained(Out, D))
      Out.push_back(D);
  };
  // Addresses given to a call as a pointer to const only read.
  llvm::SmallPtrSet<const Stmt *, 4> ReadOnly;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp())
      Add(globalWritten(BO->getLHS()));
    else if (const auto *UO = dyn_cast<UnaryOperator>(S);
             UO && (UO->isIncrementDecrementOp() ||
                    (UO->getOpcode() == UO_AddrOf && !ReadOnly.count(UO))))
      Add(globalWritten(UO->getSubExpr()));
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = calledFunction(Call);
      for (unsigned I = 0; Callee && I < Call->getNumArgs() &&
                           I < Callee->getNumParams();
           ++I) {
        const QualType PT = Callee->getParamDecl(I)->getType();
        if (PT->isPointerType() && PT->getPointeeType().isConstQualified())
          ReadOnly.insert(Call->getArg(I)->IgnoreParenImpCasts());
      }
      const FunctionDecl *CalleeDef = nullptr;
      if (Depth > 0 && Callee && Callee->hasBody(CalleeDef))
        collectGlobalWrites(CalleeDef, Depth - 1, Seen, Out);
    }
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(Def->getBody());
}

llvm::ArrayRef<const Decl *>
ConstantValues::globalsWrittenBy(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def))
    return {};
  auto [It, New] = GlobalWrites.try_emplace(Def);
  if (New) {
    llvm::SmallVector<const Decl *, 2> Out;
    llvm::SmallPtrSet<const Decl *, 8> Seen;
    collectGlobalWrites(Def, /*Depth=*/2, Seen, Out);
    GlobalWrites[Def] = std::move(Out);
    return GlobalWrites[Def];
  }
  return It->second;
}

} // namespace clang::tidy::raii
