//===- GuardFixingCheck.cpp - base of the checks that rewrite into guards -===//
#include "GuardFixingCheck.h"
#include "fixes/CCleanupRewrite.h"
#include "support/BoolOption.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::raii {

GuardFixingCheck::GuardFixingCheck(llvm::StringRef Name,
                                   ClangTidyContext *Context)
    : ResourceCheck(Name, Context),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()),
      Runtime(*this, Name, Options),
      CCleanupAttribute(readBoolOption(
          *this, "RaiiCCleanupAttribute",
          Options.getLocalOrGlobal("RaiiCCleanupAttribute"), false)) {}

void GuardFixingCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ResourceCheck::storeOptions(Opts);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
  Options.store(Opts, "RaiiCCleanupAttribute",
                boolOptionText(CCleanupAttribute));
  Runtime.store(Options, Opts);
}

void GuardFixingCheck::registerPPCallbacks(const SourceManager &SM,
                                           Preprocessor *PP,
                                           Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
  Runtime.setPreprocessor(PP);
}

void GuardFixingCheck::onStartOfTranslationUnit() {
  ResourceCheck::onStartOfTranslationUnit();
  resetLockGuardRewrites();
}

std::optional<GuardRewrite>
GuardFixingCheck::planGuardFix(const FunctionAnalysis &FA, unsigned I,
                               std::optional<llvm::StringRef> Guard,
                               ASTContext &Ctx) {
  const Acquisition &A = FA.Acquisitions[I];
  if (!Ctx.getLangOpts().CPlusPlus)
    return planCFix(FA, I, Ctx);
  if (!A.IsLock || !Guard || !isRewritableLockGuard(*Guard))
    return std::nullopt;
  GuardRewrite Fix = planLockGuardRewrite(FA, I, *Guard, Ctx);
  if (Fix.ok())
    if (auto Include = Inserter.createIncludeInsertion(
            Ctx.getSourceManager().getFileID(A.Site->getBeginLoc()),
            *Guard == "std::shared_lock" ? "<shared_mutex>" : "<mutex>"))
      Fix.Fixes.push_back(*Include);
  return Fix;
}

std::optional<GuardRewrite>
GuardFixingCheck::planCFix(const FunctionAnalysis &FA, unsigned I,
                           ASTContext &Ctx) {
  const Acquisition &A = FA.Acquisitions[I];
  if (!CCleanupAttribute || A.IsLock)
    return std::nullopt;
  GuardRewrite Fix;
  if (auto Why = Runtime.unusable("raii/cleanup.h", Ctx.getLangOpts())) {
    Fix.Refusal = *Why;
    return Fix;
  }
  Fix = planCCleanupRewrite(FA, I, Ctx);
  if (Fix.ok())
    if (auto Include = Inserter.createIncludeInsertion(
            Ctx.getSourceManager().getFileID(A.Site->getBeginLoc()),
            "<raii/cleanup.h>"))
      Fix.Fixes.push_back(*Include);
  return Fix;
}

void GuardFixingCheck::noteRefusal(const std::optional<GuardRewrite> &Fix,
                                   const Acquisition &A,
                                   const SourceManager &SM) {
  if (Fix && !Fix->ok())
    diag(SM.getFileLoc(A.diagLoc()), "no automatic fix: %0",
         DiagnosticIDs::Note)
        << Fix->Refusal;
}

} // namespace clang::tidy::raii
