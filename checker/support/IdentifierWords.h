//===- IdentifierWords.h - the words of an identifier ---------------------===//
//
// An identifier read as words (`bb_error_msg_and_die`, `logFatal`,
// `bufferevent_setcb`): what name-based readings of functions ask of it
// (a fatal exit's last word, a registration's verb).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_IDENTIFIERWORDS_H
#define RAII_TIDY_SUPPORT_IDENTIFIERWORDS_H

#include "llvm/ADT/StringRef.h"
#include <cctype>

namespace clang::tidy::raii {

/// Calls \p Each with the words of identifier \p Name, in order, until it
/// returns true: split at `_` and where a lower-case letter or digit meets
/// an upper-case one (`logFatal`). True if one did.
template <typename Fn> bool anyWord(llvm::StringRef Name, Fn Each) {
  size_t Start = 0;
  for (size_t I = 0; I <= Name.size(); ++I) {
    const bool End = I == Name.size();
    const bool Split =
        End || Name[I] == '_' ||
        (I > Start && std::isupper(static_cast<unsigned char>(Name[I])) &&
         (std::islower(static_cast<unsigned char>(Name[I - 1])) ||
          std::isdigit(static_cast<unsigned char>(Name[I - 1]))));
    if (!Split)
      continue;
    if (I > Start && Each(Name.slice(Start, I)))
      return true;
    Start = !End && Name[I] == '_' ? I + 1 : I;
  }
  return false;
}

} // namespace clang::tidy::raii

#endif
