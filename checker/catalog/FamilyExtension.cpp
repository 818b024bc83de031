//===- FamilyExtension.cpp - resolving and applying `extends:` entries ----===//
#include "catalog/FamilyExtension.h"

namespace clang::tidy::raii {

Family *LoadedFamilies::find(llvm::StringRef Name) const {
  for (auto List : {Catalog, ThisFile})
    for (const auto &F : List)
      if (F->Name == Name)
        return F.get();
  return nullptr;
}

std::string LoadedFamilies::closest(llvm::StringRef Name) const {
  const unsigned MaxEdits = 2; // more than this is not a typo
  std::string Best;
  unsigned BestDistance = MaxEdits + 1;
  for (auto List : {Catalog, ThisFile})
    for (const auto &F : List) {
      unsigned D = llvm::StringRef(F->Name).edit_distance(
          Name, /*AllowReplacements=*/true, MaxEdits);
      if (D < BestDistance) {
        BestDistance = D;
        Best = F->Name;
      }
    }
  return Best;
}

const Family *LoadedFamilies::owner(llvm::StringRef Function, bool Acquire,
                                    const Family *Self) const {
  for (auto List : {Catalog, ThisFile})
    for (const auto &F : List) {
      if (F.get() == Self)
        continue;
      if (Acquire ? llvm::any_of(F->Acquires,
                                 [&](const raii::Acquire &A) {
                                   return A.Function == Function;
                                 })
                  : llvm::any_of(F->Releases, [&](const Release &R) {
                      return R.Function == Function;
                    }))
        return F.get();
    }
  return nullptr;
}

std::optional<std::string> conflictOf(const LoadedFamilies &L,
                                      llvm::StringRef Function, bool Acquire,
                                      const Family &Self) {
  const Family *O = L.owner(Function, Acquire, &Self);
  if (!O)
    return std::nullopt;
  return "'" + Function.str() + "' is already " +
         (Acquire ? "an acquire" : "a release") + " of family '" + O->Name +
         "' (" + O->File + ":" + std::to_string(O->Line) +
         "); to add to that family, use 'extends: " + O->Name + "'";
}

namespace {
template <typename Rule, typename SameT>
void addOrReplace(std::vector<Rule> &Into, const Rule &New, SameT Same) {
  for (Rule &Old : Into)
    if (Same(Old, New)) {
      Old = New;
      return;
    }
  Into.push_back(New);
}
} // namespace

void applyExtension(const FamilyExtension &X) {
  Family &T = *X.Target;
  for (const Acquire &A : X.Acquires)
    addOrReplace(T.Acquires, A, [](const Acquire &Old, const Acquire &New) {
      return Old.Function == New.Function;
    });
  for (const Release &R : X.Releases)
    addOrReplace(T.Releases, R, [](const Release &Old, const Release &New) {
      return Old.Function == New.Function;
    });
  for (const Transfer &Tr : X.Transfers)
    addOrReplace(T.Transfers, Tr, [](const Transfer &Old, const Transfer &New) {
      return Old.Function == New.Function && Old.Arg == New.Arg &&
             Old.When == New.When;
    });
  for (Acquire &A : T.Acquires)
    A.Fam = &T;
  for (Release &R : T.Releases)
    R.Fam = &T;
}

} // namespace clang::tidy::raii
