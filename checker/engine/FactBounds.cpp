//===- FactBounds.cpp - the bounds path facts put on a tracked integer ---===//
#include "engine/PathFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/Support/MathExtras.h"
#include <limits>

namespace clang::tidy::raii {

std::optional<bool> ConditionFacts::decideByBounds(const Leaf &L,
                                                   const FactSet &F) {
  const VarDecl *V = L.Bounded;
  int64_t Lo = std::numeric_limits<int64_t>::min();
  int64_t Hi = std::numeric_limits<int64_t>::max();
  bool Any = false;
  for (const Fact &Fa : F.facts()) {
    if (Fa.Subject == V && Fa.Kind == Fact::Equals) {
      Lo = std::max(Lo, Fa.Value);
      Hi = std::min(Hi, Fa.Value);
      Any = true;
      continue;
    }
    if (Fa.Subject == V && Fa.Kind == Fact::AtLeast) {
      Lo = std::max(Lo, Fa.Value);
      Any = true;
      continue;
    }
    if (Fa.Kind != Fact::Holds && Fa.Kind != Fact::Fails)
      continue;
    const auto *R = static_cast<const Record *>(Fa.Subject);
    if (R->BoundVar != V)
      continue;
    const bool T = Fa.Kind == Fact::Holds;
    const int64_t K = R->BoundK;
    Any = true;
    // V < K holds: V <= K - 1; fails: V >= K. K < V holds: V >= K + 1;
    // fails: V <= K.
    if (R->VarFirst == T) {
      if (T && K == std::numeric_limits<int64_t>::min())
        return std::nullopt; // no value is below: the path is dead
      Hi = std::min(Hi, T ? K - 1 : K);
    } else {
      if (T && K == std::numeric_limits<int64_t>::max())
        return std::nullopt;
      Lo = std::max(Lo, T ? K + 1 : K);
    }
  }
  if (!Any)
    return std::nullopt;
  if (const Fact *D = F.find(V); D && D->Kind == Fact::Differs) {
    if (D->Value == Lo && Lo < Hi)
      ++Lo;
    else if (D->Value == Hi && Lo < Hi)
      --Hi;
  }
  if (Lo > Hi)
    return std::nullopt; // contradictory: leave it to the other rules
  if (L.Op == BO_Comma) {
    if (Lo > 0 || Hi < 0)
      return true;
    if (Lo == 0 && Hi == 0)
      return false;
    return std::nullopt;
  }
  const bool VarFirst = L.A.Var == V;
  const int64_t K = VarFirst ? *L.B.Const : *L.A.Const;
  if (L.Op == BO_EQ) {
    if (K < Lo || K > Hi)
      return false;
    if (Lo == Hi)
      return true;
    return std::nullopt;
  }
  // V < K, or K < V.
  if (VarFirst ? Hi < K : Lo > K)
    return true;
  if (VarFirst ? Lo >= K : Hi <= K)
    return false;
  return std::nullopt;
}

/// The bound fact \p Fa puts on its record's variable: an upper bound (true)
/// or a lower one, and its value; nullopt when it is not a bound or its
/// value would overflow.
static std::optional<std::pair<bool, int64_t>>
boundOf(const Fact &Fa, const VarDecl *Var, int64_t K, bool VarFirst) {
  if (!Var || (Fa.Kind != Fact::Holds && Fa.Kind != Fact::Fails))
    return std::nullopt;
  const bool T = Fa.Kind == Fact::Holds;
  if (K == std::numeric_limits<int64_t>::min() ||
      K == std::numeric_limits<int64_t>::max())
    return std::nullopt;
  if (VarFirst) // V < K
    return std::make_pair(T, T ? K - 1 : K);
  return std::make_pair(!T, T ? K + 1 : K); // K < V
}

void ConditionFacts::addBound(const Fact &New, FactSet &F) {
  const auto *R = static_cast<const Record *>(New.Subject);
  auto NewB = boundOf(New, R->BoundVar, R->BoundK, R->VarFirst);
  if (!NewB || F.find(R))
    return add(F, New);
  // One bound per side and variable: an else-if ladder (`n < 1`, `n < 2`,
  // ...) would otherwise fill the set and push out older facts.
  bool Weaker = false;
  F.forgetIf([&](const Fact &Old) {
    if (Old.Kind != Fact::Holds && Old.Kind != Fact::Fails)
      return false;
    const auto *O = static_cast<const Record *>(Old.Subject);
    if (O->BoundVar != R->BoundVar)
      return false;
    auto OldB = boundOf(Old, O->BoundVar, O->BoundK, O->VarFirst);
    if (!OldB || OldB->first != NewB->first)
      return false;
    const bool OldStronger = NewB->first ? OldB->second <= NewB->second
                                         : OldB->second >= NewB->second;
    Weaker |= OldStronger;
    return !OldStronger;
  });
  if (!Weaker)
    add(F, New);
  // A bound that rules zero out says `v != 0` too: what survives a merge
  // with a path that knows v's value (`rc == -1` on one, `rc < 0` on the
  // other still decide `if (rc != 0)`).
  if ((NewB->first ? NewB->second < 0 : NewB->second > 0) &&
      !F.find(R->BoundVar))
    add(F, {R->BoundVar, nullptr, 0, Fact::Differs});
}

} // namespace clang::tidy::raii
