//===- GlobalUses.cpp - which functions of the file name a global ---------===//
//
// The walk behind GlobalUses: every declaration of the main file, each
// reference to the variable asked about recorded with the function around
// it.
//
//===----------------------------------------------------------------------===//
#include "engine/GlobalUses.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::raii {
namespace {

class Namers : public RecursiveASTVisitor<Namers> {
public:
  Namers(const VarDecl *V, llvm::SmallVectorImpl<const FunctionDecl *> &Out)
      : V(V), Out(Out) {}

  bool TraverseDecl(Decl *D) {
    // A lambda's call operator or a local class's method is the code of
    // the function around it.
    const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (!FD || Current)
      return RecursiveASTVisitor<Namers>::TraverseDecl(D);
    Current = FD->getCanonicalDecl();
    const bool R = RecursiveASTVisitor<Namers>::TraverseDecl(D);
    Current = nullptr;
    return R;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (E->getDecl()->getCanonicalDecl() == V &&
        !llvm::is_contained(Out, Current))
      Out.push_back(Current);
    return true;
  }

private:
  const VarDecl *V;
  llvm::SmallVectorImpl<const FunctionDecl *> &Out;
  const FunctionDecl *Current = nullptr;
};

} // namespace

bool GlobalUses::namedOutside(const VarDecl *V, const FunctionDecl *Fn) {
  V = V->getCanonicalDecl();
  auto [It, New] = Users.try_emplace(V);
  if (New) {
    ASTContext &Ctx = V->getASTContext();
    const SourceManager &SM = Ctx.getSourceManager();
    Namers Walk(V, It->second);
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
        Walk.TraverseDecl(D);
  }
  // Code as written: an instantiation's references are its pattern's.
  if (const FunctionDecl *Pattern = Fn->getTemplateInstantiationPattern())
    Fn = Pattern;
  const FunctionDecl *Self = Fn->getCanonicalDecl();
  return llvm::any_of(It->second,
                      [&](const FunctionDecl *F) { return F != Self; });
}

} // namespace clang::tidy::raii
