//===- SwallowedExceptionCheck.cpp - raii-swallowed-exception -------------===//
#include "SwallowedExceptionCheck.h"
#include "catalog/RuleCatalog.h"
#include "support/GuardTypes.h"
#include "support/Instantiation.h"
#include "catalog/ReleaseCalls.h"
#include "support/LibraryFunctions.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::raii {
namespace {

const char DefaultReportingFunctions[] =
    "perror;syslog;vsyslog;fprintf;vfprintf;fputs;fputc;fwrite;"
    "::std::cerr;::std::clog;::std::wcerr;::std::wclog;"
    "*log*;*warn*;*error*;*report*";
const char DefaultIntentMarkers[] = "intentionally;deliberately;by design";
/// Functions of the project that only clean up: calling them from a handler
/// reports nothing. Any other project function may be the project's
/// reporting hook.
const char DefaultSilentFunctions[] =
    "*close*;*free*;*release*;*clean*;*reset*;*clear*;*destroy*;*unlock*;"
    "*delete*;*dispose*;*rollback*;*unref*;*erase*;*remove*";

/// `*` matches any run of characters; everything else itself.
bool wildcardMatch(llvm::StringRef Pattern, llvm::StringRef Text) {
  if (Pattern.empty())
    return Text.empty();
  if (Pattern.front() == '*') {
    for (size_t I = 0; I <= Text.size(); ++I)
      if (wildcardMatch(Pattern.drop_front(), Text.drop_front(I)))
        return true;
    return false;
  }
  return !Text.empty() && Pattern.front() == Text.front() &&
         wildcardMatch(Pattern.drop_front(), Text.drop_front());
}

/// True for a `FILE *` parameter type (glibc, musl, BSD spellings).
bool isStreamPointer(QualType T) {
  if (!T->isPointerType())
    return false;
  QualType P = T->getPointeeType();
  if (const auto *TT = P->getAs<TypedefType>())
    if (TT->getDecl()->getName() == "FILE")
      return true;
  const auto *RD = P->getAsRecordDecl();
  return RD && RD->getIdentifier() &&
         llvm::is_contained({"_IO_FILE", "FILE", "__sFILE"}, RD->getName());
}

bool namesStderr(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return DRE && DRE->getDecl()->getIdentifier() &&
         DRE->getDecl()->getName() == "stderr";
}

bool isStdFunction(const FunctionDecl *FD, llvm::StringRef Name) {
  return FD && FD->getIdentifier() && FD->getName() == Name &&
         FD->isInStdNamespace();
}

/// The object a `a << b << c` chain writes to.
const Expr *streamOf(const CXXOperatorCallExpr *Op) {
  const Expr *E = Op;
  while (const auto *O = dyn_cast<CXXOperatorCallExpr>(E->IgnoreImplicit())) {
    if (O->getOperator() != OO_LessLess || O->getNumArgs() != 2)
      break;
    E = O->getArg(0);
  }
  return E->IgnoreImplicit();
}

bool rethrowsStoredException(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S);
      Call && isStdFunction(Call->getDirectCallee(), "rethrow_exception"))
    return true;
  return llvm::any_of(S->children(), rethrowsStoredException);
}

