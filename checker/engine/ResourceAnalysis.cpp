//===- ResourceAnalysis.cpp - acquire/release dataflow --------------------===//
#include "engine/ResourceAnalysis.h"
#include "support/GuardTypes.h"
#include "support/Lockables.h"
#include "clang-tidy/utils/ExceptionAnalyzer.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSwitch.h"
#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace clang::tidy::raii {

bool SkipCause::operator<(const SkipCause &O) const {
  if (Where != O.Where) {
    if (!Where || !O.Where)
      return !O.Where; // FunctionEnd last
    return Where->getBeginLoc().getRawEncoding() <
           O.Where->getBeginLoc().getRawEncoding();
  }
  return Kind < O.Kind;
}

bool AnalysisOptions::operator<(const AnalysisOptions &O) const {
  return std::tie(RuleFiles, AssumeNothrow, GuardTypes, CLinkageNothrow) <
         std::tie(O.RuleFiles, O.AssumeNothrow, O.GuardTypes,
                  O.CLinkageNothrow);
}

SourceLocation exprDiagLoc(const Expr *E) {
  if (const auto *CE = dyn_cast<CallExpr>(E))
    return CE->getCallee()->getBeginLoc();
  return E->getBeginLoc();
}

SourceLocation Acquisition::diagLoc() const { return exprDiagLoc(Call); }

static std::string calleeName(const Expr *E) {
  if (const auto *New = dyn_cast<CXXNewExpr>(E))
    return New->isArray() ? "new[]" : "new";
  if (const auto *Del = dyn_cast<CXXDeleteExpr>(E))
    return Del->isArrayForm() ? "delete[]" : "delete";
  if (const auto *C = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = C->getDirectCallee())
      return FD->getNameAsString();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return CE->getType().getAsString();
  return "";
}

std::string Acquisition::acquireName() const { return calleeName(Call); }
std::string releaseName(const Expr *E) { return calleeName(E); }

/// clang-tidy's ExceptionAnalyzer, shared and cached within a translation unit:
/// a callee whose body provably throws nothing gets no exception edge.
static utils::ExceptionAnalyzer &exceptionAnalyzer(bool Reset = false) {
  static std::unique_ptr<utils::ExceptionAnalyzer> EA;
  if (!EA || Reset) {
    EA = std::make_unique<utils::ExceptionAnalyzer>();
    EA->ignoreBadAlloc(true);
  }
  return *EA;
}

// ---------------------------------------------------------------------------
// Keys: a handle variable or locked object as a path of declarations.
// ---------------------------------------------------------------------------
namespace {

using KeyPath = llvm::SmallVector<uintptr_t, 3>;
constexpr uintptr_t ThisTag = 1;
uintptr_t indexTag(uint64_t I) { return (uintptr_t(I) << 2) | 2; }

enum Bits : uint8_t { NotYet = 1, Held = 2, Released = 4, Escaped = 8 };

struct AcqState {
  uint8_t B = NotYet;
  llvm::SmallVector<SkipCause, 2> Causes;
  const Expr *LastRelease = nullptr;
};
using State = std::vector<AcqState>;

bool isNullish(const Expr *E, ASTContext &Ctx) {
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNull))
    return true;
  const auto *IL = dyn_cast<IntegerLiteral>(E->IgnoreParenCasts());
  return IL && IL->getValue() == 0;
}

bool mergeInto(State &Dst, const State &Src) {
  bool Changed = false;
  for (size_t I = 0; I < Dst.size(); ++I) {
    AcqState &D = Dst[I];
    const AcqState &S = Src[I];
    if ((D.B | S.B) != D.B) {
      D.B |= S.B;
      Changed = true;
    }
    for (const SkipCause &C : S.Causes)
      if (!llvm::is_contained(D.Causes, C)) {
        D.Causes.push_back(C);
        Changed = true;
      }
    if (!D.LastRelease && S.LastRelease) {
      D.LastRelease = S.LastRelease;
      Changed = true;
    }
  }
  return Changed;
}

bool isLockMethod(llvm::StringRef N) {
  return N == "lock" || N == "lock_shared";
}
bool isUnlockMethod(llvm::StringRef N) {
  return N == "unlock" || N == "unlock_shared";
}

class Analyzer {
public:
  Analyzer(const FunctionDecl *Fn, ASTContext &Ctx, const RuleCatalog &Cat,
           const NameMatcher &Nothrow, const NameMatcher &Guards,
           bool CNothrow, FunctionAnalysis &Out)
      : Fn(Fn), Ctx(Ctx), Cat(Cat), Nothrow(Nothrow), Guards(Guards),
        CNothrow(CNothrow), Out(Out) {}

  void run();

private:
  // Pre-pass over the body.
  void indexBody(const Stmt *S, const Stmt *Parent);
  void collectAcquisition(const Expr *E, const Acquire *A);
  void collectGuard(const CXXConstructExpr *CE);
  bool keyOf(const Expr *E, KeyPath &K, bool StripDeref, unsigned Depth = 0);
  unsigned internKey(const KeyPath &K);
  const Stmt *enclosingCompound(const Stmt *S) const;
  const VarDecl *storedInto(const Expr *E) const;
  bool isLocalVar(const ValueDecl *D) const;
  bool inTryBlock(const Stmt *S) const;
  bool isAncestor(const Stmt *Anc, const Stmt *S) const;

  // Dataflow.
  void transfer(const CFGBlock *B, State &S, bool Final);
  void visit(const Stmt *S, State &St, bool Final);
  void onAcquire(unsigned I, State &St, bool Final);
  void onRelease(const Expr *E, const Release *R, State &St, bool Final);
  void escapeRoot(const ValueDecl *Root, State &St);
  void escapeIfTracked(const Expr *E, State &St);
  void escapeOne(unsigned J, State &St);
  /// The acquisitions (not locks) \p E names: every one held in a tracked
  /// variable, or one element of a tracked array (`fds[1]`).
  void namedAcqs(const Expr *E, llvm::SmallVectorImpl<unsigned> &Named) const;
  void escapeCallArgs(const CallExpr *C, State &St);
  void refine(const Stmt *Cond, bool Branch, State &St);
  bool mayThrow(const CallExpr *C) const;
  void exitWith(const State &St, SkipCause::KindT K, const Stmt *Where,
                bool AlwaysAdd = false);
  void addCause(AcqState &A, SkipCause C) {
    if (!llvm::is_contained(A.Causes, C))
      A.Causes.push_back(C);
  }
  const ValueDecl *rootDecl(unsigned Key) const {
    const KeyPath &K = Keys[Key];
    return K.empty() || (K[0] & 3) ? nullptr
                                   : reinterpret_cast<const ValueDecl *>(K[0]);
  }
  const ValueDecl *trackedRoot(const Expr *E) const;

  const FunctionDecl *Fn;
  ASTContext &Ctx;
  const RuleCatalog &Cat;
  const NameMatcher &Nothrow;
  const NameMatcher &Guards;
  bool CNothrow;
  FunctionAnalysis &Out;

