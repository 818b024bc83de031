//===- RuleFileNames.cpp - the names a rule file mentions ------------------===//
#include "catalog/RuleFileNames.h"
#include "catalog/RuleCatalog.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::raii {

/// The scalar value that starts at \p Rest: quoted, or plain up to a flow
/// separator, a comment or the end of the line.
static llvm::StringRef valueAt(llvm::StringRef Rest) {
  Rest = Rest.ltrim(" \t");
  if (!Rest.empty() && (Rest.front() == '"' || Rest.front() == '\'')) {
    char Q = Rest.front();
    size_t End = Rest.find(Q, 1);
    return Rest.substr(1, End == llvm::StringRef::npos ? End : End - 1);
  }
  return Rest.take_until([](char C) {
               return C == ',' || C == '}' || C == '#' || C == '\n' ||
                      C == '\r';
             })
      .rtrim(" \t");
}

RuleFileNames scanRuleFileNames(llvm::StringRef Text) {
  RuleFileNames Out;
  struct Key {
    llvm::StringRef Spelling;
    std::vector<std::string> *Into;
    bool Last;
  } Keys[] = {{"function:", &Out.Functions, true},
              {"name:", &Out.Defines, false},
              {"extends:", &Out.Extends, false}};
  for (const Key &K : Keys) {
    for (size_t Pos = Text.find(K.Spelling); Pos != llvm::StringRef::npos;
         Pos = Text.find(K.Spelling, Pos + 1)) {
      // A key of its own: after a line start, a space, `{`, `,` or `-`.
      if (Pos > 0 && !llvm::StringRef(" \t{,-\n").contains(Text[Pos - 1]))
        continue;
      llvm::StringRef V = valueAt(Text.substr(Pos + K.Spelling.size()));
      if (V.empty())
        continue;
      K.Into->push_back((K.Last ? lastComponent(V) : V).str());
    }
  }
  return Out;
}

} // namespace clang::tidy::raii
