//===- ExitHandlers.cpp ---------------------------------------------------===//
#include "support/ExitHandlers.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "support/GuardTypes.h"
#include "clang-tidy/utils/ASTUtils.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::raii {

const char DefaultGuardFactories[] =
    "::gsl::finally;::absl::MakeCleanup;::boost::scope::make_scope_exit;"
    "::boost::scope::make_scope_fail;::boost::scope::make_scope_success;"
    "::std::experimental::make_scope_exit;::raii::make_scope_exit";

SourceLocation ExitHandler::location() const {
  if (Lambda)
    return Lambda->getBeginLoc();
  return Fn ? Fn->getLocation() : SourceLocation();
}

bool isExceptionPtrType(QualType T) {
  if (T.isNull())
    return false;
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier() || RD->getName() != "exception_ptr")
    return false;
  // libstdc++ declares it in std::__exception_ptr.
  for (const DeclContext *DC = RD->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

bool isExitMember(const FunctionDecl *FD) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
  return MD && !MD->isStatic() && MD->getIdentifier() &&
         MD->getName() == "exit" && MD->getNumParams() == 1 &&
         isExceptionPtrType(MD->getParamDecl(0)->getType());
}

ExitHandlerRecognizer::ExitHandlerRecognizer(
    const ClangTidyCheck::OptionsView &Options)
    : GuardTypesOption(
          Options.getLocalOrGlobal("GuardTypes", DefaultGuardTypes).str()),
      GuardFactoriesOption(
          Options.getLocalOrGlobal("GuardFactories", DefaultGuardFactories)
              .str()),
      GuardTypes(utils::options::parseStringList(GuardTypesOption)),
      GuardFactories(utils::options::parseStringList(GuardFactoriesOption)) {}

ExitHandlerRecognizer::ExitHandlerRecognizer()
    : GuardTypes(std::vector<std::string>{}),
      GuardFactories(std::vector<std::string>{}) {}

void ExitHandlerRecognizer::storeOptions(
    const ClangTidyCheck::OptionsView &Options,
    ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "GuardTypes", GuardTypesOption);
  Options.store(Opts, "GuardFactories", GuardFactoriesOption);
}

bool ExitHandlerRecognizer::isGuardType(QualType T) const {
  const NamedDecl *D = guardDeclOf(T);
  return D && GuardTypes.matches(D);
}

/// Skips the implicit nodes between an argument and its call.
static bool isArgumentWrapper(const Stmt *S) {
  return isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
             ExprWithCleanups, ParenExpr, ConstantExpr>(S);
}

const Expr *ExitHandlerRecognizer::guardReceiving(const LambdaExpr *L,
                                                  ASTContext &Ctx,
                                                  SourceLocation *Loc) const {
  const Expr *Guard = findGuard(L, Ctx);
  if (Guard && Loc) {
    *Loc = Guard->getBeginLoc();
    DynTypedNode Node = DynTypedNode::create(*Guard);
    while (true) {
      auto Parents = Ctx.getParents(Node);
      if (Parents.size() != 1)
        break;
      Node = Parents[0];
      if (const auto *VD = Node.get<VarDecl>())
        *Loc = VD->getLocation();
      const auto *S = Node.get<Stmt>();
      if (!S || !(isArgumentWrapper(S) || isa<CXXConstructExpr>(S)))
        break;
    }
  }
  return Guard;
}

