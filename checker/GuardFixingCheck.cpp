//===- GuardFixingCheck.cpp - base of the checks that rewrite into guards -===//
#include "GuardFixingCheck.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::raii {

GuardFixingCheck::GuardFixingCheck(llvm::StringRef Name,
                                   ClangTidyContext *Context)
    : ResourceCheck(Name, Context),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void GuardFixingCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ResourceCheck::storeOptions(Opts);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void GuardFixingCheck::registerPPCallbacks(const SourceManager &SM,
                                           Preprocessor *PP,
                                           Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
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

void GuardFixingCheck::noteRefusal(const std::optional<GuardRewrite> &Fix,
                                   const Acquisition &A,
                                   const SourceManager &SM) {
  if (Fix && !Fix->ok())
    diag(SM.getFileLoc(A.diagLoc()), "no automatic fix: %0",
         DiagnosticIDs::Note)
        << Fix->Refusal;
}

} // namespace clang::tidy::raii