  llvm::DenseMap<const Stmt *, const Stmt *> Parent;
  llvm::DenseMap<const VarDecl *, const DeclStmt *> DeclOf;
  llvm::DenseMap<const ValueDecl *, const Expr *> AliasInit;
  llvm::DenseSet<const ValueDecl *> Reassigned;
  llvm::DenseMap<const Expr *, llvm::SmallVector<unsigned, 2>> AcqsAt;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<unsigned, 2>> GuardAcqs;
  llvm::DenseSet<const ValueDecl *> HandleRoots;
  std::vector<KeyPath> Keys;
  std::vector<const Expr *> Candidates;
  State ExitState;
  bool FnNothrow = false;
  llvm::DenseSet<const void *> Reported;
};

bool Analyzer::isLocalVar(const ValueDecl *D) const {
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  return VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD);
}

void Analyzer::indexBody(const Stmt *S, const Stmt *P) {
  if (!S)
    return;
  Parent[S] = P;
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D)) {
        DeclOf[VD] = DS;
        if (const Expr *Init = VD->getInit())
          if (isLocalVar(VD) && (VD->getType()->isPointerType() ||
                                 VD->getType()->isReferenceType()))
            AliasInit[VD] = Init;
      }
  } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->isAssignmentOp())
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        Reassigned.insert(DRE->getDecl());
  } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts()))
        Reassigned.insert(DRE->getDecl());
  } else if (isa<LambdaExpr, BlockExpr>(S)) {
    // A nested function: analysed on its own. Captures are hand-offs.
    if (const auto *LE = dyn_cast<LambdaExpr>(S))
      for (const LambdaCapture &C : LE->captures())
        if (C.capturesVariable())
          Reassigned.insert(C.getCapturedVar());
    return;
  }
  if (const auto *E = dyn_cast<Expr>(S)) {
    if (isa<CallExpr, CXXNewExpr, CXXConstructExpr>(E))
      Candidates.push_back(E);
  }
  for (const Stmt *C : S->children())
    indexBody(C, S);
}

const Stmt *Analyzer::enclosingCompound(const Stmt *S) const {
  for (const Stmt *P = Parent.lookup(S); P; P = Parent.lookup(P))
    if (isa<CompoundStmt>(P))
      return P;
  return Fn->getBody();
}

bool Analyzer::isAncestor(const Stmt *Anc, const Stmt *S) const {
  for (; S; S = Parent.lookup(S))
    if (S == Anc)
      return true;
  return false;
}

bool Analyzer::inTryBlock(const Stmt *S) const {
  const Stmt *Child = S;
  for (const Stmt *P = Parent.lookup(S); P; Child = P, P = Parent.lookup(P))
    if (const auto *Try = dyn_cast<CXXTryStmt>(P))
      if (Try->getTryBlock() == Child)
        return true;
  return false;
}

/// The local variable \p E's value is stored into (`T *v = E`, `v = E`).
const VarDecl *Analyzer::storedInto(const Expr *E) const {
  const Stmt *Cur = E;
  for (const Stmt *P = Parent.lookup(Cur); P; Cur = P, P = Parent.lookup(P)) {
    if (isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr, CXXStaticCastExpr,
            CXXReinterpretCastExpr, ExprWithCleanups>(P))
      continue;
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit() && VD->getInit()->IgnoreParenCasts() ==
                                   cast<Expr>(Cur)->IgnoreParenCasts())
            return isLocalVar(VD) ? VD : nullptr;
      return nullptr;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->getOpcode() != BO_Assign || BO->getRHS() != Cur)
        return nullptr;
      const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      return isLocalVar(VD) ? VD : nullptr;
    }
    return nullptr;
  }
  return nullptr;
}

/// \p E without parentheses, implicit casts and explicit casts that keep the
/// value: `free((void *)p)`, `free(const_cast<char *>(p))` and
/// `close(static_cast<int>(fd))` name the handle `p` / `fd`.
static const Expr *ignoreValueCasts(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    const auto *CE = dyn_cast<ExplicitCastExpr>(E);
    if (!CE)
      return E;
    switch (CE->getCastKind()) {
    case CK_NoOp:
    case CK_BitCast:
    case CK_IntegralCast:
      E = CE->getSubExpr();
      continue;
    default:
      return E;
    }
  }
}

bool Analyzer::keyOf(const Expr *E, KeyPath &K, bool StripDeref,
                     unsigned Depth) {
  if (!E || Depth > 8)
    return false;
  E = ignoreValueCasts(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (StripDeref &&
        (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref))
      return keyOf(UO->getSubExpr(), K, StripDeref, Depth + 1);
    return false;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (StripDeref && OC->getOperator() == OO_Star && OC->getNumArgs() == 1)
      return keyOf(OC->getArg(0), K, StripDeref, Depth + 1);
    return false;
  }
  if (isa<CXXThisExpr>(E)) {
    K.push_back(ThisTag);
    return true;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = DRE->getDecl();
    if (!isa<VarDecl>(D))
      return false;
    // A local pointer or reference that only ever names another object.
    auto It = AliasInit.find(D);
    if (It != AliasInit.end() && !Reassigned.count(D) &&
        !HandleRoots.count(D)) {
      KeyPath Sub;
      const Expr *Init = It->second->IgnoreParenImpCasts();
      bool Addr = isa<UnaryOperator>(Init) &&
                  cast<UnaryOperator>(Init)->getOpcode() == UO_AddrOf;
      bool Ref = D->getType()->isReferenceType();
      bool Copy = isa<DeclRefExpr>(Init) && Init->getType()->isPointerType();
      if ((Addr || Ref || Copy) && keyOf(Init, Sub, true, Depth + 1)) {
        K.append(Sub.begin(), Sub.end());
        return true;
      }
    }
    K.push_back(reinterpret_cast<uintptr_t>(D->getCanonicalDecl()));
    return true;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (!isa<FieldDecl, VarDecl>(ME->getMemberDecl()))
      return false;
    if (isa<VarDecl>(ME->getMemberDecl())) { // static member
      K.push_back(reinterpret_cast<uintptr_t>(
          ME->getMemberDecl()->getCanonicalDecl()));
      return true;
    }
    if (!keyOf(ME->getBase(), K, true, Depth + 1))
      return false;
    K.push_back(
        reinterpret_cast<uintptr_t>(ME->getMemberDecl()->getCanonicalDecl()));
    return true;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    Expr::EvalResult R;
    if (AS->getIdx()->isValueDependent() ||
        !AS->getIdx()->EvaluateAsInt(R, Ctx))
      return false;
    if (!keyOf(AS->getBase(), K, false, Depth + 1))
      return false;
    K.push_back(indexTag(R.Val.getInt().getZExtValue()));
    return true;
  }
  return false;
}

