//===- Lattice.cpp - joining dataflow facts -------------------------------===//
#include "engine/Lattice.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::raii {

void AcqState::addCause(const SkipCause &C) {
  if (!llvm::is_contained(Causes, C))
    Causes.push_back(C);
}

bool untouched(const AcqState &A) {
  return A.B == AcqState::NotYet && !A.held() && A.PendingOn == -1 &&
         A.OwnedBy == -1 &&
         A.DeeperOn == -1 && !A.ResultStale && !A.TakerTests &&
         A.Causes.empty() &&
         !A.LastRelease && !A.TakenBy && !A.KeptBy;
}

namespace {
const AcqState Untouched;

bool lessIndex(const State::Entry &E, unsigned I) { return E.first < I; }

/// Joins \p S into \p D; true if \p D changed.
bool joinInto(AcqState &D, const AcqState &S) {
  bool Changed = false;
  if ((D.B | S.B) != D.B || (D.Depths | S.Depths) != D.Depths) {
    D.B |= S.B;
    D.Depths |= S.Depths;
    Changed = true;
  }
  if (D.PendingOn != S.PendingOn && D.PendingOn != -1) {
    D.PendingOn = -1;
    Changed = true;
  }
  if (D.OwnedBy != S.OwnedBy && D.OwnedBy != -1) {
    D.OwnedBy = -1;
    Changed = true;
  }
  if (D.DeeperOn != S.DeeperOn && D.DeeperOn != -1) {
    D.DeeperOn = -1;
    Changed = true;
  }
  if (S.ResultStale && !D.ResultStale) {
    D.ResultStale = true;
    Changed = true;
  }
  if ((D.TakerTests | S.TakerTests) != D.TakerTests) {
    D.TakerTests |= S.TakerTests;
    Changed = true;
  }
  for (const SkipCause &C : S.Causes)
    if (!llvm::is_contained(D.Causes, C)) {
      D.Causes.push_back(C);
      Changed = true;
    }
  if (!D.LastRelease && S.LastRelease) {
    D.LastRelease = S.LastRelease;
    Changed = true;
  }
  if (!D.KeptBy && S.KeptBy) {
    D.KeptBy = S.KeptBy;
    Changed = true;
  }
  if (!D.TakenBy && S.TakenBy) {
    D.TakenBy = S.TakenBy;
    Changed = true;
  }
  return Changed;
}
} // namespace

State State::entry(size_t N) {
  State S;
  S.Reachable = true;
  S.N = unsigned(N);
  return S;
}

State State::bottom(size_t N) {
  State S;
  S.N = unsigned(N);
  return S;
}

State State::nothing(size_t N) {
  State S = entry(N);
  S.Entries.reserve(N);
  for (unsigned I = 0; I < N; ++I) {
    S.Entries.emplace_back(I, AcqState());
    S.Entries.back().second.B = 0;
  }
  return S;
}

const AcqState &State::operator[](unsigned I) const {
  auto It = llvm::lower_bound(Entries, I, lessIndex);
  return It != Entries.end() && It->first == I ? It->second : Untouched;
}

AcqState &State::at(unsigned I) {
  auto It = llvm::lower_bound(Entries, I, lessIndex);
  if (It == Entries.end() || It->first != I)
    It = Entries.insert(It, Entry(I, AcqState()));
  return It->second;
}

void State::compact() {
  llvm::erase_if(Entries, [](const Entry &E) { return untouched(E.second); });
}

bool State::agrees(
    const State &Other,
    llvm::function_ref<bool(unsigned, const AcqState &, const AcqState &)>
        Same) const {
  llvm::ArrayRef<Entry> X = Entries, Y = Other.Entries;
  while (!X.empty() || !Y.empty()) {
    if (!Y.empty() && (X.empty() || Y.front().first < X.front().first)) {
      if (!Same(Y.front().first, Untouched, Y.front().second))
        return false;
      Y = Y.drop_front();
    } else if (Y.empty() || X.front().first < Y.front().first) {
      if (!Same(X.front().first, X.front().second, Untouched))
        return false;
      X = X.drop_front();
    } else {
      if (!Same(X.front().first, X.front().second, Y.front().second))
        return false;
      X = X.drop_front();
      Y = Y.drop_front();
    }
  }
  return true;
}

void State::take(unsigned I, const State &Other) {
  if (!Other.Reachable)
    at(I) = AcqState();
  else
    at(I) = Other[I];
  Reachable |= Other.Reachable;
}

bool State::join(State &&Other) {
  if (Other.Reachable && !Reachable) {
    *this = std::move(Other);
    return true;
  }
  return join(static_cast<const State &>(Other));
}

bool State::join(const State &Other) {
  if (!Other.Reachable)
    return false;
  if (!Reachable) {
    *this = Other;
    return true;
  }
  // An acquisition stored on one side only is untouched on the other.
  bool Changed = false;
  bool Missing = false;
  auto D = Entries.begin();
  for (const Entry &S : Other.Entries) {
    while (D != Entries.end() && D->first < S.first)
      Changed |= joinInto((D++)->second, Untouched);
    if (D != Entries.end() && D->first == S.first)
      Changed |= joinInto((D++)->second, S.second);
    else if (!untouched(S.second))
      Missing = true;
  }
  for (; D != Entries.end(); ++D)
    Changed |= joinInto(D->second, Untouched);
  if (!Missing)
    return Changed;
  // Untouched here, touched there: stored from now on.
  llvm::SmallVector<Entry, 2> Merged;
  Merged.reserve(Entries.size() + Other.Entries.size());
  auto Mine = Entries.begin();
  for (const Entry &S : Other.Entries) {
    while (Mine != Entries.end() && Mine->first < S.first)
      Merged.push_back(std::move(*Mine++));
    if (Mine != Entries.end() && Mine->first == S.first) {
      Merged.push_back(std::move(*Mine++));
    } else if (AcqState A; joinInto(A, S.second)) {
      Merged.emplace_back(S.first, std::move(A));
      Changed = true;
    }
  }
  for (; Mine != Entries.end(); ++Mine)
    Merged.push_back(std::move(*Mine));
  Entries = std::move(Merged);
  return Changed;
}

} // namespace clang::tidy::raii
