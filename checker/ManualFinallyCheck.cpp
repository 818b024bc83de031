//===- ManualFinallyCheck.cpp - raii-manual-finally -----------------------===//
#include "ManualFinallyCheck.h"
#include "fixes/AdoptedLockGuard.h"
#include "fixes/IncludePlacement.h"
#include "support/ExitHandlers.h"
#include "support/Instantiation.h"
#include "support/Lockables.h"
#include "clang-tidy/utils/ASTUtils.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::raii {
namespace {

const char DefaultCommitMarkers[] = "commit";
const char DefaultRollbackMarkers[] = "rollback;abort;revert;undo;cancel";

enum Blocker {
  NoBlocker,
  LeavesTry,
  CleanupMayThrow,
  CleanupNotMovable,
  Silent, // Macro or template pattern: no fix and no note.
};

std::vector<std::string> lowerList(llvm::StringRef Option) {
  std::vector<std::string> Out;
  for (llvm::StringRef E : utils::options::parseStringList(Option))
    Out.push_back(E.lower());
  return Out;
}

/// A statement in the try block that leaves it other than by falling off
/// its end or by an exception.
const Stmt *findEarlyExit(const Stmt *S, unsigned LoopDepth,
                          unsigned SwitchDepth) {
  if (!S || isa<LambdaExpr>(S))
    return nullptr;
  if (isa<ReturnStmt, CoreturnStmt, GotoStmt, IndirectGotoStmt>(S))
    return S;
  if (isa<BreakStmt>(S) && LoopDepth + SwitchDepth == 0)
    return S;
  if (isa<ContinueStmt>(S) && LoopDepth == 0)
    return S;
  bool Loop = isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
  bool Switch = isa<SwitchStmt>(S);
  for (const Stmt *Child : S->children())
    if (const Stmt *Found =
            findEarlyExit(Child, LoopDepth + Loop, SwitchDepth + Switch))
      return Found;
  return nullptr;
}

/// True if \p S cannot move into a lambda unchanged: it declares a name
/// others may use, jumps, suspends, names the function (`__func__`) or, before
/// C++20, a structured binding.
bool isUnmovable(const Stmt *S, const LangOptions &LO, bool TopLevel = true) {
  if (!S)
    return false;
  if (TopLevel && isa<DeclStmt>(S))
    return true;
  if (isa<ReturnStmt, CoreturnStmt, GotoStmt, IndirectGotoStmt, BreakStmt,
          ContinueStmt, CoawaitExpr, CoyieldExpr, PredefinedExpr>(S))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S);
      DRE && isa<BindingDecl>(DRE->getDecl()) && !LO.CPlusPlus20)
    return true;
  if (isa<LambdaExpr>(S))
    return false;
  return llvm::any_of(S->children(), [&](const Stmt *C) {
    return isUnmovable(C, LO, /*TopLevel=*/false);
  });
}

/// The source text of \p S with its terminating semicolon, if any.
std::string statementText(const Stmt *S, const SourceManager &SM,
                          const LangOptions &LO) {
  std::string Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(S->getSourceRange()),
                           SM, LO)
          .str();
  if (Lexer::findLocationAfterToken(S->getEndLoc(), tok::semi, SM, LO,
                                    /*SkipTrailingWhitespaceAndNewLine=*/false)
          .isValid())
    Text += ";";
  return Text;
}

/// The location just past \p S and its semicolon.
SourceLocation endOfStatement(const Stmt *S, const SourceManager &SM,
                              const LangOptions &LO) {
  SourceLocation AfterSemi = Lexer::findLocationAfterToken(
      S->getEndLoc(), tok::semi, SM, LO, false);
  if (AfterSemi.isValid())
    return AfterSemi;
  return Lexer::getLocForEndOfToken(S->getEndLoc(), 0, SM, LO);
}

/// Leading whitespace of the line \p Loc is on.
std::string lineIndent(SourceLocation Loc, const SourceManager &SM) {
  std::pair<FileID, unsigned> Pos = SM.getDecomposedLoc(Loc);
  llvm::StringRef Buffer = SM.getBufferData(Pos.first);
  size_t LineStart = Buffer.rfind('\n', Pos.second);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef Line = Buffer.substr(LineStart);
  return Line.take_while([](char C) { return C == ' ' || C == '\t'; }).str();
}