unsigned Analyzer::internKey(const KeyPath &K) {
  for (unsigned I = 0; I < Keys.size(); ++I)
    if (Keys[I] == K)
      return I;
  Keys.push_back(K);
  return Keys.size() - 1;
}

/// The handle as the user wrote it (`m`, `this->mu_`, `fds[0]`), also when it
/// is a macro argument; its declared name when the text is not to be had
/// (built inside a macro body) or too long.
static std::string spell(const Expr *E, ASTContext &Ctx) {
  if (!E)
    return "";
  CharSourceRange R = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(E->getSourceRange()),
      Ctx.getSourceManager(), Ctx.getLangOpts());
  if (R.isValid()) {
    std::string S = Lexer::getSourceText(R, Ctx.getSourceManager(),
                                         Ctx.getLangOpts())
                        .str();
    if (!S.empty() && S.size() <= 40)
      return S;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl()->getNameAsString();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl()->getNameAsString();
  return "";
}

void Analyzer::collectAcquisition(const Expr *E, const Acquire *A) {
  const Family *F = A->Fam;
  auto Add = [&](Acquisition Acq, const KeyPath &K) {
    Acq.Call = E;
    Acq.Rule = A;
    Acq.Fam = F;
    Acq.Key = internKey(K);
    Acq.IsLock = F->IsLock;
    Acq.Reentrant = F->Reentrant;
    if (Acq.Name.empty())
      Acq.Name = Acq.HandleVar ? Acq.HandleVar->getNameAsString()
                               : spell(stripToObject(Acq.HandleExpr), Ctx);
    if (A->isConditional() || A->Handle.Kind == HandleSpec::Out)
      Acq.ResultVar = storedInto(E);
    AcqsAt[E].push_back(Out.Acquisitions.size());
    Out.Acquisitions.push_back(std::move(Acq));
  };
  Acquisition Acq;
  Acq.Scope = enclosingCompound(E);
  KeyPath K;
  switch (A->Handle.Kind) {
  case HandleSpec::Return: {
    const VarDecl *V = storedInto(E);
    if (!V)
      return; // Stored elsewhere, returned or passed on: a hand-off.
    Acq.HandleVar = V;
    Acq.LocalObject = true;
    if (const DeclStmt *DS = DeclOf.lookup(V))
      Acq.Scope = enclosingCompound(DS);
    HandleRoots.insert(V->getCanonicalDecl());
    K.push_back(reinterpret_cast<uintptr_t>(V->getCanonicalDecl()));
    Add(std::move(Acq), K);
    return;
  }
  case HandleSpec::Out: {
    const Expr *H = RuleCatalog::handleExpr(E, A->Handle);
    if (!H)
      return;
    const Expr *Obj = H->IgnoreParenImpCasts();
    bool Addr = false;
    if (const auto *UO = dyn_cast<UnaryOperator>(Obj);
        UO && UO->getOpcode() == UO_AddrOf) {
      Obj = UO->getSubExpr()->IgnoreParenImpCasts();
      Addr = true;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(Obj);
    if (!DRE || !isLocalVar(DRE->getDecl()))
      return;
    if (!Addr && !DRE->getType()->isArrayType())
      return;
    const auto *V = cast<VarDecl>(DRE->getDecl());
    HandleRoots.insert(V->getCanonicalDecl());
    Acq.LocalObject = true;
    if (const DeclStmt *DS = DeclOf.lookup(V))
      Acq.Scope = enclosingCompound(DS);
    for (unsigned I = 0; I < A->Handle.Count; ++I) {
      Acquisition Each = Acq;
      KeyPath KI{reinterpret_cast<uintptr_t>(V->getCanonicalDecl())};
      Each.Name = V->getNameAsString();
      if (A->Handle.Count > 1 || DRE->getType()->isArrayType()) {
        KI.push_back(indexTag(I));
        Each.Name += "[" + std::to_string(I) + "]";
      } else {
        Each.HandleVar = V;
      }
      Add(std::move(Each), KI);
    }
    return;
  }
  case HandleSpec::This:
  case HandleSpec::Arg: {
    const Expr *H = RuleCatalog::handleExpr(E, A->Handle);
    if (!H || !keyOf(H, K, true))
      return;
    Acq.HandleExpr = H;
    const ValueDecl *Root =
        (K[0] & 3) ? nullptr : reinterpret_cast<const ValueDecl *>(K[0]);
    Acq.LocalObject = isLocalVar(Root) && !Root->getType()->isPointerType() &&
                      !Root->getType()->isReferenceType();
    Add(std::move(Acq), K);
    return;
  }
  }
}

void Analyzer::collectGuard(const CXXConstructExpr *CE) {
  if (CE->getNumArgs() == 0 || !Guards.matches(guardDeclOf(CE->getType())))
    return;
  const VarDecl *V = storedInto(CE);
  if (!V) {
    // `std::lock_guard<std::mutex> g(m);` is the VarDecl's init directly.
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parent.lookup(CE)))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit() &&
              VD->getInit()->IgnoreImplicit() == CE->IgnoreImplicit())
            V = VD;
  }
  if (!V || !V->hasLocalStorage())
    return;
  for (const Expr *Arg : CE->arguments()) {
    const auto *RD = Arg->getType()->getAsCXXRecordDecl();
    if (RD && RD->getIdentifier() &&
        (RD->getName() == "defer_lock_t" || RD->getName() == "adopt_lock_t" ||
         RD->getName() == "try_to_lock_t"))
      return;
  }
  for (const Expr *Arg : CE->arguments()) {
    if (!isLockableType(Arg->getType().getNonReferenceType()))
      continue;
    KeyPath K;
    if (!keyOf(Arg, K, true))
      continue;
    Acquisition Acq;
    Acq.Call = CE;
    Acq.GuardVar = V;
    Acq.HandleExpr = Arg;
    Acq.Key = internKey(K);
    Acq.IsLock = true;
    Acq.Reentrant =
        isRecursiveLockableType(Arg->getType().getNonReferenceType());
    Acq.Name = spell(stripToObject(Arg), Ctx);
    Acq.Scope = enclosingCompound(CE);
    AcqsAt[CE].push_back(Out.Acquisitions.size());
    GuardAcqs[V].push_back(Out.Acquisitions.size());
    Out.Acquisitions.push_back(std::move(Acq));
  }
}

const ValueDecl *Analyzer::trackedRoot(const Expr *E) const {
  E = E->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (HandleRoots.count(cast<ValueDecl>(DRE->getDecl()->getCanonicalDecl())))
      return cast<ValueDecl>(DRE->getDecl()->getCanonicalDecl());
  return nullptr;
}