const Expr *ExitHandlerRecognizer::findGuard(const LambdaExpr *L,
                                             ASTContext &Ctx) const {
  const Stmt *Child = L;
  DynTypedNode Node = DynTypedNode::create(*L);
  while (true) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return nullptr;
    Node = Parents[0];
    if (const auto *VD = Node.get<VarDecl>())
      // `absl::Cleanup c = [] {...};`, `raii::scope_exit g{[] {...}}` in a
      // template (a ParenListExpr or InitListExpr initializer).
      return isGuardType(VD->getType()) ? cast<Expr>(Child) : nullptr;
    const auto *S = Node.get<Stmt>();
    if (!S)
      return nullptr;
    if (isArgumentWrapper(S) || isa<ParenListExpr, InitListExpr>(S)) {
      Child = S;
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
      // The closure's own copy or move (before C++17) is a wrapper too.
      if (CE->getType()->getAsCXXRecordDecl() == L->getLambdaClass()) {
        Child = S;
        continue;
      }
      // A converting construction (`absl::Cleanup c = lambda;`) is checked
      // by the variable above.
      if (isGuardType(CE->getType()))
        return CE;
      Child = S;
      if (CE->getNumArgs() == 1)
        continue;
      return nullptr;
    }
    if (const auto *UC = dyn_cast<CXXUnresolvedConstructExpr>(S))
      return isGuardType(UC->getTypeAsWritten()) ? UC : nullptr;
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(S)) {
      if (isGuardType(FC->getType()))
        return FC;
      Child = S;
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (Call->getCallee()->IgnoreImplicit() == Child)
        return nullptr; // The lambda is called, not handed over.
      return isGuardFactoryCall(Call) ? Call : nullptr;
    }
    return nullptr;
  }
}

bool ExitHandlerRecognizer::isGuardFactoryCall(const CallExpr *Call) const {
  if (const FunctionDecl *FD = Call->getDirectCallee())
    return GuardFactories.matches(FD);
  if (const auto *UL =
          dyn_cast<UnresolvedLookupExpr>(Call->getCallee()->IgnoreImplicit()))
    for (const NamedDecl *D : UL->decls())
      if (GuardFactories.matches(D->getUnderlyingDecl()))
        return true;
  return false;
}

ExitHandler ExitHandlerRecognizer::handlerOf(const FunctionDecl *FD) const {
  ExitHandler H;
  if (isa_and_nonnull<CXXDestructorDecl>(FD))
    H.Kind = ExitHandler::Destructor;
  else if (isExitMember(FD))
    H.Kind = ExitHandler::ExitMember;
  H.Fn = H.Kind == ExitHandler::None ? nullptr : FD;
  return H;
}

ExitHandler ExitHandlerRecognizer::enclosingHandler(const Stmt *S,
                                                    ASTContext &Ctx) const {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return {};
    Node = Parents[0];
    // A lambda's body has both the LambdaExpr and its call operator as
    // parents; the lambda tells where the callable goes.
    for (const DynTypedNode &P : Parents)
      if (P.get<LambdaExpr>())
        Node = P;
    if (const auto *MD = Node.get<CXXMethodDecl>();
        MD && MD->getParent()->isLambda())
      continue; // Up through the closure class to the LambdaExpr.
    if (const auto *LE = Node.get<LambdaExpr>()) {
      ExitHandler H;
      if (const Expr *Guard = guardReceiving(LE, Ctx, &H.GuardLoc)) {
        H.Kind = ExitHandler::GuardCallback;
        H.Fn = LE->getCallOperator();
        H.Lambda = LE;
        H.Guard = Guard;
      }
      return H;
    }
    if (const auto *FD = Node.get<FunctionDecl>())
      return handlerOf(FD);
    if (Node.get<BlockDecl>() || Node.get<CapturedDecl>())
      return {};
  }
}

llvm::SmallVector<const Stmt *, 4> handlerCleanup(const CXXCatchStmt *Catch,
                                                  bool &Rethrows) {
  llvm::SmallVector<const Stmt *, 4> Stmts;
  Rethrows = false;
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Catch->getHandlerBlock());
  if (!Block)
    return Stmts;
  for (const Stmt *S : Block->body())
    Stmts.push_back(S);
  if (!Stmts.empty())
    if (const auto *Throw = dyn_cast<CXXThrowExpr>(Stmts.back());
        Throw && !Throw->getSubExpr()) {
      Rethrows = true;
      Stmts.pop_back();
    }
  return Stmts;
}

bool fallsOffEnd(const Stmt *Body) {
  const Stmt *Last = Body;
  while (const auto *CS = dyn_cast_or_null<CompoundStmt>(Last)) {
    if (CS->body_empty())
      return true;
    Last = CS->body_back();
  }
  if (!Last)
    return true;
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, IndirectGotoStmt,
          CoreturnStmt, CXXThrowExpr>(Last))
    return false;
  if (const auto *E = dyn_cast<Expr>(Last)) {
    E = E->IgnoreParenImpCasts();
    if (isa<CXXThrowExpr>(E))
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *FD = Call->getDirectCallee();
          FD && FD->isNoReturn())
        return false;
  }
  return true;
}

