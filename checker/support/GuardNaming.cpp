//===- GuardNaming.cpp ----------------------------------------------------===//
#include "support/GuardNaming.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/IdentifierTable.h"

namespace clang::tidy::raii {
namespace {

/// Collects every identifier declared or referenced in a function body.
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

} // namespace

bool GuardNamer::isVisible(const FunctionDecl *Fn, llvm::StringRef Name) {
  const ASTContext &Ctx = Fn->getASTContext();
  IdentifierInfo &II = Ctx.Idents.get(Name);
  if (II.isKeyword(Ctx.getLangOpts()))
    return true;
  DeclarationName DN(&II);
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
      continue;
    }
    if (DC->isFileContext() && !DC->lookup(DN).empty())
      return true;
  }
  return false;
}

std::string GuardNamer::freshName(const FunctionDecl *Fn,
                                  llvm::StringRef Base) {
  auto [It, Inserted] = Used.try_emplace(Fn);
  llvm::StringSet<> &Names = It->second;
  if (Inserted) {
    IdentifierCollector Collector(Names);
    Collector.TraverseDecl(const_cast<FunctionDecl *>(Fn));
  }
  std::string Candidate = Base.str();
  for (unsigned N = 2; Names.contains(Candidate) || isVisible(Fn, Candidate);
       ++N)
    Candidate = (Base + llvm::Twine(N)).str();
  Names.insert(Candidate);
  return Candidate;
}

} // namespace clang::tidy::raii
