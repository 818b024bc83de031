//===- UnnamedGuardCheck.cpp - raii-unnamed-guard -------------------------===//
#include "UnnamedGuardCheck.h"
#include "catalog/Vocabulary.h"
#include "support/GuardTypes.h"
#include "support/Lockables.h"
#include "support/Instantiation.h"
#include "clang-tidy/utils/LexerUtils.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLFunctionalExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::raii {
using LaterUse = UnnamedGuardCheck::LaterUse;
namespace {

/// Arguments as written, looking through a braced list `T{a, b}` of a
/// dependent construction.
llvm::SmallVector<const Expr *, 4> constructionArgs(const Expr *E) {
  llvm::SmallVector<const Expr *, 4> Args;
  auto AddAll = [&](auto Range) {
    for (const Expr *A : Range) {
      if (const auto *IL = dyn_cast<InitListExpr>(A->IgnoreImplicit())) {
        for (const Expr *Init : IL->inits())
          Args.push_back(Init);
        continue;
      }
      if (!isa<CXXDefaultArgExpr>(A))
        Args.push_back(A);
    }
  };
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    AddAll(CE->arguments());
  else if (const auto *UE = dyn_cast<CXXUnresolvedConstructExpr>(E))
    AddAll(UE->arguments());
  return Args;
}

/// The arguments of a guard construction that are the lockables it locks.
llvm::SmallVector<const Expr *, 2>
lockedObjects(llvm::ArrayRef<const Expr *> Args, const NamedDecl *GuardDecl) {
  llvm::SmallVector<const Expr *, 2> Locked;
  bool NamedLikeLock =
      GuardDecl && GuardDecl->getName().contains_insensitive("lock");
  for (const Expr *A : Args) {
    QualType T = A->getType();
    if (T.isNull())
      continue;
    if (T->isDependentType() ? NamedLikeLock : isLockableType(T))
      Locked.push_back(A);
  }
  return Locked;
}


/// Searches the statements of \p Scope that follow \p Anchor (a direct child)
/// for a lock or unlock of an object \p IsTarget accepts.
class LaterUseFinder {
public:
  LaterUseFinder(std::function<bool(const Expr *)> IsTarget,
                 const NameMatcher &Guards)
      : IsTarget(std::move(IsTarget)), Guards(Guards) {}

  LaterUse find(const CompoundStmt *Scope, const Stmt *Anchor) {
    bool After = false;
    for (const Stmt *S : Scope->body()) {
      if (After)
        if (visit(S))
          break;
      if (S == Anchor)
        After = true;
    }
    return Found;
  }

private:
  bool record(const Stmt *S, bool Unlock) {
    Found = {S, Unlock ? LaterUse::Unlocked : LaterUse::Relocked};
    return true;
  }

  bool visit(const Stmt *S) {
    if (!S)
      return false;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
      const auto *MD = MC->getMethodDecl();
      if (MD && MD->getIdentifier() && IsTarget(MC->getImplicitObjectArgument())) {
        if (isLockMethodName(MD->getName()))
          return record(S, false);
        if (isUnlockMethodName(MD->getName()))
          return record(S, true);
      }
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
      if (const auto *DM = dyn_cast<CXXDependentScopeMemberExpr>(Callee)) {
        if (DM->getMember().isIdentifier() && !DM->isImplicitAccess() &&
            IsTarget(DM->getBase())) {
          llvm::StringRef N = DM->getMember().getAsIdentifierInfo()->getName();
          if (isLockMethodName(N))
            return record(S, false);
          if (isUnlockMethodName(N))
            return record(S, true);
        }
      } else if (const FunctionDecl *FD = Call->getDirectCallee()) {
        // std::lock(a, b), std::try_lock(a, b), pthread_mutex_lock(&m), ...
        if (FD->getIdentifier()) {
          llvm::StringRef N = FD->getName();
          bool Lock = N == "lock" || N == "try_lock" || N.ends_with("_lock") ||
                      N.ends_with("_trylock") || N.ends_with("lock_shared");
          bool Unlock = N.ends_with("unlock");
          if (Lock || Unlock)
            for (const Expr *A : Call->arguments())
              if (IsTarget(A))
                return record(S, Unlock);
        }
      }
    } else if (isa<CXXConstructExpr, CXXUnresolvedConstructExpr>(S)) {
      const auto *E = cast<Expr>(S);
      if (Guards.matches(guardDeclOf(E->getType()))) {
        auto Args = constructionArgs(E);
        bool Locks = llvm::none_of(Args, [](const Expr *A) {
          LockTag T = lockTagOf(A);
          return T == LockTag::Defer || T == LockTag::Adopt;
        });
        if (Locks && llvm::any_of(Args, IsTarget))
          return record(S, false);
      }
    }
    for (const Stmt *Child : S->children())
      if (visit(Child))
        return true;
    return false;
  }