bool Analyzer::mayThrow(const CallExpr *C) const {
  if (!Ctx.getLangOpts().CXXExceptions || FnNothrow)
    return false;
  const FunctionDecl *FD = C->getDirectCallee();
  if (FD) {
    if (FD->getBuiltinID() || FD->isNoReturn())
      return false;
    if (CNothrow && FD->isExternC())
      return false;
    if (!Nothrow.empty() && Nothrow.matches(FD))
      return false;
    if (const Release *R = Cat.matchRelease(C))
      if (!R->MayThrow)
        return false;
    if (const auto *FPT = FD->getType()->getAs<FunctionProtoType>())
      if (FPT->isNothrow())
        return false;
    if (FD->hasBody() &&
        exceptionAnalyzer().analyze(FD).getBehaviour() ==
            utils::ExceptionAnalyzer::State::NotThrowing)
      return false;
    return true;
  }
  QualType T = C->getCallee()->getType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  if (const auto *FPT = T->getAs<FunctionProtoType>())
    return !FPT->isNothrow();
  return true;
}

void Analyzer::exitWith(const State &St, SkipCause::KindT K,
                        const Stmt *Where, bool AlwaysAdd) {
  State Copy = St;
  for (AcqState &A : Copy)
    if ((A.B & Held) && (AlwaysAdd || A.Causes.empty()))
      addCause(A, {K, Where});
  mergeInto(ExitState, Copy);
}

void Analyzer::onAcquire(unsigned I, State &St, bool Final) {
  Acquisition &A = Out.Acquisitions[I];
  bool Conditional = A.Rule && A.Rule->isConditional();
  for (unsigned J = 0; J < St.size(); ++J) {
    const Acquisition &O = Out.Acquisitions[J];
    if (O.Key != A.Key || !(St[J].B & Held))
      continue;
    if (A.IsLock) {
      if (Final && St[J].B == Held && !Conditional && !A.Reentrant &&
          !O.Reentrant && Reported.insert(A.Call).second)
        Out.Reacquires.push_back({A.Call, J});
    } else if (!O.isGuard()) {
      // The handle variable is overwritten while it still holds a handle.
      if (Final) {
        State Only(St.size());
        Only[J] = St[J];
        exitWith(Only, SkipCause::Overwrite, A.Call, /*AlwaysAdd=*/true);
      }
    }
  }
  for (unsigned J = 0; J < St.size(); ++J)
    if (J != I && Out.Acquisitions[J].Key == A.Key &&
        (!A.IsLock || !(St[J].B & Held) ||
         Out.Acquisitions[J].isGuard() == A.isGuard()))
      St[J] = AcqState();
  St[I].B = Held;
  St[I].Causes.clear();
  St[I].LastRelease = nullptr;
  if (Final)
    A.Reached = true;
}

void Analyzer::onRelease(const Expr *E, const Release *R, State &St,
                         bool Final) {
  const Expr *H = RuleCatalog::handleExpr(E, R->Handle);
  KeyPath K;
  if (!H || !keyOf(H, K, R->Fam->IsLock))
    return;
  unsigned Key = ~0u;
  for (unsigned I = 0; I < Keys.size(); ++I)
    if (Keys[I] == K)
      Key = I;
  if (Key == ~0u)
    return;
  for (unsigned J = 0; J < St.size(); ++J) {
    Acquisition &A = Out.Acquisitions[J];
    if (A.Key != Key || A.isGuard() || !A.Fam)
      continue;
    if (A.Fam->Kind != R->Fam->Kind)
      continue;
    AcqState &S = St[J];
    if (Final) {
      if ((S.B & Released) && S.LastRelease && S.LastRelease != E &&
          Reported.insert(E).second)
        Out.DoubleReleases.push_back({E, S.LastRelease, J});
      if (S.B & Held) {
        if (A.Fam != R->Fam) {
          if (Reported.insert(E).second)
            Out.Mismatches.push_back({E, R, J});
        } else if (!llvm::is_contained(A.Releases, E)) {
          A.Releases.push_back(E);
        }
        A.ReleasedSomewhere = true;
      }
    }
    if (S.B & (Held | Released)) {
      S.B = (S.B & ~Held) | Released;
      S.Causes.clear();
      S.LastRelease = E;
    }
  }
}

void Analyzer::escapeRoot(const ValueDecl *Root, State &St) {
  for (unsigned J = 0; J < St.size(); ++J) {
    Acquisition &A = Out.Acquisitions[J];
    if (A.IsLock || rootDecl(A.Key) != Root || !(St[J].B & Held))
      continue;
    St[J].B = (St[J].B & ~Held) | Escaped;
    St[J].Causes.clear();
    A.Escaped = true;
  }
}

void Analyzer::escapeOne(unsigned J, State &St) {
  if (!(St[J].B & Held))
    return;
  St[J].B = (St[J].B & ~Held) | Escaped;
  St[J].Causes.clear();
  Out.Acquisitions[J].Escaped = true;
}

void Analyzer::namedAcqs(const Expr *E,
                         llvm::SmallVectorImpl<unsigned> &Named) const {
  E = E->IgnoreParenCasts();
  const auto *AS = dyn_cast<ArraySubscriptExpr>(E);
  const ValueDecl *Root = trackedRoot(AS ? AS->getBase() : E);
  if (!Root)
    return;
  // `fds[1]` names one handle of an array filled by `pipe(fds)`; an element
  // of a heap block (`p[0]` after `p = malloc(n)`) names no handle.
  std::optional<uintptr_t> Index;
  bool AnyIndex = false;
  if (AS) {
    Expr::EvalResult R;
    if (!AS->getIdx()->isValueDependent() && AS->getIdx()->EvaluateAsInt(R, Ctx))
      Index = indexTag(R.Val.getInt().getZExtValue());
    else
      AnyIndex = true;
  }
  for (unsigned J = 0; J < Out.Acquisitions.size(); ++J) {
    const Acquisition &A = Out.Acquisitions[J];
    if (A.IsLock || rootDecl(A.Key) != Root)
      continue;
    const KeyPath &K = Keys[A.Key];
    if (AS && (K.size() < 2 || (!AnyIndex && K[1] != *Index)))
      continue;
    Named.push_back(J);
  }
}

void Analyzer::escapeIfTracked(const Expr *E, State &St) {
  if (!E)
    return;
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParenCasts();
  // The value of `x = fd` is the handle.
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign)
    return escapeIfTracked(BO->getRHS(), St);
  llvm::SmallVector<unsigned, 4> Named;
  namedAcqs(E, Named);
  for (unsigned J : Named)
    escapeOne(J, St);
}

/// True if \p C stores its arguments in the object it is called on: the
/// insertion members of the standard containers and adaptors (and of
/// containers that copy their interface), or an assignment operator. The
/// handle then lives in the container, which owns it from now on.
static bool storesArguments(const CallExpr *C) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(C->getDirectCallee());
  if (!MD || !MD->isInstance())
    return false;
  if (MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator() ||
      MD->getOverloadedOperator() == OO_Equal)
    return true;
  if (!MD->getIdentifier())
    return false;
  return llvm::StringSwitch<bool>(MD->getName())
      .Cases({"push_back", "push_front", "emplace_back", "emplace_front",
              "push", "emplace", "emplace_hint", "insert", "insert_or_assign",
              "try_emplace"},
             true)
      .Default(false);
}

