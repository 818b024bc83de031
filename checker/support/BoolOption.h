//===- BoolOption.h - reading boolean check options -----------------------===//
//
// The host's OptionsView::get<bool> is an explicit specialization exported by
// the clang-tidy binary under Clang's mangling of its enable_if return type;
// a plugin built with GCC mangles that name differently and cannot bind to it.
// This reader parses the text itself and, like the host, reports a value that
// is not a boolean as a configuration error naming the option.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_BOOLOPTION_H
#define RAII_TIDY_SUPPORT_BOOLOPTION_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::raii {

/// \p Text as a boolean (`true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`,
/// any case, blanks around it ignored); nullopt if it is none of them.
std::optional<bool> parseBoolText(llvm::StringRef Text);

/// The value of boolean option \p Name of \p Check (`true`/`false`, `1`/`0`,
/// `yes`/`no`, `on`/`off`, any case), or \p Default when it is unset or
/// invalid; an invalid value is reported through configurationDiag.
/// \p Value is what `Options.get(Name)` (or `getLocalOrGlobal`) returned.
bool readBoolOption(const ClangTidyCheck &Check, llvm::StringRef Name,
                    std::optional<llvm::StringRef> Value, bool Default);

inline llvm::StringRef boolOptionText(bool Value) {
  return Value ? "true" : "false";
}

} // namespace clang::tidy::raii

#endif