std::string joined(llvm::ArrayRef<const Stmt *> Stmts, const SourceManager &SM,
                   const LangOptions &LO) {
  std::string Out;
  for (const Stmt *S : Stmts) {
    if (!Out.empty())
      Out += " ";
    Out += statementText(S, SM, LO);
  }
  return Out;
}

/// A guard declaration a fix inserts: `Type Name(Args);`.
struct GuardDecl {
  std::string Type;     ///< `raii::scope_exit`, `std::lock_guard<std::mutex>`
  std::string NameBase; ///< `guard`, `lock_m`, before uniquing
  std::string Args;     ///< `[&] { release(); }`, `m, std::adopt_lock`
};

} // namespace

/// What a finding offers: the remedy its message names, the guards the fix
/// declares (none: no fix) and the header they need, or why there is no
/// fix; and an alternative fix, on a note, that differs in behaviour.
struct ManualFinallyCheck::Plan {
  std::string Remedy; ///< `a raii::scope_exit`, `a std::lock_guard`
  llvm::SmallVector<GuardDecl, 2> Guards;
  std::string Header; ///< `<mutex>`
  std::optional<std::string> Refusal;
  llvm::SmallVector<GuardDecl, 1> Alternative;
  std::string AlternativeHeader;
  const char *AlternativeNote = "";
};

ManualFinallyCheck::ManualFinallyCheck(llvm::StringRef Name,
                                       ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      Shared(*this, Name, Options), RaiiStyle(Shared.GuardStyle == "raii"),
      Catalog(RuleCatalog::forCheck(*this, Shared.RuleFiles)),
      CommitMarkersOption(
          Options.get("CommitMarkers", DefaultCommitMarkers).str()),
      RollbackMarkersOption(
          Options.get("RollbackMarkers", DefaultRollbackMarkers).str()),
      AssumeNothrow(utils::options::parseStringList(Shared.AssumeNothrow)),
      CommitMarkers(lowerList(CommitMarkersOption)),
      RollbackMarkers(lowerList(RollbackMarkersOption)),
      // A fix moves the cleanup into a guard that runs during unwinding, so
      // a callee that might throw blocks it.
      Policy(AssumeNothrow, Shared.CLinkageNothrow, Shared.UnseenMayThrow,
             Shared.AllocationMayThrow),
      Sites(Policy),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()),
      AlternativeInserter(Inserter.getStyle(), areDiagsSelfContained()),
      Runtime(*this, Name, Options), Walker(Recognizer) {}

void ManualFinallyCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Shared.storeAll(Options, Opts);
  Options.store(Opts, "CommitMarkers", CommitMarkersOption);
  Options.store(Opts, "RollbackMarkers", RollbackMarkersOption);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
  Runtime.store(Options, Opts);
}

void ManualFinallyCheck::registerPPCallbacks(const SourceManager &SM,
                                             Preprocessor *PP,
                                             Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
  AlternativeInserter.registerPreprocessor(PP);
  Runtime.setPreprocessor(PP);
}

void ManualFinallyCheck::registerMatchers(MatchFinder *Finder) {
  // Every function definition, walked top-down for the `try` statements
  // directly in a compound statement (see ExitHandlerWalker).
  Finder->addMatcher(functionDecl(isDefinition(), unless(isImplicit()),
                                  unless(isExpansionInSystemHeader()),
                                  unless(inInstantiatedContext()))
                         .bind("fn"),
                     this);
}

void ManualFinallyCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  Walker.walk(
      FD, [](const ExitHandler &) {},
      [&](const ExitHandlerWalker::TrySite &Site) {
        if (Site.Block &&
            !SM.isInSystemHeader(SM.getExpansionLoc(Site.Try->getBeginLoc())))
          checkTry(Site.Try, Site.Block, Site.Fn, Ctx);
      });
}