static bool isCLibraryFunction(const FunctionDecl *FD, ASTContext &Ctx) {
  return FD && (FD->isExternC() || !Ctx.getLangOpts().CPlusPlus) &&
         Ctx.getSourceManager().isInSystemHeader(FD->getLocation());
}

void Analyzer::escapeCallArgs(const CallExpr *C, State &St) {
  const FunctionDecl *FD = C->getDirectCallee();
  const bool Stores = storesArguments(C);
  for (unsigned I = 0; I < C->getNumArgs(); ++I) {
    const Expr *Arg = C->getArg(I)->IgnoreParenCasts();
    bool AddrOf = false;
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg);
        UO && UO->getOpcode() == UO_AddrOf) {
      Arg = UO->getSubExpr()->IgnoreParenCasts();
      AddrOf = true;
    }
    llvm::SmallVector<unsigned, 4> Named;
    namedAcqs(Arg, Named);
    for (unsigned J : Named) {
      const Acquisition &A = Out.Acquisitions[J];
      if (!(St[J].B & Held))
        continue;
      bool Takes = AddrOf || Stores || Cat.isTransfer(C, I, *A.Fam) ||
                   (A.Fam->CallsTakeOwnership &&
                    !isCLibraryFunction(FD, Ctx));
      if (Takes)
        escapeOne(J, St);
    }
  }
}

void Analyzer::visit(const Stmt *S, State &St, bool Final) {
  const auto *E = dyn_cast<Expr>(S);
  if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
    // The CFG has no exception edge for `new`: it fails before acquiring.
    // A non-throwing allocation function (`new (std::nothrow)`, placement
    // `new (p)`) cannot; a constructor that may throw gets its own edge.
    const FunctionDecl *OpNew = New->getOperatorNew();
    const auto *OpType =
        OpNew ? OpNew->getType()->getAs<FunctionProtoType>() : nullptr;
    bool AllocMayThrow = !(OpType && OpType->isNothrow());
    if (Final && !FnNothrow && Ctx.getLangOpts().CXXExceptions &&
        AllocMayThrow && !inTryBlock(New))
      exitWith(St, SkipCause::Exception, New);
    // `new (slot) T *(p)`, `new int(fd)`: the handle is stored in the new
    // object. (A constructor's arguments are visited with the constructor.)
    if (const Expr *Init = New->getInitializer();
        Init && !isa<CXXConstructExpr, InitListExpr, ParenListExpr>(
                    Init->IgnoreImplicit()))
      escapeIfTracked(Init, St);
  }
  if (E) {
    auto It = AcqsAt.find(E);
    if (It != AcqsAt.end()) {
      // A release that is also an acquire (`p = realloc(p, n)`) releases
      // its argument first.
      if (const Release *R = Cat.matchRelease(E))
        onRelease(E, R, St, Final);
      if (const auto *C = dyn_cast<CallExpr>(E))
        escapeCallArgs(C, St); // `fdopen(fd)` takes `fd`
      for (unsigned I : It->second)
        onAcquire(I, St, Final);
      return;
    }
    if (const Release *R = Cat.matchRelease(E)) {
      onRelease(E, R, St, Final);
      return;
    }
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    // unlock() / lock() / release() on a guard object.
    if (const auto *DRE = dyn_cast<DeclRefExpr>(
            MC->getImplicitObjectArgument()->IgnoreParenImpCasts()))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        if (auto It = GuardAcqs.find(V); It != GuardAcqs.end()) {
          const CXXMethodDecl *MD = MC->getMethodDecl();
          llvm::StringRef N =
              MD && MD->getIdentifier() ? MD->getName() : llvm::StringRef();
          for (unsigned I : It->second) {
            if (isUnlockMethod(N) || N == "release") {
              St[I].B = N == "release" ? Escaped : Released;
              St[I].Causes.clear();
            } else if (isLockMethod(N)) {
              onAcquire(I, St, Final);
            }
          }
          return;
        }
  }
  if (const auto *C = dyn_cast<CallExpr>(S)) {
    escapeCallArgs(C, St);
    return;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    for (const Expr *Arg : CE->arguments())
      escapeIfTracked(Arg, St);
    if (Final && !FnNothrow && Ctx.getLangOpts().CXXExceptions &&
        !CE->getConstructor()->isTrivial() && !inTryBlock(CE))
      if (const auto *FPT =
              CE->getConstructor()->getType()->getAs<FunctionProtoType>();
          FPT && !FPT->isNothrow())
        exitWith(St, SkipCause::Exception, CE);
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() != BO_Assign)
      return;
    // The CFG lists only the outer assignment of `*w = *r = fd`: the inner
    // one is a store of its own.
    if (const auto *Inner =
            dyn_cast<BinaryOperator>(BO->getRHS()->IgnoreParenImpCasts());
        Inner && Inner->getOpcode() == BO_Assign)
      visit(Inner, St, Final);
    const Expr *L = BO->getLHS()->IgnoreParenImpCasts();
    const auto *DRE = dyn_cast<DeclRefExpr>(L);
    if (DRE && isLocalVar(DRE->getDecl())) {
      // Overwriting the handle variable: a released handle is forgotten
      // (`free(p); p = NULL;` makes a later `free(p)` harmless).
      const ValueDecl *Root = cast<ValueDecl>(DRE->getDecl()->getCanonicalDecl());
      // `p = nullptr;` while p holds a handle: the author dropped it on
      // purpose (typically after handing it over); stop tracking.
      if (isNullish(BO->getRHS(), Ctx))
        escapeRoot(Root, St);
      for (unsigned J = 0; J < St.size(); ++J)
        if (!Out.Acquisitions[J].IsLock && rootDecl(Out.Acquisitions[J].Key) == Root &&
            (St[J].B & Released)) {
          St[J].B = (St[J].B & ~Released) | NotYet;
          St[J].LastRelease = nullptr;
        }
      return; // copies into locals are aliases
    }
    escapeIfTracked(BO->getRHS(), St);
    return;
  }
  if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
    std::function<void(const Stmt *)> Walk = [&](const Stmt *X) {
      if (!X)
        return;
      if (const auto *XE = dyn_cast<Expr>(X))
        if (const ValueDecl *Root = trackedRoot(XE)) {
          escapeRoot(Root, St);
          return;
        }
      if (const auto *BO = dyn_cast<BinaryOperator>(X);
          BO && BO->isComparisonOp())
        return;
      for (const Stmt *C : X->children())
        Walk(C);
    };
    Walk(Ret->getRetValue());
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (VD->getInit() && !VD->hasLocalStorage())
          escapeIfTracked(VD->getInit(), St);
    return;
  }
  if (const auto *IL = dyn_cast<InitListExpr>(S)) {
    for (const Expr *Init : IL->inits())
      escapeIfTracked(Init, St);
    return;
  }
  if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
    for (const LambdaCapture &C : LE->captures())
      if (C.capturesVariable())
        if (HandleRoots.count(cast<ValueDecl>(C.getCapturedVar()->getCanonicalDecl())))
          escapeRoot(cast<ValueDecl>(C.getCapturedVar()->getCanonicalDecl()), St);
    return;
  }
}