/// True if \p E, looking up through implicit wrappers, stands as a statement
/// whose value is discarded; \p Path holds the statements from the walk's
/// root down to \p E's parent (no parent map). Above the root is no
/// statement expression (the root is a handler block or a function body).
bool isDiscardedOnPath(llvm::ArrayRef<const Stmt *> Path, const Expr *E) {
  size_t I = Path.size(); // Path[I - 1] is the parent of Top.
  const Stmt *Top = E;
  while (I > 0) {
    const Stmt *P = Path[I - 1];
    const auto *CE = dyn_cast<CXXConstructExpr>(P);
    if (!isa<ExprWithCleanups, CXXBindTemporaryExpr, MaterializeTemporaryExpr,
             ImplicitCastExpr, ParenExpr, ConstantExpr, CXXFunctionalCastExpr>(
            P) &&
        !(CE && CE->isElidable()))
      break;
    Top = P;
    --I;
  }
  if (I == 0)
    return false; // No parent statement.
  const Stmt *P = Path[I - 1];
  if (const auto *CS = dyn_cast<CompoundStmt>(P)) {
    const Stmt *GP = I > 1 ? Path[I - 2] : nullptr;
    return !(GP && isa<StmtExpr>(GP) && CS->body_back() == Top);
  }
  if (const auto *If = dyn_cast<IfStmt>(P))
    return If->getThen() == Top || If->getElse() == Top;
  if (const auto *For = dyn_cast<ForStmt>(P))
    return For->getBody() == Top;
  if (const auto *While = dyn_cast<WhileStmt>(P))
    return While->getBody() == Top;
  if (const auto *Do = dyn_cast<DoStmt>(P))
    return Do->getBody() == Top;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(P))
    return Range->getBody() == Top;
  if (const auto *SC = dyn_cast<SwitchCase>(P))
    return SC->getSubStmt() == Top;
  if (const auto *Label = dyn_cast<LabelStmt>(P))
    return Label->getSubStmt() == Top;
  return false;
}

} // namespace

SwallowedExceptionCheck::SwallowedExceptionCheck(llvm::StringRef Name,
                                                 ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      ReportingFunctionsOption(
          Options.get("ReportingFunctions", DefaultReportingFunctions).str()),
      IntentMarkersOption(
          Options.get("IntentMarkers", DefaultIntentMarkers).str()),
      SilentFunctionsOption(
          Options.get("SilentFunctions", DefaultSilentFunctions).str()),
      Shared(*this, Name, Options),
      Catalog(RuleCatalog::forCheck(*this, Shared.RuleFiles)),
      Recognizer(Options), Walker(Recognizer),
      ReportingNames(std::vector<std::string>{}) {
  std::vector<std::string> Names;
  for (llvm::StringRef E :
       utils::options::parseStringList(ReportingFunctionsOption)) {
    if (E.contains('*'))
      ReportingPatterns.push_back(E.lower());
    else
      Names.push_back(E.str());
  }
  ReportingNames = NameMatcher(Names);
  for (llvm::StringRef M : utils::options::parseStringList(IntentMarkersOption))
    IntentMarkers.push_back(M.lower());
  for (llvm::StringRef M :
       utils::options::parseStringList(SilentFunctionsOption))
    SilentPatterns.push_back(M.lower());
}

void SwallowedExceptionCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Recognizer.storeOptions(Options, Opts);
  Options.store(Opts, "ReportingFunctions", ReportingFunctionsOption);
  Options.store(Opts, "IntentMarkers", IntentMarkersOption);
  Options.store(Opts, "SilentFunctions", SilentFunctionsOption);
  Shared.storeRuleFiles(Options, Opts);
}

void SwallowedExceptionCheck::registerMatchers(MatchFinder *Finder) {
  // Every function definition, walked top-down for its handlers (see
  // ExitHandlerWalker). Also in instantiations: a handler the template does
  // not rebuild is shared with the pattern, and only the instantiation
  // reaches it. Diagnostics of several instantiations coincide and are
  // merged.
  Finder->addMatcher(functionDecl(isDefinition(), unless(isImplicit()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("fn"),
                     this);
}

void SwallowedExceptionCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  Catalog.in(Ctx); // every later question in this unit uses get()
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD);
      MD && !isInInstantiatedContext(MD))
    checkExitMember(MD, Ctx);
  const SourceManager &SM = Ctx.getSourceManager();
  Walker.walk(
      FD, [](const ExitHandler &) {},
      [&](const ExitHandlerWalker::TrySite &Site) {
        for (unsigned I = 0; I < Site.Try->getNumHandlers(); ++I)
          if (const CXXCatchStmt *Catch = Site.Try->getHandler(I);
              !SM.isInSystemHeader(SM.getExpansionLoc(Catch->getBeginLoc())))
            checkCatch(Catch, Site, Ctx);
      });
}

bool SwallowedExceptionCheck::isReportingName(const NamedDecl *D) const {
  if (!D)
    return false;
  if (ReportingNames.matches(D))
    return true;
  if (!D->getIdentifier() || ReportingPatterns.empty())
    return false;
  std::string Lower = D->getName().lower();
  return llvm::any_of(ReportingPatterns, [&](const std::string &P) {
    return wildcardMatch(P, Lower);
  });
}

