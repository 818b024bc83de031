//===- CallbackArguments.cpp - what a function-pointer parameter is given -===//
#include "support/CallbackArguments.h"
#include "support/CalledFunction.h"
#include "support/ProjectScan.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

static bool takesFunctionPointer(const FunctionDecl *FD) {
  return llvm::any_of(FD->parameters(), [](const ParmVarDecl *P) {
    return P->getType()->isFunctionPointerType();
  });
}

const ParmVarDecl *CallbackArguments::calledParameter(const CallExpr *Call) {
  const auto *P = dyn_cast_or_null<ParmVarDecl>(calleeVariable(Call));
  if (!P || !P->getType()->isFunctionPointerType())
    return nullptr;
  const auto *FD = dyn_cast<FunctionDecl>(P->getDeclContext());
  if (!FD || !FD->getBody())
    return nullptr;
  auto [It, New] = OnlyRead.try_emplace(P, false);
  if (New)
    It->second = onlyRead(FD->getBody(), P);
  return It->second ? P : nullptr;
}

namespace {
/// The calls of the project's own code (a walk of what system headers
/// declare, and of every template instantiation, cost a few per cent of a
/// C++ unit's parse), or of one class's members.
class Indexer : public ProjectScan<Indexer> {
public:
  Indexer(const SourceManager &SM,
          llvm::DenseMap<const FunctionDecl *,
                         llvm::SmallVector<const CallExpr *, 4>> &Calls,
          llvm::DenseSet<const FunctionDecl *> &AddressTaken,
          CallbackArguments::UnresolvedNames &Unresolved)
      : ProjectScan(SM), Calls(Calls), AddressTaken(AddressTaken),
        Unresolved(Unresolved) {}

  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *FD = Call->getDirectCallee();
        FD && takesFunctionPointer(FD)) {
      Calls[FD->getCanonicalDecl()].push_back(Call);
      if (const auto *DRE = dyn_cast<DeclRefExpr>(
              Call->getCallee()->IgnoreParenImpCasts()))
        Callees.insert(DRE);
    }
    return true;
  }
  // The outermost class being walked, for the unresolved calls below.
  bool TraverseCXXRecordDecl(CXXRecordDecl *RD) {
    const bool Outer = !Record;
    if (Outer)
      Record = RD;
    const bool R = ProjectScan::TraverseCXXRecordDecl(RD);
    if (Outer)
      Record = nullptr;
    return R;
  }
  // A call a template leaves unresolved (`waitFor(check, x)` with x of a
  // dependent type) may call any function of its name in an
  // instantiation the walk does not read. Each is noted with its
  // outermost class: a class template's own calls of its members are read
  // in the instantiation instead.
  bool VisitUnresolvedLookupExpr(UnresolvedLookupExpr *E) {
    Unresolved[E->getName()].push_back(Record);
    return true;
  }
  bool VisitUnresolvedMemberExpr(UnresolvedMemberExpr *E) {
    Unresolved[E->getMemberName()].push_back(Record);
    return true;
  }
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    Unresolved[E->getMember()].push_back(Record);
    return true;
  }
  // A member called as `obj.f(..)` is a MemberExpr; a function named as
  // anything but a callee (`&f`, `&T::f`, `f` as a value) a DeclRefExpr.
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl());
        FD && takesFunctionPointer(FD))
      Named.push_back(DRE);
    return true;
  }
  void finish() {
    for (const DeclRefExpr *DRE : Named)
      if (!Callees.count(DRE))
        AddressTaken.insert(
            cast<FunctionDecl>(DRE->getDecl())->getCanonicalDecl());
  }

private:
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const CallExpr *, 4>>
      &Calls;
  llvm::DenseSet<const FunctionDecl *> &AddressTaken;
  CallbackArguments::UnresolvedNames &Unresolved;
  const CXXRecordDecl *Record = nullptr;
  llvm::DenseSet<const DeclRefExpr *> Callees;
  llvm::SmallVector<const DeclRefExpr *, 8> Named;
};
} // namespace

void CallbackArguments::index(const ASTContext &Ctx) {
  Indexed = true;
  Indexer I(Ctx.getSourceManager(), Calls, AddressTaken, Unresolved);
  I.TraverseDecl(Ctx.getTranslationUnitDecl());
  I.finish();
}

void CallbackArguments::indexMembers(const CXXRecordDecl *RD,
                                     const ASTContext &Ctx) {
  if (!RD || !MembersIndexed.insert(RD).second)
    return;
  if (!isa<ClassTemplateSpecializationDecl>(RD) &&
      !Ctx.getSourceManager().isInSystemHeader(RD->getLocation()))
    return; // the project walk read them
  Indexer I(Ctx.getSourceManager(), Calls, AddressTaken, Unresolved);
  for (const CXXMethodDecl *M : RD->methods())
    if (const Stmt *Body = M->getBody())
      I.TraverseStmt(const_cast<Stmt *>(Body));
  I.finish();
}

std::optional<llvm::SmallVector<const FunctionDecl *, 2>>
CallbackArguments::given(const ParmVarDecl *P, const ASTContext &Ctx) {
  const auto *FD = dyn_cast<FunctionDecl>(P->getDeclContext());
  if (!FD)
    return std::nullopt;
  if (!Indexed)
    index(Ctx);
  // A member of a class a system header declares, or of a template's
  // instantiation (p8-platform's CCondition<bool>): the project walk left
  // out its members' own calls.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    indexMembers(MD->getParent(), Ctx);
  FD = FD->getCanonicalDecl();
  auto It = Calls.find(FD);
  if (It == Calls.end() || AddressTaken.count(FD))
    return std::nullopt;
  // A call left unresolved outside FD's own class template.
  const CXXRecordDecl *Pattern = nullptr;
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(
          FD->getDeclContext()))
    Pattern = S->getSpecializedTemplate()->getTemplatedDecl();
  if (auto U = Unresolved.find(FD->getDeclName());
      U != Unresolved.end() &&
      llvm::any_of(U->second, [&](const CXXRecordDecl *R) {
        return !R || R->getCanonicalDecl() !=
                         (Pattern ? Pattern->getCanonicalDecl() : nullptr);
      }))
    return std::nullopt;
  const unsigned Idx = P->getFunctionScopeIndex();
  llvm::SmallVector<const FunctionDecl *, 2> Out;
  for (const CallExpr *Call : It->second) {
    if (isa<CXXOperatorCallExpr>(Call) || Idx >= Call->getNumArgs())
      return std::nullopt;
    const Expr *Arg = Call->getArg(Idx);
    if (isa<CXXDefaultArgExpr>(Arg))
      return std::nullopt;
    if (Arg->IgnoreParenCasts()->isNullPointerConstant(
            const_cast<ASTContext &>(Ctx), Expr::NPC_ValueDependentIsNotNull))
      continue;
    const FunctionDecl *Given = designatedFunction(Arg);
    if (!Given)
      return std::nullopt;
    if (!llvm::is_contained(Out, Given))
      Out.push_back(Given);
  }
  return Out;
}

} // namespace clang::tidy::raii