/// What a branch condition says about a tracked variable or acquire call.
struct CondFact {
  const VarDecl *Var = nullptr;
  const Expr *Call = nullptr;
  bool TrueMeansAcquired = true;
};

static std::optional<CondFact> condFact(const Expr *C, ASTContext &Ctx);

static std::optional<CondFact> condTarget(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign)
    E = BO->getLHS()->IgnoreParenImpCasts();
  CondFact F;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    F.Var = dyn_cast<VarDecl>(DRE->getDecl());
  else if (isa<CallExpr>(E))
    F.Call = E;
  if (!F.Var && !F.Call)
    return std::nullopt;
  return F;
}

static std::optional<CondFact> condFact(const Expr *C, ASTContext &Ctx) {
  if (!C)
    return std::nullopt;
  C = C->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(C);
      UO && UO->getOpcode() == UO_LNot) {
    auto F = condFact(UO->getSubExpr(), Ctx);
    if (F)
      F->TrueMeansAcquired = !F->TrueMeansAcquired;
    return F;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(C); BO && BO->isComparisonOp()) {
    const Expr *L = BO->getLHS(), *R = BO->getRHS();
    BinaryOperatorKind Op = BO->getOpcode();
    Expr::EvalResult V;
    bool RConst = R->EvaluateAsInt(V, Ctx) || isNullish(R, Ctx);
    if (!RConst) {
      std::swap(L, R);
      Op = BinaryOperator::reverseComparisonOp(Op);
      if (!(R->EvaluateAsInt(V, Ctx) || isNullish(R, Ctx)))
        return std::nullopt;
    }
    int64_t K = V.Val.isInt() ? V.Val.getInt().getSExtValue() : 0;
    auto F = condTarget(L);
    if (!F)
      return std::nullopt;
    // Encode the comparison as "true branch means value is valid/nonzero";
    // the caller interprets per acquire (invalid null/negative, success).
    // Here: null/zero comparisons and negative checks.
    if (K == 0 && (Op == BO_EQ || Op == BO_NE)) {
      F->TrueMeansAcquired = Op == BO_NE; // "nonzero"
      F->Call = F->Call;                  // interpreted by refine()
      return F;
    }
    if ((K == 0 && (Op == BO_LT || Op == BO_GE)) ||
        (K == -1 && (Op == BO_EQ || Op == BO_NE || Op == BO_LE ||
                     Op == BO_GT))) {
      bool TrueIsNonNegative =
          Op == BO_GE || Op == BO_NE || Op == BO_GT;
      F->TrueMeansAcquired = TrueIsNonNegative;
      F->Var = F->Var;
      // Mark as a sign test by negating through a sentinel: handled below.
      return CondFact{F->Var, F->Call, TrueIsNonNegative};
    }
    return std::nullopt;
  }
  return condTarget(C); // plain truth value: true means nonzero
}

void Analyzer::refine(const Stmt *CondS, bool Branch, State &St) {
  const auto *Cond = dyn_cast_or_null<Expr>(CondS);
  if (!Cond)
    return;
  auto F = condFact(Cond, Ctx);
  if (!F)
    return;
  // Is this a sign test (fd < 0) rather than a zero test?
  bool SignTest = false;
  if (const auto *BO =
          dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts()->IgnoreParens())) {
    Expr::EvalResult V;
    const Expr *R = BO->getRHS();
    const Expr *L = BO->getLHS();
    if (!R->EvaluateAsInt(V, Ctx))
      R = L;
    if (R->EvaluateAsInt(V, Ctx)) {
      int64_t K = V.Val.getInt().getSExtValue();
      SignTest = K == -1 || (K == 0 && BO->getOpcode() != BO_EQ &&
                             BO->getOpcode() != BO_NE);
    }
  }
  for (unsigned J = 0; J < St.size(); ++J) {
    const Acquisition &A = Out.Acquisitions[J];
    if (!A.Rule || !(St[J].B & Held))
      continue;
    bool Matches = false;
    bool NonzeroMeansAcquired = true;
    if (F->Call && F->Call == A.Call) {
      Matches = true;
    } else if (F->Var && A.ResultVar &&
               F->Var->getCanonicalDecl() == A.ResultVar->getCanonicalDecl()) {
      Matches = true;
    } else if (F->Var && A.HandleVar &&
               F->Var->getCanonicalDecl() == A.HandleVar->getCanonicalDecl() &&
               A.Rule->Handle.Kind == HandleSpec::Return) {
      Matches = true;
    }
    if (!Matches)
      continue;
    // What does the true branch of the test mean for this acquire?
    bool TrueMeansAcquired;
    if (F->Call == A.Call || (A.ResultVar && F->Var == A.ResultVar)) {
      if (A.Rule->Handle.Kind == HandleSpec::Return) {
        if (A.Rule->Invalid == InvalidValue::Negative) {
          if (!SignTest)
            continue;
          TrueMeansAcquired = F->TrueMeansAcquired;
        } else {
          TrueMeansAcquired = F->TrueMeansAcquired;
        }
      } else if (A.Rule->SuccessWhen == Success::Zero) {
        if (SignTest)
          TrueMeansAcquired = F->TrueMeansAcquired; // rc >= 0
        else
          TrueMeansAcquired = !F->TrueMeansAcquired; // rc == 0 => acquired
      } else if (A.Rule->SuccessWhen == Success::True && !SignTest) {
        TrueMeansAcquired = F->TrueMeansAcquired;
      } else {
        continue;
      }
    } else {
      // Test of the handle variable itself. A null pointer holds nothing,
      // whatever the rule's `invalid` says: after `T *p = new T;` the branch
      // where `p` is null is infeasible, and after `p = nullptr; if (c) p =
      // new T;` it is the branch where nothing was acquired.
      bool PointerHandle = A.HandleVar && A.HandleVar->getType()->isPointerType();
      if (PointerHandle) {
        if (SignTest)
          continue;
      } else if (A.Rule->Invalid == InvalidValue::Negative) {
        if (!SignTest)
          continue;
      } else if (A.Rule->Invalid != InvalidValue::Null) {
        continue;
      }
      TrueMeansAcquired = F->TrueMeansAcquired;
    }
    (void)NonzeroMeansAcquired;
    if (Branch != TrueMeansAcquired) {
      St[J].B = (St[J].B & ~Held) | NotYet;
      St[J].Causes.clear();
    }
  }
}

static const Stmt *lastStmt(const CFGBlock *B) {
  for (auto It = B->rbegin(); It != B->rend(); ++It)
    if (auto CS = It->getAs<CFGStmt>())
      return CS->getStmt();
  return nullptr;
}