bool ManualFinallyCheck::isMarkedCall(
    const Stmt *S, llvm::ArrayRef<std::string> Markers) const {
  const auto *E = dyn_cast_or_null<Expr>(S);
  const auto *Call =
      E ? dyn_cast<CallExpr>(E->IgnoreParenImpCasts()) : nullptr;
  if (!Call)
    return false;
  auto Marked = [&](llvm::StringRef Text) {
    std::string Lower = Text.lower();
    return llvm::any_of(Markers, [&](const std::string &M) {
      return llvm::StringRef(Lower).contains(M);
    });
  };
  if (const FunctionDecl *FD = Call->getDirectCallee();
      FD && FD->getIdentifier() && Marked(FD->getName()))
    return true;
  // `exec(db, "COMMIT")`
  return llvm::any_of(Call->arguments(), [&](const Expr *A) {
    const auto *Lit = dyn_cast<StringLiteral>(A->IgnoreParenImpCasts());
    return Lit && Lit->isOrdinary() && Marked(Lit->getString());
  });
}

bool ManualFinallyCheck::isCommitRollback(const Stmt *Rollback,
                                          const Stmt *Commit) const {
  if (!isMarkedCall(Rollback, RollbackMarkers) ||
      !isMarkedCall(Commit, CommitMarkers))
    return false;
  const auto *R = cast<CallExpr>(cast<Expr>(Rollback)->IgnoreParenImpCasts());
  const auto *C = cast<CallExpr>(cast<Expr>(Commit)->IgnoreParenImpCasts());
  // Both act on the same transaction: the same object, or the same first
  // argument of a free function.
  const auto *RM = dyn_cast<CXXMemberCallExpr>(R);
  const auto *CM = dyn_cast<CXXMemberCallExpr>(C);
  if (RM && CM)
    return sameObject(RM->getImplicitObjectArgument(),
                      CM->getImplicitObjectArgument());
  if (RM || CM || R->getNumArgs() == 0 || C->getNumArgs() == 0)
    return false;
  return sameObject(R->getArg(0), C->getArg(0));
}

const Stmt *ManualFinallyCheck::throwSite(const Stmt *S, ASTContext &Ctx) {
  for (const ThrowSites::Site &Site : Sites.escaping(S)) {
    // A release the rules say cannot throw (`std::mutex::unlock`, which is
    // not declared `noexcept`) does not.
    const auto *E = dyn_cast<Expr>(Site.Where);
    const Release *R = E ? Catalog.in(Ctx).matchRelease(E) : nullptr;
    if (!R || R->MayThrow)
      return Site.Where;
  }
  return nullptr;
}

std::pair<const Stmt *, unsigned>
ManualFinallyCheck::fixBlocker(const CXXTryStmt *Try, const FunctionDecl *Fn,
                               llvm::ArrayRef<const Stmt *> Actions,
                               ASTContext &Ctx) {
  if (!Fn || Fn->isTemplated() || Try->getBeginLoc().isMacroID() ||
      Try->getEndLoc().isMacroID())
    return {nullptr, Silent};
  for (const Stmt *A : Actions)
    if (A->getBeginLoc().isMacroID() || A->getEndLoc().isMacroID())
      return {nullptr, Silent};
  if (const Stmt *Exit = findEarlyExit(Try->getTryBlock(), 0, 0))
    return {Exit, LeavesTry};
  for (const Stmt *A : Actions)
    if (isUnmovable(A, Ctx.getLangOpts()))
      return {A, CleanupNotMovable};
  for (const Stmt *A : Actions)
    if (const Stmt *Throws = throwSite(A, Ctx))
      return {Throws, CleanupMayThrow};
  return {nullptr, NoBlocker};
}