llvm::SmallVector<const Stmt *, 4>
followingStatements(const Stmt *S, const CompoundStmt *Block) {
  llvm::SmallVector<const Stmt *, 4> After;
  if (!Block)
    return After;
  bool Seen = false;
  for (const Stmt *Each : Block->body()) {
    if (Seen)
      After.push_back(Each);
    Seen = Seen || Each == S;
  }
  return After;
}

llvm::SmallVector<const Stmt *, 4>
trailingCopyOf(const CXXTryStmt *Try, const CompoundStmt *Block,
               llvm::ArrayRef<const Stmt *> Cleanup, ASTContext &Ctx) {
  llvm::SmallVector<const Stmt *, 4> After = followingStatements(Try, Block);
  if (Cleanup.empty() || After.size() < Cleanup.size())
    return {};
  After.resize(Cleanup.size());
  for (size_t I = 0; I < Cleanup.size(); ++I)
    if (!utils::areStatementsIdentical(Cleanup[I], After[I], Ctx,
                                       /*Canonical=*/true))
      return {};
  return After;
}

// ExitHandlerWalker. The guard side of findGuard above: a lambda is a guard
// callback when the first node above it, skipping the nodes findGuard walks
// through, is a guard. Going down from each guard through those same nodes
// finds exactly its callbacks.

/// Nodes findGuard walks up through whatever lambda is below: argument
/// wrappers, initializer lists, the closure's own copy, a one-argument
/// construction or a functional cast that is not a guard.
static bool isTransparentAboveLambda(const Stmt *S,
                                     const ExitHandlerRecognizer &R) {
  if (isArgumentWrapper(S) || isa<ParenListExpr, InitListExpr>(S))
    return true;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    const CXXRecordDecl *RD = CE->getType()->getAsCXXRecordDecl();
    if (RD && RD->isLambda())
      return true;
    return !R.isGuardType(CE->getType()) && CE->getNumArgs() == 1;
  }
  if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(S))
    return !R.isGuardType(FC->getType());
  return false;
}

void ExitHandlerWalker::reset() {
  Pending.clear();
  Closures.clear();
  Walked.clear();
}

void ExitHandlerWalker::noteGuardArgument(const Stmt *Arg, const Expr *Guard,
                                          SourceLocation GuardLoc) {
  if (!Arg)
    return;
  if (const auto *L = dyn_cast<LambdaExpr>(Arg)) {
    ExitHandler &H = Pending[L];
    H.Kind = ExitHandler::GuardCallback;
    H.Fn = L->getCallOperator();
    H.Lambda = L;
    H.Guard = Guard;
    H.GuardLoc = GuardLoc;
    return;
  }
  if (!isTransparentAboveLambda(Arg, Recognizer))
    return;
  for (const Stmt *Child : Arg->children())
    noteGuardArgument(Child, Guard, GuardLoc);
}

void ExitHandlerWalker::noteGuard(const Stmt *S, SourceLocation VarLoc) {
  // Where guardReceiving says the guard is named: the variable it
  // initialises through wrappers and constructions, or the guard itself.
  auto Loc = [&](const Expr *Guard) {
    return VarLoc.isValid() ? VarLoc : Guard->getBeginLoc();
  };
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    if (!Recognizer.isGuardType(CE->getType()))
      return;
    for (const Expr *Arg : CE->arguments())
      noteGuardArgument(Arg, CE, Loc(CE));
  } else if (const auto *UC = dyn_cast<CXXUnresolvedConstructExpr>(S)) {
    if (!Recognizer.isGuardType(UC->getTypeAsWritten()))
      return;
    for (const Expr *Arg : UC->arguments())
      noteGuardArgument(Arg, UC, Loc(UC));
  } else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(S)) {
    if (Recognizer.isGuardType(FC->getType()))
      noteGuardArgument(FC->getSubExpr(), FC, Loc(FC));
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    if (!Recognizer.isGuardFactoryCall(Call))
      return;
    for (const Expr *Arg : Call->arguments())
      noteGuardArgument(Arg, Call, Loc(Call));
  }
}