void Analyzer::transfer(const CFGBlock *B, State &St, bool Final) {
  for (const CFGElement &El : *B) {
    if (auto CS = El.getAs<CFGStmt>()) {
      visit(CS->getStmt(), St, Final);
    } else if (auto D = El.getAs<CFGAutomaticObjDtor>()) {
      auto It = GuardAcqs.find(D->getVarDecl());
      if (It != GuardAcqs.end())
        for (unsigned I : It->second)
          if (St[I].B & Held) {
            St[I].B = (St[I].B & ~Held) | Released;
            St[I].Causes.clear();
          }
    }
  }
}

} // namespace

void Analyzer::run() {
  const Stmt *Body = Fn->getBody();
  if (!Body)
    return;
  if (const auto *FPT = Fn->getType()->getAs<FunctionProtoType>())
    FnNothrow = FPT->isNothrow();
  if (isa<CXXDestructorDecl>(Fn))
    FnNothrow = true;
  indexBody(Body, nullptr);
  // First the handle-returning acquires (they define which variables are
  // handles, so those are never treated as aliases), then the others.
  for (int Pass = 0; Pass < 2; ++Pass)
    for (const Expr *E : Candidates) {
      const Acquire *A = Cat.matchAcquire(E);
      bool IsReturn = A && (A->Handle.Kind == HandleSpec::Return ||
                            A->Handle.Kind == HandleSpec::Out);
      if (A && IsReturn == (Pass == 0))
        collectAcquisition(E, A);
      else if (!A && Pass == 1)
        if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
          collectGuard(CE);
    }
  bool AnyManual = llvm::any_of(Out.Acquisitions, [](const Acquisition &A) {
    return !A.isGuard();
  });
  if (!AnyManual)
    return;

  CFG::BuildOptions BO;
  BO.AddEHEdges = Ctx.getLangOpts().CXXExceptions;
  BO.AddImplicitDtors = true;
  BO.PruneTriviallyFalseEdges = true;
  std::unique_ptr<CFG> G =
      CFG::buildCFG(Fn, const_cast<Stmt *>(Body), &Ctx, BO);
  if (!G)
    return;
  Out.Analyzed = true;
  const size_t N = Out.Acquisitions.size();
  State Bottom(N);
  for (AcqState &A : Bottom)
    A.B = 0;
  std::vector<State> In(G->getNumBlockIDs(), Bottom);
  In[G->getEntry().getBlockID()] = State(N);
  std::vector<bool> Seen(G->getNumBlockIDs(), false);
  ExitState.assign(N, AcqState());
  for (AcqState &A : ExitState)
    A.B = 0;

  // Reverse post-order by an iterative DFS (pruned edges are null).
  std::vector<unsigned> Order(G->getNumBlockIDs(), 0);
  {
    std::vector<const CFGBlock *> Post;
    std::vector<bool> Visited(G->getNumBlockIDs(), false);
    std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>>
        Stack;
    Stack.push_back({&G->getEntry(), G->getEntry().succ_begin()});
    Visited[G->getEntry().getBlockID()] = true;
    while (!Stack.empty()) {
      auto &[B, It] = Stack.back();
      if (It == B->succ_end()) {
        Post.push_back(B);
        Stack.pop_back();
        continue;
      }
      const CFGBlock *S = (It++)->getReachableBlock();
      if (S && !Visited[S->getBlockID()]) {
        Visited[S->getBlockID()] = true;
        Stack.push_back({S, S->succ_begin()});
      }
    }
    unsigned Pos = 0;
    for (auto It = Post.rbegin(); It != Post.rend(); ++It)
      Order[(*It)->getBlockID()] = Pos++;
  }
  // Worklist ordered by reverse post-order position.
  std::set<std::pair<unsigned, const CFGBlock *>> Work;
  Work.insert({Order[G->getEntry().getBlockID()], &G->getEntry()});
  Seen[G->getEntry().getBlockID()] = true;

  auto Propagate = [&](const CFGBlock *B, bool Final) {
    State St = In[B->getBlockID()];
    State BeforeLast;
    const Stmt *Last = lastStmt(B);
    bool EHBlock = !B->getTerminatorStmt() && B->succ_size() == 2 &&
                   Last && isa<CallExpr>(Last);
    if (EHBlock) {
      // The state on the exception edge is the one before the call.
      State Tmp = St;
      for (const CFGElement &El : *B) {
        auto CS = El.getAs<CFGStmt>();
        if (CS && CS->getStmt() == Last)
          break;
        if (CS)
          visit(CS->getStmt(), Tmp, false);
      }
      BeforeLast = std::move(Tmp);
    }
    transfer(B, St, Final);
    const Stmt *Term = B->getTerminatorStmt();
    const Stmt *Cond = B->getTerminatorCondition();
    bool NoReturn = B->hasNoReturnElement();
    unsigned Idx = 0;
    for (auto SI = B->succ_begin(); SI != B->succ_end(); ++SI, ++Idx) {
      const CFGBlock *S = SI->getReachableBlock();
      if (!S)
        continue;
      State Next;
      if (EHBlock && Idx == 1) {
        if (!mayThrow(cast<CallExpr>(Last)))
          continue;
        Next = BeforeLast;
        // A hand-off to the throwing callee counts as done.
        for (unsigned J = 0; J < N; ++J)
          if ((St[J].B & Escaped) && !(Next[J].B & Escaped))
            Next[J] = St[J];
        // A failing acquire of the same handle is reported as a
        // re-acquire, not as an exception that skips the release.
        auto Own = AcqsAt.find(cast<Expr>(Last));
        for (unsigned J = 0; J < N; ++J)
          if ((Next[J].B & Held) &&
              (Own == AcqsAt.end() ||
               llvm::none_of(Own->second, [&](unsigned I) {
                 return Out.Acquisitions[I].Key == Out.Acquisitions[J].Key;
               })))
            addCause(Next[J], {SkipCause::Exception, Last});
      } else {
        Next = St;
        if (Cond && B->succ_size() == 2 &&
            !isa_and_nonnull<CXXForRangeStmt>(Term))
          refine(Cond, Idx == 0, Next);
        if (Term && isa<BreakStmt, ContinueStmt, GotoStmt>(Term)) {
          SkipCause::KindT K = isa<BreakStmt>(Term)      ? SkipCause::Break
                               : isa<ContinueStmt>(Term) ? SkipCause::Continue
                                                         : SkipCause::Goto;
          for (unsigned J = 0; J < N; ++J) {
            if (!(Next[J].B & Held))
              continue;
            const Stmt *Scope = Out.Acquisitions[J].Scope;
            if (!isAncestor(Scope, Term))
              continue;
            bool Leaves;
            if (const auto *G2 = dyn_cast<GotoStmt>(Term))
              Leaves = !isAncestor(Scope, G2->getLabel()->getStmt());
            else {
              // The loop or switch the jump targets encloses the scope?
              const Stmt *Target = nullptr;
              for (const Stmt *P = Parent.lookup(Term); P; P = Parent.lookup(P))
                if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P) ||
                    (isa<SwitchStmt>(P) && isa<BreakStmt>(Term))) {
                  Target = P;
                  break;
                }
              Leaves = Target && isAncestor(Target, Scope);
            }
            if (Leaves)
              addCause(Next[J], {K, Term});
          }
        }
      }
      if (S == &G->getExit()) {
        if (NoReturn)
          continue;
        if (Final) {
          SkipCause::KindT K = SkipCause::FunctionEnd;
          const Stmt *Where = nullptr;
          if (EHBlock && Idx == 1) {
            K = SkipCause::Exception;
            Where = Last;
          } else if (Term && isa<CXXThrowExpr>(Term)) {
            K = SkipCause::Throw;
            Where = Term;
          } else if (Last && isa<CXXThrowExpr>(Last)) {
            K = SkipCause::Throw;
            Where = Last;
          } else if (Last && isa<ReturnStmt>(Last)) {
            K = SkipCause::Return;
            Where = Last;
          }
          exitWith(Next, K, Where);
        }
        continue;
      }
      if (Final)
        continue;
      unsigned Id = S->getBlockID();
      if (mergeInto(In[Id], Next) || !Seen[Id]) {
        Seen[Id] = true;
        Work.insert({Order[Id], S});
      }
    }
  };

  unsigned Steps = 0;
  const unsigned MaxSteps = 200000;
  while (!Work.empty() && Steps++ < MaxSteps) {
    const CFGBlock *B = Work.begin()->second;
    Work.erase(Work.begin());
    Propagate(B, false);
  }
  if (Steps >= MaxSteps)
    return; // give up quietly rather than report on a partial fixpoint
  for (const CFGBlock *B : *G)
    if (Seen[B->getBlockID()])
      Propagate(B, true);

  // The analysis is path-insensitive. One correlation is common enough to
  // model: `if (c) acquire; ... if (c) release;` with the same condition.
  auto GuardingCondition = [&](const Stmt *S) -> const Expr * {
    const Stmt *Child = S;
    for (const Stmt *P = Parent.lookup(S); P; Child = P, P = Parent.lookup(P))
      if (const auto *If = dyn_cast<IfStmt>(P))
        return If->getThen() == Child ? If->getCond() : nullptr;
    return nullptr;
  };
  auto SameCondition = [&](const Expr *A, const Expr *B) {
    if (!A || !B)
      return false;
    llvm::FoldingSetNodeID IA, IB;
    A->IgnoreParenImpCasts()->Profile(IA, Ctx, /*Canonical=*/true);
    B->IgnoreParenImpCasts()->Profile(IB, Ctx, /*Canonical=*/true);
    return IA == IB;
  };
  for (unsigned I = 0; I < N; ++I) {
    Acquisition &A = Out.Acquisitions[I];
    A.HeldAtExit = ExitState[I].B & Held;
    if (A.HeldAtExit && !A.Releases.empty()) {
      const Expr *C = GuardingCondition(A.Call);
      if (C && llvm::any_of(A.Releases, [&](const Expr *R) {
            return SameCondition(C, GuardingCondition(R));
          })) {
        A.HeldAtExit = false;
        A.Correlated = true;
      }
    }
    A.Skips.assign(ExitState[I].Causes.begin(), ExitState[I].Causes.end());
    llvm::sort(A.Skips);
    A.Skips.erase(std::unique(A.Skips.begin(), A.Skips.end()), A.Skips.end());
  }
}