  std::function<bool(const Expr *)> IsTarget;
  const NameMatcher &Guards;
  LaterUse Found;
};

/// True when an argument written in parentheses could make a named
/// declaration `T name(arg)` parse as a function declaration.
bool couldBecomeVexing(llvm::ArrayRef<const Expr *> Args) {
  return llvm::any_of(Args, [](const Expr *A) {
    const Expr *S = A->IgnoreImplicit();
    return isa<CXXTemporaryObjectExpr, CXXFunctionalCastExpr,
               CXXScalarValueInitExpr, CXXUnresolvedConstructExpr>(S);
  });
}

/// The guard's type as the user spelled it (`std::scoped_lock`, not the
/// deduced `std::scoped_lock<std::mutex, std::mutex>`); null if implicit.
TypeLoc writtenType(const Expr *Construct, const Expr *Top) {
  if (const auto *TO = dyn_cast<CXXTemporaryObjectExpr>(Construct))
    return TO->getTypeSourceInfo()->getTypeLoc();
  if (const auto *UE = dyn_cast<CXXUnresolvedConstructExpr>(Construct))
    return UE->getTypeSourceInfo()->getTypeLoc();
  if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(Top->IgnoreImplicit()))
    return FC->getTypeInfoAsWritten()->getTypeLoc();
  return {};
}


} // namespace

UnnamedGuardCheck::UnnamedGuardCheck(llvm::StringRef Name,
                                     ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      GuardTypesOption(
          Options.getLocalOrGlobal("GuardTypes", DefaultGuardTypes).str()),
      GuardTypes(utils::options::parseStringList(GuardTypesOption)) {}

void UnnamedGuardCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "GuardTypes", GuardTypesOption);
}

bool UnnamedGuardCheck::isGuard(QualType T) const {
  return GuardTypes.matches(guardDeclOf(T));
}

/// Walks one function body, handing every statement that stands on its own
/// (a child of a block, or the unbraced body of an if, loop, case or label)
/// to the check together with its position. Knowing the block while walking
/// keeps the check off the AST parent map, which clang would otherwise build
/// for the whole translation unit. Lambdas are walked as functions of their
/// own, when the matcher reaches them.
class UnnamedGuardCheck::BodyWalker {
public:
  BodyWalker(UnnamedGuardCheck &Check, const FunctionDecl *Fn, ASTContext &Ctx)
      : Check(Check), Fn(Fn), Ctx(Ctx) {}

  void walk(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
      for (const Stmt *Child : CS->body()) {
        Check.checkStatement(Child, {Fn, CS}, Ctx);
        walk(Child);
      }
      return;
    }
    if (const auto *SE = dyn_cast<StmtExpr>(S)) {
      // The last statement is the expression's value, not discarded.
      const CompoundStmt *CS = SE->getSubStmt();
      for (const Stmt *Child : CS->body()) {
        if (Child != CS->body_back())
          Check.checkStatement(Child, {Fn, CS}, Ctx);
        walk(Child);
      }
      return;
    }
    for (const Stmt *Body : unbracedBodies(S))
      if (!isa<CompoundStmt>(Body))
        Check.checkStatement(Body, {Fn, nullptr}, Ctx);
    for (const Stmt *Child : S->children())
      walk(Child);
  }

