//===- BuiltinRules.cpp - the rule files compiled into the plugin ---------===//
//
// Loading them all up front, or only those a translation unit can call (see
// RuleFileNames.h for why and how that is decided).
//
//===----------------------------------------------------------------------===//
#include "catalog/RuleCatalog.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/IdentifierTable.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::raii {

void RuleCatalog::addBuiltins() {
  addBuiltinsOnDemand();
  for (size_t I = 0; I < OnDemand.size(); ++I)
    loadOnDemand(I);
}

void RuleCatalog::addBuiltinsOnDemand() {
#define RAII_RULE_FILE(Name, Text)                                             \
  OnDemand.push_back({"<builtin>/" Name, Text, scanRuleFileNames(Text)});
#include "EmbeddedRules.inc"
#undef RAII_RULE_FILE
  // A file extends families of the files loaded before it: each goes after
  // the files defining what it extends (otherwise in name order).
  std::vector<OnDemandFile> Ordered;
  Ordered.reserve(OnDemand.size());
  auto DefinedBefore = [&](const std::string &Fam) {
    return llvm::any_of(Ordered, [&](const OnDemandFile &F) {
      return llvm::is_contained(F.Names.Defines, Fam);
    });
  };
  while (!OnDemand.empty()) {
    auto Next = llvm::find_if(OnDemand, [&](const OnDemandFile &F) {
      return llvm::all_of(F.Names.Extends, [&](const std::string &X) {
        return llvm::is_contained(F.Names.Defines, X) || DefinedBefore(X);
      });
    });
    // A family no file defines: its error names it, wherever it loads.
    if (Next == OnDemand.end())
      Next = OnDemand.begin();
    Ordered.push_back(std::move(*Next));
    OnDemand.erase(Next);
  }
  OnDemand = std::move(Ordered);
  OnDemandLeft = OnDemand.size();
}

bool RuleCatalog::loadOnDemand(size_t I) {
  OnDemandFile &F = OnDemand[I];
  if (F.Loaded)
    return true;
  F.Loaded = true;
  --OnDemandLeft;
  addFile(F.Name, F.Text);
  llvm::StringSet<> Seen;
  for (const std::string &N : F.Names.Functions)
    Seen.insert(N);
  auto Missed = [&](const std::string &Fn) {
    return !Seen.contains(lastComponent(Fn));
  };
  for (const auto &Fam : Families) {
    if (Fam->File != F.Name)
      continue;
    for (const Acquire &A : Fam->Acquires)
      if (Missed(A.Function))
        return false;
    for (const Release &R : Fam->Releases)
      if (Missed(R.Function))
        return false;
    for (const Transfer &T : Fam->Transfers)
      if (Missed(T.Function))
        return false;
  }
  return true;
}

/// Whether a call to a function named \p Name can appear in a translation
/// unit whose identifiers are \p Ids. Names that are no identifier (`new[]`)
/// always can.
static bool mayBeCalled(llvm::StringRef Name, const IdentifierTable &Ids) {
  return !isValidAsciiIdentifier(Name) || Ids.find(Name) != Ids.end();
}

void RuleCatalog::require(const IdentifierTable &Ids) const {
  std::lock_guard<std::mutex> Lock(OnDemandMu);
  if (OnDemandLeft == 0)
    return;
  auto &Self = const_cast<RuleCatalog &>(*this);
  // Identifiers of a precompiled header or module arrive on lookup only.
  bool Unknown = Ids.getExternalIdentifierLookup() != nullptr;
  std::vector<bool> Need(OnDemand.size());
  for (size_t I = 0; I < OnDemand.size(); ++I)
    Need[I] = !OnDemand[I].Loaded &&
              (Unknown ||
               llvm::any_of(OnDemand[I].Names.Functions,
                            [&](const std::string &N) {
                              return mayBeCalled(N, Ids);
                            }));
  // A file extends families of files loaded before it: needed too. One
  // pass from the last file back reaches the files those extend in turn.
  for (size_t I = OnDemand.size(); I-- > 0;) {
    if (!Need[I])
      continue;
    for (const std::string &X : OnDemand[I].Names.Extends)
      for (size_t J = 0; J < I; ++J)
        if (!OnDemand[J].Loaded &&
            llvm::is_contained(OnDemand[J].Names.Defines, X))
          Need[J] = true;
  }
  for (size_t I = 0; I < OnDemand.size(); ++I)
    if (Need[I] && !Self.loadOnDemand(I)) {
      for (size_t J = 0; J < OnDemand.size(); ++J)
        Self.loadOnDemand(J);
      return;
    }
}

} // namespace clang::tidy::raii