void ManualFinallyCheck::checkTry(const CXXTryStmt *Try,
                                  const CompoundStmt *Block,
                                  const FunctionDecl *Fn, ASTContext &Ctx) {
  if (Try->getNumHandlers() != 1 || Try->getHandler(0)->getExceptionDecl())
    return;
  bool Rethrows = false;
  llvm::SmallVector<const Stmt *, 4> Cleanup =
      handlerCleanup(Try->getHandler(0), Rethrows);
  if (!Rethrows || Cleanup.empty())
    return;

  llvm::SmallVector<const Stmt *, 4> Trailing =
      trailingCopyOf(Try, Block, Cleanup, Ctx);
  const Stmt *Commit = nullptr;
  if (Trailing.empty()) {
    llvm::SmallVector<const Stmt *, 4> After = followingStatements(Try, Block);
    if (Cleanup.size() != 1 || After.empty() ||
        !isCommitRollback(Cleanup.front(), After.front()))
      return;
    Commit = After.front();
    Trailing.push_back(Commit);
  }

  // The guards run the cleanup (the rollback) during unwinding; the commit
  // runs on the normal path only, where it may throw as before.
  llvm::SmallVector<const Stmt *, 4> Actions(Cleanup.begin(), Cleanup.end());
  auto [BlockedAt, Reason] = fixBlocker(Try, Fn, Actions, Ctx);
  if (Commit && Reason == NoBlocker && isUnmovable(Commit, Ctx.getLangOpts()))
    std::tie(BlockedAt, Reason) = std::make_pair(Commit, CleanupNotMovable);
  // A cleanup that may throw is right by hand: its exception replaces the
  // one being handled, where from a guard it would call std::terminate.
  if (Reason == CleanupMayThrow)
    return;

  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  SourceLocation Loc = SM.getExpansionLoc(Try->getTryLoc());
  const Stmt *Before = nullptr;
  for (const Stmt *S : Block->body()) {
    if (S == Try)
      break;
    Before = S;
  }
  Plan P = Commit ? planCommitRollback(Commit, Cleanup.front(), Ctx)
                  : planFinally(Cleanup, Before, Fn, Ctx);
  const auto *Body = Try->getTryBlock();
  std::string BodyIndent = lineIndent(Try->getTryLoc(), SM) + "  ";
  if (!Body->body_empty()) {
    const Stmt *First = Body->body_front();
    if (SM.getSpellingLineNumber(First->getBeginLoc()) !=
        SM.getSpellingLineNumber(Body->getLBracLoc()))
      BodyIndent = lineIndent(First->getBeginLoc(), SM);
  }
  // The `try` block's braces become a plain block that starts with the
  // guards; the handler and the copy after the `try` go.
  auto Edits = [&](llvm::ArrayRef<GuardDecl> Guards,
                   llvm::ArrayRef<FixItHint> Include) {
    std::string Text = "{";
    for (const GuardDecl &G : Guards)
      Text += "\n" + BodyIndent + G.Type + " " +
              Namer.freshName(Fn, Body, G.NameBase, Ctx) + "(" + G.Args +
              ");";
    llvm::SmallVector<FixItHint, 3> Out{
        FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(
                Try->getTryLoc(), Body->getLBracLoc().getLocWithOffset(1)),
            Text),
        FixItHint::CreateRemoval(CharSourceRange::getCharRange(
            Body->getRBracLoc().getLocWithOffset(1),
            endOfStatement(Trailing.back(), SM, LO)))};
    Out.append(Include.begin(), Include.end());
    return Out;
  };
  // The fix's header goes through the unit's include placement; the
  // alternative is only a note's, applied instead of the fix if at all.
  auto IncludeOf = [&](utils::IncludeInserter &I, llvm::StringRef Header) {
    llvm::SmallVector<FixItHint, 1> Out;
    std::optional<FixItHint> Fix =
        &I == &Inserter
            ? includeInsertion(I, SM.getFileID(Loc), Header, SM)
            : I.createIncludeInsertion(SM.getFileID(Loc), Header);
    if (Fix)
      Out.push_back(*Fix);
    return Out;
  };
  bool Fixed = Reason == NoBlocker && !P.Refusal && !P.Guards.empty();
  diag(Loc, Commit ? "hand-written commit/rollback: declare %0 before the "
                     "body instead"
                   : "hand-written finally: the cleanup in 'catch (...)' is "
                     "repeated after the 'try'; declare %0 before the body "
                     "instead")
      << P.Remedy
      << (Fixed ? Edits(P.Guards, IncludeOf(Inserter, P.Header))
                : llvm::SmallVector<FixItHint, 3>());

  static const char *const Notes[] = {
      "",
      "no fix offered: this leaves the 'try' without running the %select{"
      "cleanup|commit or the rollback}0, which a guard would run",
      "", // CleanupMayThrow: not reported
      "no fix offered: this cannot move into the guard's lambda unchanged",
  };
  if (BlockedAt && Reason != Silent)
    diag(SM.getExpansionLoc(BlockedAt->getBeginLoc()), Notes[Reason],
         DiagnosticIDs::Note)
        << (Commit != nullptr);
  else if (Reason == NoBlocker && P.Refusal)
    diag(Loc, "no fix offered: %0", DiagnosticIDs::Note) << *P.Refusal;
  if (Fixed && !P.Alternative.empty())
    diag(SM.getExpansionLoc(Commit->getBeginLoc()), P.AlternativeNote,
         DiagnosticIDs::Note)
        << Edits(P.Alternative,
                 IncludeOf(AlternativeInserter, P.AlternativeHeader));
}

