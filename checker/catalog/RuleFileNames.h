//===- RuleFileNames.h - the names a rule file mentions, without parsing it ===//
//
// Parsing every built-in rule file costs more than the analysis of many
// translation units, and most translation units can call the functions of a
// few files only (no glib or Win32 call in a program that includes neither).
// This reads, with a plain text scan, what decides whether a file is needed:
// the last component of every `function:` value (acquires, releases,
// transfers, extensions alike), the families it defines (`name:`) and the
// families it extends (`extends:`). The scan over-approximates: a word it
// takes for a name that is none only makes a file load when it need not.
// RuleCatalog checks each file it loads against the scan and loads every
// built-in file when the scan missed a name.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_CATALOG_RULEFILENAMES_H
#define RAII_TIDY_CATALOG_RULEFILENAMES_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::raii {

struct RuleFileNames {
  /// Last components of the functions the file names (`lock` for
  /// `std::mutex::lock`, `new[]`).
  std::vector<std::string> Functions;
  std::vector<std::string> Defines; ///< family names it defines
  std::vector<std::string> Extends; ///< family names it extends
};

/// Scans the text of one rule file.
RuleFileNames scanRuleFileNames(llvm::StringRef Text);

} // namespace clang::tidy::raii

#endif
