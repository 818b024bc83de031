//===- GuardNaming.cpp ----------------------------------------------------===//
#include "support/GuardNaming.h"
#include "support/Lockables.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/IdentifierTable.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::raii {
namespace {

/// Collects every identifier declared or referenced in a statement.
class IdentifierCollector : public RecursiveASTVisitor<IdentifierCollector> {
public:
  explicit IdentifierCollector(llvm::StringSet<> &Out) : Out(Out) {}
  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }
  bool VisitNamedDecl(NamedDecl *D) {
    if (D->getIdentifier())
      Out.insert(D->getName());
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (E->getDecl()->getIdentifier())
      Out.insert(E->getDecl()->getName());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    if (E->getMemberDecl()->getIdentifier())
      Out.insert(E->getMemberDecl()->getName());
    return true;
  }
  bool VisitOverloadExpr(OverloadExpr *E) {
    if (E->getName().isIdentifier())
      Out.insert(E->getName().getAsIdentifierInfo()->getName());
    return true;
  }
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    if (E->getMember().isIdentifier())
      Out.insert(E->getMember().getAsIdentifierInfo()->getName());
    return true;
  }

private:
  llvm::StringSet<> &Out;
};

/// Finds \p Target below \p S, keeping in \p Stack the compound statements
/// on the way; a lambda or block starts a new function.
bool pathTo(const Stmt *S, const CompoundStmt *Target,
            llvm::SmallVectorImpl<const CompoundStmt *> &Stack) {
  if (!S)
    return false;
  const size_t Depth = Stack.size();
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    Stack.push_back(CS);
  if (S == Target)
    return true;
  if (const auto *L = dyn_cast<LambdaExpr>(S)) {
    llvm::SmallVector<const CompoundStmt *, 8> Inner;
    if (pathTo(L->getBody(), Target, Inner)) {
      Stack.assign(Inner.begin(), Inner.end());
      return true;
    }
  } else if (const auto *B = dyn_cast<BlockExpr>(S)) {
    llvm::SmallVector<const CompoundStmt *, 8> Inner;
    if (pathTo(B->getBody(), Target, Inner)) {
      Stack.assign(Inner.begin(), Inner.end());
      return true;
    }
  } else {
    for (const Stmt *C : S->children())
      if (pathTo(C, Target, Stack))
        return true;
  }
  Stack.resize(Depth);
  return false;
}

/// \p Scope and the compound statements around it in \p Fn, innermost
/// first (found by walking the body down: the AST's parent map would be
/// built for the whole translation unit).
llvm::SmallVector<const CompoundStmt *, 8>
enclosingBlocks(const FunctionDecl *Fn, const CompoundStmt *Scope) {
  llvm::SmallVector<const CompoundStmt *, 8> Blocks;
  if (!pathTo(Fn->getBody(), Scope, Blocks))
    Blocks.assign(1, Scope);
  std::reverse(Blocks.begin(), Blocks.end());
  return Blocks;
}

bool declaresIn(const CompoundStmt *Block, llvm::StringRef Name) {
  for (const Stmt *S : Block->body())
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *ND = dyn_cast<NamedDecl>(D);
            ND && ND->getIdentifier() && ND->getName() == Name)
          return true;
  return false;
}

bool visibleOutside(const FunctionDecl *Fn, llvm::StringRef Name) {
  const ASTContext &Ctx = Fn->getASTContext();
  DeclarationName DN(&Ctx.Idents.get(Name));
  for (const ParmVarDecl *P : Fn->parameters())
    if (P->getIdentifier() && P->getName() == Name)
      return true;
  for (const DeclContext *DC = Fn->getDeclContext(); DC;
       DC = DC->getParent()) {
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      if (!RD->hasDefinition())
        continue;
      bool Found = !RD->lookup(DN).empty();
      RD->forallBases([&](const CXXRecordDecl *B) {
        Found = Found || !B->lookup(DN).empty();
        return true;
      });
      if (Found)
        return true;
    } else if (DC->isFileContext() && !DC->lookup(DN).empty()) {
      return true;
    }
  }
  return false;
}

} // namespace

const llvm::StringSet<> &GuardNamer::namesUsedIn(const Stmt *S) {
  auto [It, Inserted] = BlockNames.try_emplace(S);
  if (Inserted)
    IdentifierCollector(It->second).TraverseStmt(const_cast<Stmt *>(S));
  return It->second;
}

bool GuardNamer::isTaken(const FunctionDecl *Fn, const CompoundStmt *Scope,
                         llvm::ArrayRef<const CompoundStmt *> Enclosing,
                         llvm::StringRef Name) {
  if (Fn->getASTContext().Idents.get(Name).isKeyword(
          Fn->getASTContext().getLangOpts()))
    return true;
  // Anything the block declares or uses, also in nested blocks.
  if (namesUsedIn(Scope).contains(Name))
    return true;
  // Locals of the enclosing blocks would be hidden.
  for (const CompoundStmt *Outer : Enclosing.drop_front())
    if (declaresIn(Outer, Name))
      return true;
  // A name given to this block, an enclosing one or one nested in it.
  for (const auto &[Block, Given] : this->Given) {
    if (Given != Name)
      continue;
    if (llvm::is_contained(Enclosing, Block))
      return true;
    if (Block->getBeginLoc() >= Scope->getBeginLoc() &&
        Block->getEndLoc() <= Scope->getEndLoc())
      return true;
  }
  return visibleOutside(Fn, Name);
}

std::string guardNameBase(llvm::ArrayRef<const Expr *> Locked,
                          llvm::StringRef Verb) {
  if (Locked.empty())
    return "guard";
  std::string Base = Verb.str();
  for (const Expr *L : Locked) {
    std::string Hint = objectNameHint(L);
    if (!Hint.empty())
      Base += "_" + Hint;
  }
  return Base;
}

std::string GuardNamer::freshName(const FunctionDecl *Fn,
                                  const CompoundStmt *Scope,
                                  llvm::StringRef Base, ASTContext &Ctx) {
  llvm::SmallVector<const CompoundStmt *, 8> Enclosing =
      enclosingBlocks(Fn, Scope);
  std::string Candidate = Base.str();
  for (unsigned N = 2; isTaken(Fn, Scope, Enclosing, Candidate); ++N)
    Candidate = (Base + llvm::Twine(N)).str();
  Given.emplace_back(Scope, Candidate);
  return Candidate;
}

} // namespace clang::tidy::raii
