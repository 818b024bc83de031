//===- FactSet.cpp - the facts one path keeps -----------------------------===//
//
// FactSet of PathFacts.h: a few facts per path, the oldest dropped past
// the cap, and the meet of two paths' facts where they join.
//
//===----------------------------------------------------------------------===//
#include "engine/PathFacts.h"

namespace clang::tidy::raii {

const Fact *FactSet::find(const void *Subject) const {
  for (const Fact &F : Facts)
    if (F.Subject == Subject)
      return &F;
  return nullptr;
}

void FactSet::add(const Fact &F) {
  // A subject learnt again is as near as the newest: it goes last.
  for (auto It = Facts.begin(); It != Facts.end(); ++It)
    if (It->Subject == F.Subject) {
      Facts.erase(It);
      Facts.push_back(F);
      return;
    }
  if (Facts.size() == Cap)
    Facts.erase(Facts.begin());
  Facts.push_back(F);
}

bool FactSet::intersect(const FactSet &O) {
  bool Changed = false;
  llvm::erase_if(Facts, [&](Fact &F) {
    const Fact *G = O.find(F.Subject);
    if (G && *G == F)
      return false;
    // What both say of a variable: `x == -1` on one path and `x != 0` on
    // the other still say `x != 0`.
    if (G && Fact::saysDiffers(G->Kind) && Fact::saysEqual(F.Kind) &&
        F.Value != G->Value) {
      F = *G;
      Changed = true;
      return false;
    }
    if (G && Fact::saysDiffers(F.Kind) && Fact::saysEqual(G->Kind) &&
        F.Value != G->Value)
      return false;
    // What both say of an expression: one of two values, or a value both
    // rule out (`(m & S_IFMT) == S_IFREG` on one path, `== S_IFDIR` on the
    // other: either, and not S_IFLNK).
    if (G && F.givesValues() && G->givesValues()) {
      llvm::SmallVector<int64_t, 4> Vals;
      for (const Fact *X : {static_cast<const Fact *>(&F), G})
        for (int64_t V : {X->Value, X->Kind == Fact::ExprOneOf ? X->Value2
                                                               : X->Value})
          if (!llvm::is_contained(Vals, V))
            Vals.push_back(V);
      if (Vals.size() > 2)
        return true;
      F = Vals.size() == 1
              ? Fact{F.Subject, nullptr, Vals[0], Fact::ExprEquals}
              : Fact{F.Subject, nullptr, Vals[0], Fact::ExprOneOf, Vals[1]};
      Changed = true;
      return false;
    }
    if (G && G->Kind == Fact::ExprDiffers && F.Kind == Fact::ExprOneOf &&
        !F.mayBe(G->Value)) {
      F = *G;
      Changed = true;
      return false;
    }
    if (G && F.Kind == Fact::ExprDiffers && G->Kind == Fact::ExprOneOf &&
        !G->mayBe(F.Value))
      return false;
    // A lower bound both have: `n == 1` and `n == 2` (a counter's value
    // after one round and two) give `n >= 1`.
    auto Low = [](const Fact &X) -> std::optional<int64_t> {
      if (X.Kind == Fact::Equals || X.Kind == Fact::AtLeast)
        return X.Value;
      return std::nullopt;
    };
    if (G && Low(F) && Low(*G)) {
      F = Fact{F.Subject, nullptr, std::min(*Low(F), *Low(*G)),
               Fact::AtLeast};
      Changed = true;
      return false;
    }
    // `n >= 1` and `n != 0`, either way round: `n != 0`.
    if (G && F.Kind == Fact::AtLeast && G->Kind == Fact::Differs &&
        G->Value < F.Value) {
      F = *G;
      Changed = true;
      return false;
    }
    if (G && F.Kind == Fact::Differs && G->Kind == Fact::AtLeast &&
        F.Value < G->Value)
      return false;
    Changed = true;
    return true;
  });
  return Changed;
}

} // namespace clang::tidy::raii