private:
  static llvm::SmallVector<const Stmt *, 2> unbracedBodies(const Stmt *S) {
    llvm::SmallVector<const Stmt *, 2> Bodies;
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      Bodies.push_back(If->getThen());
      if (If->getElse())
        Bodies.push_back(If->getElse());
    } else if (const auto *For = dyn_cast<ForStmt>(S)) {
      Bodies.push_back(For->getBody());
    } else if (const auto *While = dyn_cast<WhileStmt>(S)) {
      Bodies.push_back(While->getBody());
    } else if (const auto *Do = dyn_cast<DoStmt>(S)) {
      Bodies.push_back(Do->getBody());
    } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
      Bodies.push_back(Range->getBody());
    } else if (const auto *SC = dyn_cast<SwitchCase>(S)) {
      Bodies.push_back(SC->getSubStmt());
    } else if (const auto *Label = dyn_cast<LabelStmt>(S)) {
      Bodies.push_back(Label->getSubStmt());
    }
    llvm::erase(Bodies, nullptr);
    return Bodies;
  }

  UnnamedGuardCheck &Check;
  const FunctionDecl *Fn;
  ASTContext &Ctx;
};

void UnnamedGuardCheck::registerMatchers(MatchFinder *Finder) {
  // Function definitions and lambdas written by the user (template patterns
  // included, instantiations not): their bodies are walked by BodyWalker.
  Finder->addMatcher(functionDecl(unless(isExpansionInSystemHeader()),
                                  isDefinition(), unless(isImplicit()),
                                  unless(inInstantiatedContext()))
                         .bind("fn"),
                     this);
  Finder->addMatcher(lambdaExpr(unless(isExpansionInSystemHeader()))
                         .bind("lambda"),
                     this);
}

void UnnamedGuardCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (const auto *L = Result.Nodes.getNodeAs<LambdaExpr>("lambda")) {
    if (isInInstantiatedContext(L->getLambdaClass()))
      return;
    Fn = L->getCallOperator();
  }
  if (Fn && Fn->getBody())
    BodyWalker(*this, Fn, *Result.Context).walk(Fn->getBody());
}

/// Looks through what the compiler wraps around an expression statement's
/// value (cleanups, temporaries, the functional cast spelling the type,
/// elidable copies) to a guard construction, or null.
static const Expr *constructionIn(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BT->getSubExpr();
    else if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MT->getSubExpr();
    else if (const auto *IC = dyn_cast<ImplicitCastExpr>(E))
      E = IC->getSubExpr();
    else if (const auto *CE = dyn_cast<ConstantExpr>(E))
      E = CE->getSubExpr();
    else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
      E = FC->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
             C && C->isElidable() && C->getNumArgs() == 1)
      E = C->getArg(0);
    else
      break;
  }
  if (isa_and_nonnull<CXXConstructExpr, CXXUnresolvedConstructExpr>(E))
    return E;
  return nullptr;
}

void UnnamedGuardCheck::checkStatement(const Stmt *S, Position Pos,
                                       ASTContext &Ctx) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    if (const auto *Var = dyn_cast<VarDecl>(DS->getSingleDecl());
        Var && DS->isSingleDecl() && isGuard(Var->getType()))
      checkVexingParse(DS, Var, Pos, Ctx);
    return;
  }
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return;
  if (const Expr *Construct = constructionIn(E);
      Construct && isGuard(Construct->getType()))
    checkTemporary(Construct, E, Pos, Ctx);
}

