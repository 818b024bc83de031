//===- RaiiTidyModule.cpp - the raii-module of clang-tidy checks ----------===//
//
// Registers every raii-* check. Loaded into clang-tidy with --load; all
// symbols it needs come from the host clang-tidy.
//
//===----------------------------------------------------------------------===//
#include "DoubleReleaseCheck.h"
#include "ExitHandlerThrowsCheck.h"
#include "LockAcrossSuspendCheck.h"
#include "ManualFinallyCheck.h"
#include "MismatchedReleaseCheck.h"
#include "ReacquireCheck.h"
#include "ReleaseSkippedCheck.h"
#include "SwallowedExceptionCheck.h"
#include "UnnamedGuardCheck.h"
#include "UseGuardCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "support/LlvmCompat.h"

namespace clang::tidy::raii {

class RaiiTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<DoubleReleaseCheck>("raii-double-release");
    Factories.registerCheck<ExitHandlerThrowsCheck>(
        "raii-exit-handler-throws");
    Factories.registerCheck<LockAcrossSuspendCheck>(
        "raii-lock-across-suspend");
    Factories.registerCheck<ManualFinallyCheck>("raii-manual-finally");
    Factories.registerCheck<MismatchedReleaseCheck>("raii-mismatched-release");
    Factories.registerCheck<ReacquireCheck>("raii-reacquire");
    Factories.registerCheck<ReleaseSkippedCheck>("raii-release-skipped");
    Factories.registerCheck<SwallowedExceptionCheck>(
        "raii-swallowed-exception");
    Factories.registerCheck<UnnamedGuardCheck>("raii-unnamed-guard");
    Factories.registerCheck<UseGuardCheck>("raii-use-guard");
  }
};

} // namespace clang::tidy::raii

namespace clang::tidy {
static ClangTidyModuleRegistry::Add<raii::RaiiTidyModule>
    RaiiModuleRegistration("raii-module",
                           "Checks for resources acquired and released by "
                           "hand, and exit handlers that misbehave.");
} // namespace clang::tidy