bool SwallowedExceptionCheck::isReportingCall(const CallExpr *Call) const {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->getOperator() == OO_LessLess) {
    // `std::cerr << ...`, `logger() << ...`, `LogMessage(...).stream() << ...`
    const Expr *Stream = streamOf(Op);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Stream))
      return isReportingName(DRE->getDecl());
    if (const auto *Inner = dyn_cast<CallExpr>(Stream))
      return isReportingCall(Inner);
    return false;
  }
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return false;
  if (!isReportingName(FD)) {
    // `logger_.info(...)`: a member of a reporting class.
    const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
    const CXXRecordDecl *RD = MC ? MC->getRecordDecl() : nullptr;
    if (!RD || !isReportingName(RD))
      return false;
  }
  // A write to a stream counts only when the stream is stderr.
  for (unsigned I = 0; I < FD->getNumParams() && I < Call->getNumArgs(); ++I)
    if (isStreamPointer(FD->getParamDecl(I)->getType()))
      return namesStderr(Call->getArg(I));
  return true;
}

bool SwallowedExceptionCheck::mayReport(const CallExpr *Call,
                                        unsigned Depth) const {
  if (isReleaseCall(Call, Catalog.get()))
    return false;
  if (isReportingCall(Call))
    return true;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || isa<CXXOperatorCallExpr>(Call))
    return false;
  if (isLibraryFunction(FD) || FD->getBuiltinID())
    return false; // a library function that is not a reporting one
  if (FD->getIdentifier()) {
    std::string Lower = FD->getName().lower();
    if (llvm::any_of(SilentPatterns, [&](const std::string &P) {
          return wildcardMatch(P, Lower);
        }))
      return false;
  }
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def->getBody())
    return true; // the project's hook, defined elsewhere
  if (Depth >= 3)
    return true;
  auto [It, New] = BodyReports.try_emplace(Def, false);
  if (!New)
    return It->second;
  bool Reports = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Reports || isa<LambdaExpr>(S))
      return;
    if (isa<CXXThrowExpr>(S))
      Reports = true;
    if (const auto *C = dyn_cast<CallExpr>(S))
      if ((C->getDirectCallee() && C->getDirectCallee()->isNoReturn()) ||
          mayReport(C, Depth + 1))
        Reports = true;
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(Def->getBody());
  BodyReports[Def] = Reports;
  return Reports;
}

bool SwallowedExceptionCheck::hasIntentComment(SourceRange R,
                                               ASTContext &Ctx) const {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  if (IntentMarkers.empty())
    return false;
  // `MY_CATCH { // ignored on purpose ... }`: the handler's text from where
  // the macro is written (a handler wholly inside a macro keeps no comment).
  R = SourceRange(SM.getFileLoc(R.getBegin()), SM.getFileLoc(R.getEnd()));
  if (SM.getFileID(R.getBegin()) != SM.getFileID(R.getEnd()) ||
      !SM.isBeforeInTranslationUnit(R.getBegin(), R.getEnd()))
    return false;
  llvm::StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO);
  if (Text.empty())
    return false;
  Lexer Lex(R.getBegin(), LO, Text.begin(), Text.begin(), Text.end());
  Lex.SetCommentRetentionState(true);
  Token Tok;
  bool AtEnd = false;
  while (!AtEnd) {
    AtEnd = Lex.LexFromRawLexer(Tok);
    if (!Tok.is(tok::comment))
      continue;
    std::string Comment =
        llvm::StringRef(SM.getCharacterData(Tok.getLocation()), Tok.getLength())
            .lower();
    for (const std::string &M : IntentMarkers)
      if (llvm::StringRef(Comment).contains(M))
        return true;
  }
  return false;
}