void UnnamedGuardCheck::checkTemporary(const Expr *Construct, const Expr *Top,
                                       Position Pos, ASTContext &Ctx) {
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Construct))
    if (!mayHaveNontrivialDestructor(CE->getType()))
      return;
  llvm::SmallVector<const Expr *, 4> Args = constructionArgs(Construct);
  if (Args.empty())
    return; // A default-constructed guard holds nothing either way.

  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = Top->getBeginLoc();
  bool InMacro = Begin.isMacroID() || Top->getEndLoc().isMacroID();
  SourceLocation DiagLoc = InMacro ? SM.getExpansionLoc(Begin) : Begin;

  QualType GuardType = Construct->getType();
  const NamedDecl *GuardDecl = guardDeclOf(GuardType);
  llvm::SmallVector<const Expr *, 2> Locked = lockedObjects(Args, GuardDecl);
  LaterUse Blocker;
  std::optional<FixItHint> Fix;
  if (!InMacro) // Naming it inside a macro would change every expansion.
    Fix = nameTemporary(Construct, Top, Args, Locked, Pos, Ctx, Blocker);

  // Name the type as written: `std::scoped_lock`, not the deduced type.
  std::string TypeName = GuardType.getAsString(Ctx.getPrintingPolicy());
  if (TypeLoc Written = writtenType(Construct, Top); !Written.isNull()) {
    CharSourceRange Range =
        CharSourceRange::getTokenRange(Written.getSourceRange());
    if (!Range.getBegin().isMacroID() && !Range.getEnd().isMacroID())
      TypeName = Lexer::getSourceText(Range, SM, Ctx.getLangOpts()).str();
  }
  {
    auto Diag = diag(DiagLoc, "'%0' temporary is destroyed at the end of the "
                              "statement and guards nothing; give it a name "
                              "to hold it until the end of the scope")
                << TypeName;
    if (Fix)
      Diag << *Fix;
  }
  noteBlocker(Blocker);
}

std::optional<FixItHint> UnnamedGuardCheck::nameTemporary(
    const Expr *Construct, const Expr *Top, llvm::ArrayRef<const Expr *> Args,
    llvm::ArrayRef<const Expr *> Locked, Position Pos, ASTContext &Ctx,
    LaterUse &Blocker) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const CompoundStmt *Scope = Pos.Scope;
  if (!Scope)
    return std::nullopt; // The whole body of an if or loop: intent unclear.
  const FunctionDecl *Fn = Pos.Fn;

  // The name goes right after the type as written.
  SourceLocation TypeEnd = writtenType(Construct, Top).getEndLoc();
  if (TypeEnd.isInvalid() || TypeEnd.isMacroID())
    return std::nullopt;
  std::optional<Token> Open = Lexer::findNextToken(TypeEnd, SM, LO);
  if (!Open || !Open->isOneOf(tok::l_paren, tok::l_brace))
    return std::nullopt;
  if (Open->is(tok::l_paren) && couldBecomeVexing(Args))
    return std::nullopt;

  bool Recursive = llvm::any_of(Locked, [](const Expr *L) {
    return isRecursiveLockableType(L->getType());
  });
  if (!Locked.empty() && !Recursive) {
    LaterUseFinder Finder(
        [&](const Expr *E) {
          return llvm::any_of(Locked,
                              [&](const Expr *L) { return sameObject(E, L); });
        },
        GuardTypes);
    Blocker = Finder.find(Scope, Top);
    if (Blocker.Where)
      return std::nullopt;
  }

  std::string Name = Namer.freshName(Fn, Scope, guardNameBase(Locked), Ctx);
  return FixItHint::CreateInsertion(
      Lexer::getLocForEndOfToken(TypeEnd, 0, SM, LO), " " + Name);
}

void UnnamedGuardCheck::noteBlocker(const LaterUse &Blocker) {
  if (!Blocker.Where)
    return;
  static const char *const Messages[] = {
      "no fix offered: a named guard would still hold the lock here, where "
      "it is locked again",
      "no fix offered: a named guard would still hold the lock here, where "
      "it is unlocked by hand",
      "no fix offered: this use refers to the new variable; after naming the "
      "guard it would refer to the outer one"};
  diag(Blocker.Where->getBeginLoc(), Messages[Blocker.Kind],
       DiagnosticIDs::Note);
}