ManualFinallyCheck::Plan
ManualFinallyCheck::planFinally(llvm::ArrayRef<const Stmt *> Cleanup,
                                const Stmt *Before, const FunctionDecl *Fn,
                                ASTContext &Ctx) {
  Plan P;
  std::optional<AdoptedLockGuard> Lock;
  if (Cleanup.size() == 1)
    Lock = planAdoptedLockGuard(Cleanup.front(), Before, Fn, Catalog.in(Ctx),
                                Ctx);
  // A standard lock guard in either style, where it can adopt the lock.
  if (Lock && Lock->Refusal.empty()) {
    P.Remedy = "a " + Lock->Guard;
    P.Guards.push_back({Lock->Type, Lock->NameBase, Lock->Args});
    P.Header = Lock->Header;
    return P;
  }
  if (RaiiStyle) {
    P.Remedy = "a raii::scope_exit";
    P.Header = "<raii/scope_exit.hpp>";
    P.Refusal = Runtime.unusable("raii/scope_exit.hpp", Ctx.getLangOpts());
    P.Guards.push_back({"raii::scope_exit", "guard",
                        "[&] { " +
                            joined(Cleanup, Ctx.getSourceManager(),
                                   Ctx.getLangOpts()) +
                            " }"});
    return P;
  }
  if (Lock) {
    P.Remedy = "a " + Lock->Guard;
    P.Refusal = Lock->Refusal;
    return P;
  }
  P.Remedy = "a scope guard";
  P.Refusal = "the standard library has no scope guard; RaiiGuardStyle "
              "'raii' rewrites it into a runtime guard";
  return P;
}

ManualFinallyCheck::Plan
ManualFinallyCheck::planCommitRollback(const Stmt *Commit, const Stmt *Rollback,
                                       ASTContext &Ctx) {
  Plan P;
  if (!RaiiStyle) {
    P.Remedy = "a guard that commits on success and rolls back on failure";
    P.Refusal = "the standard library has no guard that runs code only on "
                "success or only on failure; RaiiGuardStyle 'raii' rewrites "
                "it into a runtime guard";
    return P;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  std::string CommitFn = "[&] { " + statementText(Commit, SM, LO) + " }";
  std::string RollbackFn = "[&] { " + statementText(Rollback, SM, LO) + " }";
  GuardDecl Transaction{"raii::transaction", "tx",
                        CommitFn + ", " + RollbackFn};
  // raii::transaction rolls back when the commit throws, the code does not:
  // the same only for a commit that cannot throw.
  if (!throwSite(Commit, Ctx)) {
    P.Remedy = "a raii::transaction";
    P.Header = "<raii/transaction.hpp>";
    P.Guards.push_back(Transaction);
  } else {
    // scope_success first, so that a commit that throws (in its destructor,
    // after scope_fail's) does not trigger the rollback: as in the code.
    P.Remedy = "raii::scope_success and raii::scope_fail (or a "
               "raii::transaction)";
    P.Header = "<raii/scope_exit.hpp>";
    P.Guards.push_back({"raii::scope_success", "commit_guard", CommitFn});
    P.Guards.push_back({"raii::scope_fail", "rollback_guard", RollbackFn});
    if (!Runtime.unusable("raii/transaction.hpp", LO)) {
      P.Alternative.push_back(Transaction);
      P.AlternativeHeader = "<raii/transaction.hpp>";
      P.AlternativeNote = "alternative fix: a raii::transaction, which also "
                          "rolls back when this commit throws";
    }
  }
  // The header without its angle brackets.
  P.Refusal =
      Runtime.unusable(llvm::StringRef(P.Header).drop_front().drop_back(), LO);
  return P;
}

} // namespace clang::tidy::raii