SwallowedExceptionCheck::Handling
SwallowedExceptionCheck::handlingIn(const Stmt *Body, const VarDecl *Exception,
                                    SourceRange CommentRange, ASTContext &Ctx,
                                    llvm::ArrayRef<const Stmt *> Cleanup) const {
  Handling H;
  H.Reported = hasIntentComment(CommentRange, Ctx);
  // The statements from Body down to the one visited, which tell what the
  // parent map would, without building it.
  llvm::SmallVector<const Stmt *, 16> Path;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || H.Reported || llvm::is_contained(Cleanup, S))
      return;
    if (isa<CXXThrowExpr>(S))
      H.Rethrown = true;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (isStdFunction(FD, "rethrow_exception") ||
          isStdFunction(FD, "throw_with_nested")) {
        H.Rethrown = true;
      } else if (isStdFunction(FD, "current_exception")) {
        // Kept somewhere unless the call is a statement of its own.
        if (!isDiscardedOnPath(Path, Call))
          H.Reported = true;
      } else if (FD && FD->isNoReturn()) {
        H.Reported = true; // std::terminate, abort, exit, a fatal logger.
      } else if (mayReport(Call, 0)) {
        H.Reported = true;
      }
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && Exception &&
                                                      DRE->getDecl() ==
                                                          Exception) {
      // The exception object is looked at or kept (`msg_ = e.what()`),
      // unless only to silence a warning with a cast to void.
      const auto *Cast = Path.empty()
                             ? nullptr
                             : dyn_cast<ExplicitCastExpr>(Path.back());
      if (!Cast || !Cast->getType()->isVoidType())
        H.Reported = true;
    }
    Path.push_back(S);
    for (const Stmt *Child : S->children())
      Visit(Child);
    Path.pop_back();
  };
  Visit(Body);
  return H;
}

void SwallowedExceptionCheck::checkCatch(
    const CXXCatchStmt *Catch, const ExitHandlerWalker::TrySite &Site,
    ASTContext &Ctx) {
  const CXXTryStmt *Try = Site.Try;
  const Stmt *Block = Catch->getHandlerBlock();
  if (!Block)
    return;
  if (rethrowsStoredException(Try->getTryBlock()))
    return; // `try { std::rethrow_exception(ep); } catch (T &)`: inspection.
  ExitHandler Handler;
  if (Site.Handler) {
    Handler = *Site.Handler;
  } else {
    // A lambda outside every function body: whether it is a scope-guard
    // callback takes the parent map, asked only for a handler that does not
    // report the exception.
    if (handlingIn(Block, Catch->getExceptionDecl(),
                   SourceRange(Catch->getCatchLoc(), Block->getEndLoc()), Ctx)
            .Reported)
      return;
    Handler = Recognizer.enclosingHandler(Catch, Ctx);
  }
  enum { InExitHandler, OnlyReleases, ForgotRethrow } Form;
  llvm::SmallVector<const Stmt *, 4> Trailing;
  llvm::SmallVector<const Stmt *, 4> Cleanup;
  if (Handler) {
    Form = InExitHandler;
  } else {
    if (Catch->getExceptionDecl() || !fallsOffEnd(Block))
      return;
    bool Rethrows = false;
    Cleanup = handlerCleanup(Catch, Rethrows);
    if (Cleanup.empty())
      return;
    if (llvm::all_of(Cleanup,
                     [&](const Stmt *S) { return isReleaseCall(S, Catalog.get()); }))
      Form = OnlyReleases;
    else if (Trailing = trailingCopyOf(Try, Site.Block, Cleanup, Ctx);
             !Trailing.empty())
      Form = ForgotRethrow;
    else
      return;
  }

  Handling H = handlingIn(Block, Catch->getExceptionDecl(),
                          SourceRange(Catch->getCatchLoc(), Block->getEndLoc()),
                          Ctx, Cleanup);
  if (H.Reported)
    return;
  bool MustNotEscape = Handler.Kind == ExitHandler::Destructor ||
                       Handler.Kind == ExitHandler::GuardCallback;
  if (H.Rethrown && !MustNotEscape)
    return;

  SourceLocation Loc = Ctx.getSourceManager().getExpansionLoc(
      Catch->getCatchLoc());
  unsigned Where = Handler.Kind == ExitHandler::Destructor      ? 0
                   : Handler.Kind == ExitHandler::GuardCallback ? 1
                                                                : 2;
  const NamedDecl *Owner =
      Handler.Fn ? dyn_cast<NamedDecl>(Handler.Fn->getParent()) : nullptr;
  if (const auto *Spec =
          dyn_cast_or_null<ClassTemplateSpecializationDecl>(Owner))
    Owner = Spec->getSpecializedTemplate(); // One message for all of them.
  switch (Form) {
  case InExitHandler:
    if (H.Rethrown)
      diag(Loc, "exception caught in %select{destructor of %1|scope-guard "
                "callback}0 is rethrown, but it must not escape an exit "
                "handler; report it instead, keep std::current_exception(), "
                "or say in a comment that it is ignored intentionally")
          << Where << Owner;
    else
      diag(Loc, "exception caught in %select{destructor of %1|scope-guard "
                "callback|exit handler of %1}0 is silently swallowed; report "
                "it, keep std::current_exception(), or say in a comment that "
                "it is ignored intentionally")
          << Where << Owner;
    if (Handler.Kind == ExitHandler::GuardCallback)
      diag(Handler.GuardLoc,
           "the callback runs when this scope guard exits",
           DiagnosticIDs::Note);
    break;
  case OnlyReleases:
    diag(Loc, "'catch (...)' only releases resources and falls through, "
              "silently swallowing the exception; add 'throw;', report it, or "
              "say in a comment that it is ignored intentionally");
    break;
  case ForgotRethrow:
    diag(Loc, "'catch (...)' repeats the cleanup that follows the 'try' and "
              "falls through, silently swallowing the exception; add "
              "'throw;', report it, or say in a comment that it is ignored "
              "intentionally");
    diag(Trailing.front()->getBeginLoc(),
         "the same cleanup follows the 'try' here", DiagnosticIDs::Note);
    break;
  }
}

