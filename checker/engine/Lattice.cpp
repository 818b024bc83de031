//===- Lattice.cpp - joining dataflow facts -------------------------------===//
#include "engine/Lattice.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::raii {

void AcqState::addCause(const SkipCause &C) {
  if (!llvm::is_contained(Causes, C))
    Causes.push_back(C);
}

State State::entry(size_t N) {
  State S;
  S.Reachable = true;
  S.Acqs.assign(N, AcqState());
  return S;
}

State State::bottom(size_t) { return State(); }

State State::nothing(size_t N) {
  State S = entry(N);
  for (AcqState &A : S.Acqs)
    A.B = 0;
  return S;
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
  bool Changed = false;
  for (size_t I = 0; I < Acqs.size(); ++I) {
    AcqState &D = Acqs[I];
    const AcqState &S = Other.Acqs[I];
    if ((D.B | S.B) != D.B || (D.Depths | S.Depths) != D.Depths) {
      D.B |= S.B;
      D.Depths |= S.Depths;
      Changed = true;
    }
    if (D.PendingOn != S.PendingOn && D.PendingOn != -1) {
      D.PendingOn = -1;
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
  }
  return Changed;
}

} // namespace clang::tidy::raii
