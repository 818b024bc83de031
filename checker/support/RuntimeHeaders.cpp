//===- RuntimeHeaders.cpp - can a fix use the raii runtime here? ----------===//
#include "support/RuntimeHeaders.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/Preprocessor.h"

namespace clang::tidy::raii {

static const char *const ModeNames[] = {"auto", "always", "never"};

RuntimeHeaders::RuntimeHeaders(const ClangTidyCheck &Check,
                               llvm::StringRef CheckName,
                               const ClangTidyCheck::OptionsView &Options) {
  llvm::StringRef Value = Options.getLocalOrGlobal("RaiiUseRuntime", "auto");
  auto It = llvm::find(ModeNames, Value);
  if (It == std::end(ModeNames)) {
    Check.configurationDiag("invalid configuration value '%0' for option "
                            "'%1.RaiiUseRuntime'; expected 'auto', 'always' "
                            "or 'never'")
        << Value << CheckName;
    return;
  }
  Mode = ModeT(It - std::begin(ModeNames));
}

void RuntimeHeaders::store(const ClangTidyCheck::OptionsView &Options,
                           ClangTidyOptions::OptionMap &Map) const {
  Options.store(Map, "RaiiUseRuntime", ModeNames[Mode]);
}

std::optional<std::string> RuntimeHeaders::unusable(llvm::StringRef Header,
                                                    const LangOptions &LO) {
  if (Mode == Never)
    return std::string("RaiiUseRuntime is 'never'");
  // The C header (<raii/cleanup.h>) needs C99 or GNU C (`inline`, the
  // cleanup attribute); the rest C++17. The translation unit shows its
  // language, so `always` does not skip this.
  if (!Header.ends_with(".h") && !LO.CPlusPlus17)
    return "the raii runtime needs C++17";
  if (Header.ends_with(".h") && !LO.CPlusPlus && !LO.C99 && !LO.GNUMode)
    return "<" + Header.str() + "> needs C99 or GNU C";
  if (Mode == Always)
    return std::nullopt;
  auto [It, New] = Found.try_emplace(Header, false);
  if (New && PP)
    // The include path as the header search sees it (the preprocessor's
    // own LookupFile needs a file being lexed; at the end of the TU there
    // is none).
    It->second = PP->getHeaderSearchInfo()
                     .LookupFile(Header, SourceLocation(), /*isAngled=*/true,
                                 /*FromDir=*/nullptr, /*CurDir=*/nullptr,
                                 /*Includers=*/{}, /*SearchPath=*/nullptr,
                                 /*RelativePath=*/nullptr,
                                 /*RequestingModule=*/nullptr,
                                 /*SuggestedModule=*/nullptr,
                                 /*IsMapped=*/nullptr,
                                 /*IsFrameworkFound=*/nullptr)
                     .has_value();
  if (!It->second)
    return "<" + Header.str() + "> is not on the include path";
  return std::nullopt;
}

} // namespace clang::tidy::raii
