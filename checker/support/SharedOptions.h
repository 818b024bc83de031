//===- SharedOptions.h - the options every raii-* check shares ------------===//
//
// One global `CheckOptions` entry serves every check; a `raii-<check>.X`
// entry overrides it (getLocalOrGlobal). Read once per check here and written
// back by storeOptions, so `--dump-config` shows them:
//
//   RaiiRuleFiles        `;`-separated extra rule files
//   RaiiAssumeNothrow    functions assumed not to throw
//   RaiiCLinkageNothrow  C-linkage functions with no body in the
//                        translation unit never throw (default true)
//   RaiiAllocationMayThrow  a failed allocation throws (default false)
//   RaiiUnseenCallsMayThrow  a function with no body in the translation
//                        unit may throw: `true`, `false` or `auto` (the
//                        default: as the project's own code shows)
//   RaiiGuardStyle       `std` or `raii`: the guards messages and fixes name
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_SHAREDOPTIONS_H
#define RAII_TIDY_SUPPORT_SHAREDOPTIONS_H

#include "support/NothrowPolicy.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <string>

namespace clang::tidy::raii {

struct SharedOptions {
  std::string RuleFiles;
  std::string AssumeNothrow;
  std::string GuardStyle;
  bool CLinkageNothrow = true;
  bool AllocationMayThrow = false;
  UnseenCalls UnseenMayThrow = UnseenCalls::AsProjectDoes;

  /// Reads the options through \p Options; invalid values are reported as
  /// configuration errors of \p Check and replaced by their defaults.
  SharedOptions(const ClangTidyCheck &Check, llvm::StringRef CheckName,
                const ClangTidyCheck::OptionsView &Options);

  /// Stores the options that decide what may throw (checks that only ask
  /// that question and say themselves whether unseen functions throw).
  void storeNothrow(const ClangTidyCheck::OptionsView &Options,
                    ClangTidyOptions::OptionMap &Map) const;
  /// Stores the rule files option (checks that only read the catalog).
  void storeRuleFiles(const ClangTidyCheck::OptionsView &Options,
                      ClangTidyOptions::OptionMap &Map) const;
  /// Stores every shared option.
  void storeAll(const ClangTidyCheck::OptionsView &Options,
                ClangTidyOptions::OptionMap &Map) const;
};

} // namespace clang::tidy::raii

#endif