bool FunctionAnalysis::releasesAtScopeExits(const Acquisition &A) const {
  // A release at a scope exit is a full statement of the acquire's scope
  // (or of a block nested in it) that is the last statement there or is
  // followed directly by a jump.
  if (A.Releases.empty() || !A.Scope)
    return false;
  for (const Expr *R : A.Releases) {
    bool Found = false;
    std::function<bool(const Stmt *)> Walk = [&](const Stmt *S) -> bool {
      const auto *CS = dyn_cast_or_null<CompoundStmt>(S);
      if (CS) {
        auto Body = CS->body();
        for (auto It = Body.begin(); It != Body.end(); ++It) {
          const Stmt *St = *It;
          const auto *E = dyn_cast<Expr>(St);
          if (E && E->IgnoreParenCasts() == R) { // also `(void)fclose(f);`
            auto Next = std::next(It);
            Found = Next == Body.end() ||
                    isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(*Next);
            return true;
          }
        }
      }
      if (S)
        for (const Stmt *C : S->children())
          if (Walk(C))
            return true;
      return false;
    };
    Walk(A.Scope);
    if (!Found)
      return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// The shared cache: one analysis per function and option set.
// ---------------------------------------------------------------------------
namespace {
struct Cache {
  std::map<AnalysisOptions,
           std::pair<std::unique_ptr<NameMatcher>, std::unique_ptr<NameMatcher>>>
      Matchers;
  std::map<std::pair<const FunctionDecl *, AnalysisOptions>,
           std::shared_ptr<const FunctionAnalysis>>
      Results;
};
Cache &cache() {
  static Cache C;
  return C;
}

/// Quick scan: does \p S contain a call the catalog knows as an acquire?
bool containsAcquire(const Stmt *S, const RuleCatalog &Cat) {
  if (!S)
    return false;
  if (isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (isa<CallExpr, CXXNewExpr>(S) && Cat.matchAcquire(cast<Expr>(S)))
    return true;
  for (const Stmt *C : S->children())
    if (containsAcquire(C, Cat))
      return true;
  return false;
}
} // namespace

void clearAnalysisCache() {
  cache().Results.clear();
  exceptionAnalyzer(/*Reset=*/true);
}

std::shared_ptr<const FunctionAnalysis>
analyzeFunction(const FunctionDecl *Fn, ASTContext &Ctx,
                const RuleCatalog &Catalog, const AnalysisOptions &Opts) {
  if (!Fn || !Fn->hasBody() || Fn->isInvalidDecl() || Fn->isDependentContext())
    return nullptr;
  Cache &C = cache();
  auto Key = std::make_pair(Fn, Opts);
  auto It = C.Results.find(Key);
  if (It != C.Results.end())
    return It->second;
  std::shared_ptr<FunctionAnalysis> Result;
  if (containsAcquire(Fn->getBody(), Catalog)) {
    auto &M = C.Matchers[Opts];
    if (!M.first) {
      M.first = std::make_unique<NameMatcher>(
          utils::options::parseStringList(Opts.AssumeNothrow));
      M.second = std::make_unique<NameMatcher>(
          utils::options::parseStringList(Opts.GuardTypes));
    }
    Result = std::make_shared<FunctionAnalysis>();
    Result->Fn = Fn;
    Analyzer(Fn, Ctx, Catalog, *M.first, *M.second, Opts.CLinkageNothrow,
             *Result)
        .run();
  }
  C.Results[Key] = Result;
  return Result;
}

} // namespace clang::tidy::raii
