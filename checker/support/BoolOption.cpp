//===- BoolOption.cpp -----------------------------------------------------===//
#include "support/BoolOption.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::raii {

std::optional<bool> parseBoolText(llvm::StringRef Text) {
  return llvm::StringSwitch<std::optional<bool>>(Text.trim().lower())
      // One Case each: LLVM 22 deprecates the variadic Cases that 19
      // needs (support/LlvmCompat.h).
      .Case("true", true).Case("1", true).Case("yes", true).Case("on", true)
      .Case("false", false).Case("0", false).Case("no", false)
      .Case("off", false)
      .Default(std::nullopt);
}

bool readBoolOption(const ClangTidyCheck &Check, llvm::StringRef Name,
                    std::optional<llvm::StringRef> Value, bool Default) {
  if (!Value)
    return Default;
  if (std::optional<bool> Parsed = parseBoolText(*Value))
    return *Parsed;
  // getID() is public through the MatchCallback base: the check's name.
  llvm::StringRef CheckName =
      static_cast<const ast_matchers::MatchFinder::MatchCallback &>(Check)
          .getID();
  Check.configurationDiag("invalid configuration value '%0' for option "
                          "'%1.%2'; expected a boolean (true or false)")
      << *Value << CheckName << Name;
  return Default;
}

} // namespace clang::tidy::raii