void SwallowedExceptionCheck::checkExitMember(const CXXMethodDecl *Exit,
                                              ASTContext &Ctx) {
  if (!isExitMember(Exit) || !Exit->getReturnType()->isBooleanType() ||
      !Exit->getBody())
    return;
  llvm::SmallVector<const ReturnStmt *, 2> Returns;
  bool AllTrue = true;
  std::function<void(const Stmt *)> Collect = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *R = dyn_cast<ReturnStmt>(S)) {
      const auto *B = dyn_cast_or_null<CXXBoolLiteralExpr>(
          R->getRetValue() ? R->getRetValue()->IgnoreImplicit() : nullptr);
      AllTrue = AllTrue && B && B->getValue();
      Returns.push_back(R);
    }
    for (const Stmt *Child : S->children())
      Collect(Child);
  };
  Collect(Exit->getBody());
  if (Returns.empty() || !AllTrue)
    return;
  // Reporting or keeping the exception (passing it on counts) is fine; so is
  // a comment that says the suppression is intended.
  const ParmVarDecl *Param = Exit->getParamDecl(0);
  Handling H = handlingIn(Exit->getBody(), nullptr, Exit->getSourceRange(), Ctx);
  bool PassedOn = false;
  std::function<void(const Stmt *)> FindUse = [&](const Stmt *S) {
    if (!S || PassedOn)
      return;
    auto IsParam = [&](const Expr *E) {
      const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreImplicit());
      return DRE && DRE->getDecl() == Param;
    };
    if (const auto *Call = dyn_cast<CallExpr>(S))
      PassedOn = llvm::any_of(Call->arguments(), IsParam);
    else if (const auto *Op = dyn_cast<BinaryOperator>(S))
      PassedOn = Op->isAssignmentOp() && IsParam(Op->getRHS());
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      PassedOn = llvm::any_of(Construct->arguments(), IsParam);
    for (const Stmt *Child : S->children())
      FindUse(Child);
  };
  FindUse(Exit->getBody());
  if (H.Reported || PassedOn)
    return;
  for (const ReturnStmt *R : Returns)
    diag(Ctx.getSourceManager().getExpansionLoc(R->getReturnLoc()),
         "exit handler of %0 returns true on every path, suppressing every "
         "exception; inspect the exception and suppress only the expected "
         "types, report it, or say in a comment that this is intended")
        << Exit->getParent();
}

} // namespace clang::tidy::raii
