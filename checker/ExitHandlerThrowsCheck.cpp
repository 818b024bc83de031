//===- ExitHandlerThrowsCheck.cpp - raii-exit-handler-throws --------------===//
#include "ExitHandlerThrowsCheck.h"
#include "support/BoolOption.h"
#include "support/GuardTypes.h"
#include "support/Instantiation.h"
#include "support/UnwindingGuard.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::raii {

ExitHandlerThrowsCheck::ExitHandlerThrowsCheck(llvm::StringRef Name,
                                               ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      Shared(*this, Name, Options),
      AllowNoexceptFalse(readBoolOption(*this, "AllowNoexceptFalse",
                                        Options.get("AllowNoexceptFalse"),
                                        false)),
      TreatUnknownAsThrowing(readBoolOption(
          *this, "TreatUnknownAsThrowing",
          Options.get("TreatUnknownAsThrowing"), false)),
      AssumeNothrow(utils::options::parseStringList(Shared.AssumeNothrow)),
      Recognizer(Options),
      Policy(AssumeNothrow, Shared.CLinkageNothrow,
             TreatUnknownAsThrowing ? UnseenCalls::Throw : UnseenCalls::Nothrow,
             Shared.AllocationMayThrow),
      Sites(Policy), Walker(Recognizer) {}

void ExitHandlerThrowsCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Recognizer.storeOptions(Options, Opts);
  Shared.storeNothrow(Options, Opts);
  Options.store(Opts, "AllowNoexceptFalse", boolOptionText(AllowNoexceptFalse));
  Options.store(Opts, "TreatUnknownAsThrowing",
                boolOptionText(TreatUnknownAsThrowing));
}

void ExitHandlerThrowsCheck::registerMatchers(MatchFinder *Finder) {
  // Every function definition, walked top-down for the scope-guard callbacks
  // in it (see ExitHandlerWalker). Template patterns are analysed once; calls
  // that depend on the template arguments are not resolved there (see
  // Limitations).
  Finder->addMatcher(functionDecl(isDefinition(), unless(isImplicit()),
                                  unless(isExpansionInSystemHeader()),
                                  unless(inInstantiatedContext()))
                         .bind("fn"),
                     this);
}

void ExitHandlerThrowsCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!FD->getBody())
    return;
  if (ExitHandler Handler = Recognizer.handlerOf(FD);
      Handler && !FD->isDefaulted())
    checkHandler(Handler, Ctx);
  const SourceManager &SM = Ctx.getSourceManager();
  bool Known = Walker.walk(
      FD,
      [&](const ExitHandler &Callback) {
        if (!SM.isInSystemHeader(
                SM.getExpansionLoc(Callback.Lambda->getBeginLoc())))
          checkHandler(Callback, Ctx);
      },
      [](const ExitHandlerWalker::TrySite &) {});
  if (Known || Sites.escaping(FD->getBody()).empty())
    return;
  // A lambda outside every function body that may throw: only now ask the
  // parent map whether it is handed to a scope guard.
  ExitHandler Handler = Recognizer.enclosingHandler(FD->getBody(), Ctx);
  if (Handler.Kind == ExitHandler::GuardCallback)
    checkHandler(Handler, Ctx);
}

static unsigned kindIndex(const ExitHandler &H) {
  return H.Kind == ExitHandler::Destructor      ? 0
         : H.Kind == ExitHandler::GuardCallback ? 1
                                                : 2;
}

static const NamedDecl *ownerOf(const ExitHandler &H) {
  const auto *Owner = dyn_cast<NamedDecl>(H.Fn->getParent());
  if (const auto *Spec =
          dyn_cast_or_null<ClassTemplateSpecializationDecl>(Owner))
    return Spec->getSpecializedTemplate();
  return Owner;
}

void ExitHandlerThrowsCheck::noteHandler(const ExitHandler &Handler) {
  diag(Handler.location(),
       "%select{destructor|scope-guard callback|exit handler}0 declared here",
       DiagnosticIDs::Note)
      << kindIndex(Handler);
}

void ExitHandlerThrowsCheck::checkHandler(const ExitHandler &Handler,
                                          ASTContext &Ctx) {
  const FunctionDecl *Fn = Handler.Fn;
  if (AllowNoexceptFalse)
    if (const auto *FPT = Fn->getType()->getAs<FunctionProtoType>();
        FPT && FPT->getExceptionSpecType() == EST_NoexceptFalse)
      return; // An explicit, documented opt-out.
  const SourceManager &SM = Ctx.getSourceManager();
  unsigned Kind = kindIndex(Handler);
  const NamedDecl *Owner = ownerOf(Handler);
  // A destructor allowed to throw that throws only where no exception is
  // in flight cannot end in std::terminate (UnwindingGuard.h).
  const auto *FPT = Fn->getType()->getAs<FunctionProtoType>();
  const bool MayThrowOnPurpose =
      Handler.Kind == ExitHandler::Destructor && FPT &&
      FPT->getExceptionSpecType() == EST_NoexceptFalse;

  for (const ThrowSites::Site &Site : Sites.escaping(Fn->getBody())) {
    if (MayThrowOnPurpose && onlyWhenNotUnwinding(Fn->getBody(), Site.Where))
      continue;
    SourceLocation Loc = SM.getExpansionLoc(Site.Where->getBeginLoc());
    if (Site.Callee) {
      diag(Loc, "call to %0 may throw out of the %select{destructor of "
                "%2|scope-guard callback|exit handler of %2}1; catch the "
                "exception inside and report it")
          << Site.Callee << Kind << Owner;
    } else {
      bool Rethrow = !cast<CXXThrowExpr>(Site.Where)->getSubExpr();
      diag(Loc, "%select{'throw'|rethrow}0 lets an exception escape the "
                "%select{destructor of %2|scope-guard callback|exit handler "
                "of %2}1; report the error instead of throwing")
          << Rethrow << Kind << Owner;
    }
    noteHandler(Handler);
  }

  // `~T() try { ... } catch (...) { ... }`: reaching the end of a handler
  // rethrows.
  if (Handler.Kind != ExitHandler::Destructor)
    return;
  const auto *Try = dyn_cast<CXXTryStmt>(Fn->getBody());
  if (!Try)
    return;
  for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
    const CXXCatchStmt *Catch = Try->getHandler(I);
    if (!fallsOffEnd(Catch->getHandlerBlock()))
      continue;
    diag(SM.getExpansionLoc(Catch->getCatchLoc()),
         "handler of the function-try-block of the destructor of %0 rethrows "
         "the exception when it reaches its end; add 'return;' or move the "
         "'try' into the destructor's body")
        << Owner;
    noteHandler(Handler);
  }
}

} // namespace clang::tidy::raii
