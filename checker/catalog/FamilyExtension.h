//===- FamilyExtension.h - `extends:` entries of rule files ---------------===//
//
// A rule file may add acquires, releases and transfers to a family loaded
// before it (`extends: stdio-file`) instead of defining a family of its own,
// and may replace an entry of that family by naming the same function again.
// This header holds what such an entry is, and the checks every definition
// goes through so that a function belongs to one family per role: the loader
// (RuleLoader.cpp) parses, these functions decide, the catalog applies.
// The format is documented in rules/README.md, "Extending a family".
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_CATALOG_FAMILYEXTENSION_H
#define RAII_TIDY_CATALOG_FAMILYEXTENSION_H

#include "catalog/RuleCatalog.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::raii {

/// The families a rule may refer to while a file loads: those of the files
/// loaded before it, then those defined earlier in the same file.
struct LoadedFamilies {
  llvm::ArrayRef<std::unique_ptr<Family>> Catalog;
  llvm::ArrayRef<std::unique_ptr<Family>> ThisFile;

  /// The family called \p Name, or null.
  Family *find(llvm::StringRef Name) const;
  /// The loaded name closest to \p Name (a likely typo), or empty.
  std::string closest(llvm::StringRef Name) const;
  /// The family other than \p Self whose acquire (\p Acquire) or release
  /// names exactly \p Function, or null.
  const Family *owner(llvm::StringRef Function, bool Acquire,
                      const Family *Self) const;
};

/// One `extends:` entry: the rules to add to family Target.
struct FamilyExtension {
  Family *Target = nullptr;
  std::vector<Acquire> Acquires;
  std::vector<Release> Releases;
  std::vector<Transfer> Transfers;
};

/// Adds \p X's rules to its target family. An acquire (release) naming a
/// function the family already acquires (releases) with replaces that entry;
/// a transfer already present is kept once.
void applyExtension(const FamilyExtension &X);

/// Why \p Function cannot be added as an acquire (\p Acquire) or release of
/// family \p Self: the message naming the family that already has it, or
/// nothing when it may be added.
std::optional<std::string> conflictOf(const LoadedFamilies &L,
                                      llvm::StringRef Function, bool Acquire,
                                      const Family &Self);

} // namespace clang::tidy::raii

#endif