/// The variable named \p Name that \p DS's declaration hides: a local of an
/// enclosing block, a parameter, a member of the enclosing class, or a
/// namespace-scope variable.
static const ValueDecl *findShadowed(const DeclStmt *DS, const VarDecl *Var,
                                     ASTContext &Ctx) {
  DeclarationName Name = Var->getDeclName();
  auto Matches = [&](const Decl *D) -> const ValueDecl * {
    const auto *VD = dyn_cast_or_null<VarDecl>(D);
    return VD && VD != Var && VD->getDeclName() == Name ? VD : nullptr;
  };
  auto InDeclStmt = [&](const Stmt *S) -> const ValueDecl * {
    if (const auto *D = dyn_cast_or_null<DeclStmt>(S))
      for (const Decl *Each : D->decls())
        if (const ValueDecl *Found = Matches(Each))
          return Found;
    return nullptr;
  };

  const Stmt *Child = DS;
  DynTypedNode Node = DynTypedNode::create(*DS);
  while (true) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
    if (const auto *CS = Node.get<CompoundStmt>()) {
      for (const Stmt *S : CS->body()) {
        if (S == Child)
          break;
        if (const ValueDecl *Found = InDeclStmt(S))
          return Found;
      }
    } else if (const auto *If = Node.get<IfStmt>()) {
      if (const ValueDecl *Found = InDeclStmt(If->getInit()))
        return Found;
      if (const ValueDecl *Found = Matches(If->getConditionVariable()))
        return Found;
    } else if (const auto *For = Node.get<ForStmt>()) {
      if (const ValueDecl *Found = InDeclStmt(For->getInit()))
        return Found;
      if (const ValueDecl *Found = Matches(For->getConditionVariable()))
        return Found;
    } else if (const auto *Range = Node.get<CXXForRangeStmt>()) {
      if (const ValueDecl *Found = Matches(Range->getLoopVariable()))
        return Found;
    } else if (const auto *While = Node.get<WhileStmt>()) {
      if (const ValueDecl *Found = Matches(While->getConditionVariable()))
        return Found;
    } else if (const auto *Switch = Node.get<SwitchStmt>()) {
      if (const ValueDecl *Found = InDeclStmt(Switch->getInit()))
        return Found;
      if (const ValueDecl *Found = Matches(Switch->getConditionVariable()))
        return Found;
    } else if (const auto *FD = Node.get<FunctionDecl>()) {
      for (const ParmVarDecl *P : FD->parameters())
        if (P->getDeclName() == Name)
          return P;
      break;
    }
    if (const auto *S = Node.get<Stmt>())
      Child = S;
  }

  const auto *Fn = dyn_cast<FunctionDecl>(Var->getDeclContext());
  const DeclContext *DC = Fn ? Fn->getDeclContext() : Var->getDeclContext();
  for (; DC; DC = DC->getParent()) {
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      if (!RD->hasDefinition())
        continue;
      const ValueDecl *Found = nullptr;
      auto Look = [&](const CXXRecordDecl *R) {
        for (const NamedDecl *D : R->lookup(Name))
          if (const auto *V = dyn_cast<ValueDecl>(D);
              V && isa<FieldDecl, VarDecl>(V) && !Found)
            Found = V;
      };
      Look(RD);
      RD->forallBases([&](const CXXRecordDecl *B) {
        Look(B);
        return true;
      });
      if (Found)
        return Found;
    } else if (DC->isFileContext()) {
      for (const NamedDecl *D : DC->lookup(Name))
        if (const auto *V = dyn_cast<VarDecl>(D))
          return V;
    }
  }
  return nullptr;
}

