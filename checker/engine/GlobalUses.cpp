//===- GlobalUses.cpp - which functions of the file name a global ---------===//
//
// The walk behind GlobalUses: every declaration of the main file once, each
// evaluated reference to a variable of static storage recorded with the
// function around it (a lambda or a local class counts as the function it
// is written in).
//
//===----------------------------------------------------------------------===//
#include "engine/GlobalUses.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::raii {
namespace {

class Namers : public RecursiveASTVisitor<Namers> {
public:
  using Table = llvm::DenseMap<const VarDecl *,
                               llvm::SmallVector<const FunctionDecl *, 2>>;
  explicit Namers(Table &Out) : Out(Out) {}

  bool TraverseDecl(Decl *D) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (!FD || Current)
      return RecursiveASTVisitor<Namers>::TraverseDecl(D);
    Current = FD->getCanonicalDecl();
    const bool R = RecursiveASTVisitor<Namers>::TraverseDecl(D);
    Current = nullptr;
    return R;
  }
  // A lambda outside any function (a namespace-scope variable's
  // initialiser) is its call operator's code.
  bool TraverseLambdaExpr(LambdaExpr *E) {
    if (Current)
      return RecursiveASTVisitor<Namers>::TraverseLambdaExpr(E);
    Current = E->getCallOperator()->getCanonicalDecl();
    const bool R = RecursiveASTVisitor<Namers>::TraverseLambdaExpr(E);
    Current = nullptr;
    return R;
  }
  // What is only measured or typed is not used.
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) {
    return true;
  }
  bool TraverseTypeOfExprTypeLoc(TypeOfExprTypeLoc, bool = false) {
    return true;
  }
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc, bool = false) {
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    const auto *V = dyn_cast<VarDecl>(E->getDecl());
    if (!V || !V->hasGlobalStorage())
      return true;
    auto &Users = Out[V->getCanonicalDecl()];
    if (!llvm::is_contained(Users, Current))
      Users.push_back(Current);
    return true;
  }

private:
  Table &Out;
  const FunctionDecl *Current = nullptr;
};

/// The function whose code \p Fn is: for a lambda's call operator or a
/// local class's method, the function it is written in.
const FunctionDecl *outermost(const FunctionDecl *Fn) {
  while (const auto *MD = dyn_cast<CXXMethodDecl>(Fn)) {
    const FunctionDecl *Outer = MD->getParent()->isLocalClass();
    if (!Outer)
      break;
    Fn = Outer;
  }
  return Fn;
}

} // namespace

void GlobalUses::walk(ASTContext &Ctx) {
  if (Walked)
    return;
  Walked = true;
  const SourceManager &SM = Ctx.getSourceManager();
  Namers Walk(Users);
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      Walk.TraverseDecl(D);
}

const FunctionDecl *GlobalUses::self(const FunctionDecl *Fn) {
  // Code as written: an instantiation's references are its pattern's.
  if (const FunctionDecl *Pattern = Fn->getTemplateInstantiationPattern())
    Fn = Pattern;
  return outermost(Fn)->getCanonicalDecl();
}

bool GlobalUses::namedOutside(const VarDecl *V, const FunctionDecl *Fn) {
  walk(V->getASTContext());
  const FunctionDecl *Self = self(Fn);
  auto It = Users.find(V->getCanonicalDecl());
  return It != Users.end() &&
         llvm::any_of(It->second,
                      [&](const FunctionDecl *F) { return F != Self; });
}

bool GlobalUses::namedBy(const VarDecl *V, const FunctionDecl *Fn) {
  walk(V->getASTContext());
  auto It = Users.find(V->getCanonicalDecl());
  return It != Users.end() && llvm::is_contained(It->second, self(Fn));
}

} // namespace clang::tidy::raii