bool ExitHandlerWalker::walk(const FunctionDecl *FD, HandlerCallback OnHandler,
                             TryCallback OnTry) {
  const Stmt *Body = FD->getBody();
  if (!Body)
    return true;
  ExitHandler H;
  bool Known = true;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD);
      MD && MD->getParent()->isLambda()) {
    if (Walked.contains(FD))
      return true; // Walked with the function around the lambda.
    auto It = Closures.find(MD->getParent());
    if (It == Closures.end()) {
      Known = false;
    } else {
      // An instantiation of a generic lambda's call operator.
      H = It->second;
      if (H) {
        H.Fn = FD;
        OnHandler(H);
      }
    }
    Walked.insert(FD);
  } else {
    H = Recognizer.handlerOf(FD);
  }
  Context C{Known ? &H : nullptr, FD, OnHandler, OnTry};
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten())
        visit(Init->getInit(), nullptr, SourceLocation(), C);
  visit(Body, nullptr, SourceLocation(), C);
  return Known;
}

/// \p VarLoc: the variable whose initializer \p S is, seen through argument
/// wrappers and constructions; invalid otherwise.
void ExitHandlerWalker::visit(const Stmt *S, const Stmt *Parent,
                              SourceLocation VarLoc, const Context &C) {
  if (!S)
    return;
  if (const auto *Try = dyn_cast<CXXTryStmt>(S))
    C.OnTry({Try, dyn_cast_or_null<CompoundStmt>(Parent), C.Handler, C.Fn});
  if (const auto *L = dyn_cast<LambdaExpr>(S)) {
    visitLambda(L, C);
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->getInit())
        continue;
      // `absl::Cleanup c = [] {...};`, or in a template
      // `raii::scope_exit g([] {...});` (a ParenListExpr initializer).
      if (Recognizer.isGuardType(VD->getType()))
        noteGuardArgument(VD->getInit(), VD->getInit(), VD->getLocation());
      visit(VD->getInit(), DS, VD->getLocation(), C);
    }
    return;
  }
  if (isa<BlockExpr, CapturedStmt>(S)) {
    // Neither is an exit handler, nor is what they hold part of the
    // enclosing one.
    Context Inner = C;
    Inner.Handler = &NotAHandler;
    for (const Stmt *Child : S->children())
      visit(Child, S, SourceLocation(), Inner);
    if (const auto *B = dyn_cast<BlockExpr>(S))
      visit(B->getBody(), S, SourceLocation(), Inner);
    return;
  }
  noteGuard(S, VarLoc);
  if (!(isArgumentWrapper(S) || isa<CXXConstructExpr>(S)))
    VarLoc = SourceLocation();
  for (const Stmt *Child : S->children())
    visit(Child, S, VarLoc, C);
}

void ExitHandlerWalker::visitLambda(const LambdaExpr *L, const Context &C) {
  // Captures are initialised in the enclosing function.
  for (auto [Capture, Init] : llvm::zip(L->captures(), L->capture_inits())) {
    SourceLocation VarLoc;
    if (Capture.capturesVariable())
      if (const auto *VD = dyn_cast<VarDecl>(Capture.getCapturedVar());
          VD && VD->isInitCapture()) {
        VarLoc = VD->getLocation();
        if (Recognizer.isGuardType(VD->getType()))
          noteGuardArgument(Init, Init, VarLoc);
      }
    visit(Init, L, VarLoc, C);
  }
  ExitHandler H;
  if (auto It = Pending.find(L); It != Pending.end()) {
    H = It->second;
    Pending.erase(It);
  }
  const CXXMethodDecl *Op = L->getCallOperator();
  Closures[L->getLambdaClass()] = H;
  Walked.insert(Op);
  if (H)
    C.OnHandler(H);
  Context Inner{&H, Op, C.OnHandler, C.OnTry};
  visit(L->getBody(), L, SourceLocation(), Inner);
}

} // namespace clang::tidy::raii