void UnnamedGuardCheck::checkVexingParse(const DeclStmt *DS, const VarDecl *Var,
                                         Position Pos, ASTContext &Ctx) {
  if (!Var->getIdentifier() || Var->isImplicit())
    return;
  if (const Expr *Init = Var->getInit()) {
    const auto *CE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
    if (!CE || CE->getNumArgs() != 0 || CE->isListInitialization())
      return;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  SourceLocation NameLoc = Var->getLocation();
  if (NameLoc.isMacroID())
    return;
  Token Before = utils::lexer::getPreviousToken(NameLoc, SM, LO);
  std::optional<Token> After = Lexer::findNextToken(NameLoc, SM, LO);
  if (!Before.is(tok::l_paren) || !After || !After->is(tok::r_paren))
    return;

  const ValueDecl *Shadowed = findShadowed(DS, Var, Ctx);
  if (!Shadowed)
    return;
  QualType ShadowedType = Shadowed->getType().getNonReferenceType();
  bool IsPointer = ShadowedType->isPointerType();
  if (!isLockableType(IsPointer ? ShadowedType->getPointeeType() : ShadowedType))
    return;

  SourceLocation Begin = Var->getBeginLoc();
  bool InMacro = Begin.isMacroID();
  LaterUse Blocker;
  std::optional<FixItHint> Fix;
  if (!InMacro && !IsPointer)
    Fix = nameVexingParse(DS, Var, Shadowed, Before.getLocation(), Pos, Ctx,
                          Blocker);
  {
    auto Diag = diag(InMacro ? SM.getExpansionLoc(Begin) : Begin,
                     "this declares a new variable %0 of type %1 that hides "
                     "the outer %0 and locks nothing; name the guard and "
                     "pass %0 to it")
                << Var << Var->getType();
    if (Fix)
      Diag << *Fix;
  }
  noteBlocker(Blocker);
}

/// The first statement after \p Anchor in \p Scope that refers to \p Var.
static const Stmt *firstLaterReference(const CompoundStmt *Scope,
                                       const Stmt *Anchor, const VarDecl *Var) {
  std::function<const Stmt *(const Stmt *)> Find =
      [&](const Stmt *S) -> const Stmt * {
    if (!S)
      return nullptr;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S);
        DRE && DRE->getDecl() == Var)
      return S;
    for (const Stmt *C : S->children())
      if (const Stmt *Found = Find(C))
        return Found;
    return nullptr;
  };
  bool After = false;
  for (const Stmt *S : Scope->body()) {
    if (After)
      if (const Stmt *Found = Find(S))
        return Found;
    After = After || S == Anchor;
  }
  return nullptr;
}

std::optional<FixItHint> UnnamedGuardCheck::nameVexingParse(
    const DeclStmt *DS, const VarDecl *Var, const ValueDecl *Shadowed,
    SourceLocation ParenLoc, Position Pos, ASTContext &Ctx,
    LaterUse &Blocker) {
  const CompoundStmt *Scope = Pos.Scope;
  const FunctionDecl *Fn = Pos.Fn;
  if (!Scope)
    return std::nullopt;

  // Later uses of the name refer to the new guard today; after the fix they
  // would refer to the mutex, so they must be rewritten by hand.
  if (Var->isReferenced()) {
    if (const Stmt *Use = firstLaterReference(Scope, DS, Var)) {
      Blocker = {Use, LaterUse::NameReused};
      return std::nullopt;
    }
  }
  if (!isRecursiveLockableType(Shadowed->getType())) {
    LaterUseFinder Finder([&](const Expr *E) { return namesDecl(E, Shadowed); },
                          GuardTypes);
    Blocker = Finder.find(Scope, DS);
    if (Blocker.Where)
      return std::nullopt;
  }

  const SourceManager &SM = Ctx.getSourceManager();
  std::string Name =
      Namer.freshName(Fn, Scope, "lock_" + identifierHint(Shadowed->getName()), Ctx);
  bool SpaceBefore =
      isWhitespace(*SM.getCharacterData(ParenLoc.getLocWithOffset(-1)));
  return FixItHint::CreateInsertion(ParenLoc, (SpaceBefore ? "" : " ") + Name);
}

} // namespace clang::tidy::raii
