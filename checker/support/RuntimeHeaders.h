//===- RuntimeHeaders.h - can a fix use the raii runtime here? ------------===//
//
// A fix that declares one of the runtime's guards (`raii::scope_exit`, ...)
// includes its header. It is offered only where the translation unit can
// compile the result: the header is found on the include path and the
// language is C++17 or later (what the C++ runtime needs; the C header
// `raii/cleanup.h` needs only the GNU `cleanup` attribute). Option
// `RaiiUseRuntime` (read with getLocalOrGlobal): `auto` (default: decide
// so), `always` (the build finds the headers in a way this TU does not
// show: the include path is not looked at, the language still is),
// `never`.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_RUNTIMEHEADERS_H
#define RAII_TIDY_SUPPORT_RUNTIMEHEADERS_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>

namespace clang {
class Preprocessor;
} // namespace clang

namespace clang::tidy::raii {

class RuntimeHeaders {
public:
  enum ModeT { Auto, Always, Never };

  /// Reads RaiiUseRuntime; an invalid value is a configuration error of
  /// \p Check and means `auto`.
  RuntimeHeaders(const ClangTidyCheck &Check, llvm::StringRef CheckName,
                 const ClangTidyCheck::OptionsView &Options);
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Map) const;
  /// The preprocessor of the translation unit being checked.
  void setPreprocessor(Preprocessor *P) {
    PP = P;
    Found.clear();
  }
  /// Why a fix may not include runtime header \p Header
  /// (`raii/scope_exit.hpp`) in this translation unit; nullopt if it may.
  std::optional<std::string> unusable(llvm::StringRef Header,
                                      const LangOptions &LO);

private:
  ModeT Mode = Auto;
  Preprocessor *PP = nullptr;
  llvm::StringMap<bool> Found;
};

} // namespace clang::tidy::raii

#endif
