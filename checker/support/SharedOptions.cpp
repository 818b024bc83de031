//===- SharedOptions.cpp - reading and storing the shared options ---------===//
#include "support/SharedOptions.h"
#include "support/BoolOption.h"

namespace clang::tidy::raii {

static llvm::StringRef unseenText(UnseenCalls U) {
  switch (U) {
  case UnseenCalls::Throw:
    return "true";
  case UnseenCalls::Nothrow:
    return "false";
  case UnseenCalls::AsProjectDoes:
    break;
  }
  return "auto";
}

SharedOptions::SharedOptions(const ClangTidyCheck &Check,
                             llvm::StringRef CheckName,
                             const ClangTidyCheck::OptionsView &Options)
    : RuleFiles(Options.getLocalOrGlobal("RaiiRuleFiles", "").str()),
      AssumeNothrow(Options.getLocalOrGlobal("RaiiAssumeNothrow", "").str()),
      GuardStyle(Options.getLocalOrGlobal("RaiiGuardStyle", "std").str()),
      CLinkageNothrow(readBoolOption(
          Check, "RaiiCLinkageNothrow",
          Options.getLocalOrGlobal("RaiiCLinkageNothrow"), true)),
      AllocationMayThrow(readBoolOption(
          Check, "RaiiAllocationMayThrow",
          Options.getLocalOrGlobal("RaiiAllocationMayThrow"), false)) {
  if (GuardStyle != "std" && GuardStyle != "raii") {
    Check.configurationDiag("invalid configuration value '%0' for option "
                            "'%1.RaiiGuardStyle'; expected 'std' or 'raii'")
        << GuardStyle << CheckName;
    GuardStyle = "std";
  }
  std::optional<llvm::StringRef> Unseen =
      Options.getLocalOrGlobal("RaiiUnseenCallsMayThrow");
  if (Unseen && !Unseen->trim().equals_insensitive("auto")) {
    if (std::optional<bool> B = parseBoolText(*Unseen))
      UnseenMayThrow = *B ? UnseenCalls::Throw : UnseenCalls::Nothrow;
    else
      Check.configurationDiag(
          "invalid configuration value '%0' for option "
          "'%1.RaiiUnseenCallsMayThrow'; expected 'auto', 'true' or 'false'")
          << *Unseen << CheckName;
  }
}

void SharedOptions::storeNothrow(const ClangTidyCheck::OptionsView &Options,
                                 ClangTidyOptions::OptionMap &Map) const {
  Options.store(Map, "RaiiAssumeNothrow", AssumeNothrow);
  Options.store(Map, "RaiiCLinkageNothrow", boolOptionText(CLinkageNothrow));
  Options.store(Map, "RaiiAllocationMayThrow",
                boolOptionText(AllocationMayThrow));
}

void SharedOptions::storeRuleFiles(const ClangTidyCheck::OptionsView &Options,
                                   ClangTidyOptions::OptionMap &Map) const {
  Options.store(Map, "RaiiRuleFiles", RuleFiles);
}

void SharedOptions::storeAll(const ClangTidyCheck::OptionsView &Options,
                             ClangTidyOptions::OptionMap &Map) const {
  storeRuleFiles(Options, Map);
  storeNothrow(Options, Map);
  Options.store(Map, "RaiiUnseenCallsMayThrow", unseenText(UnseenMayThrow));
  Options.store(Map, "RaiiGuardStyle", GuardStyle);
}

} // namespace clang::tidy::raii
