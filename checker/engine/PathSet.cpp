//===- PathSet.cpp - the paths that reach one program point ---------------===//
#include "engine/PathSet.h"

namespace clang::tidy::raii {

namespace {

/// Which edges of a taking call's tests a path took is part of its state:
/// a release after a flag set on the failure edge (`if (!e) rc = -1; ..
/// if (rc) free(p);`) is a release where the call failed only if the
/// success path is kept apart from it.
bool sameResource(const AcqState &X, const AcqState &Y) {
  return X.B == Y.B && X.Depths == Y.Depths && X.PendingOn == Y.PendingOn &&
         X.DeeperOn == Y.DeeperOn && X.TakerTests == Y.TakerTests;
}

/// Records in \p S the acquisitions of its focus whose states a merge of
/// \p B into \p A makes uncertain: those that tell them apart (\p Grown:
/// those in \p B that \p A, the join of paths merged already, does not
/// have yet).
void noteLost(const State &A, const State &B, PathSplit &S,
              bool Grown = false) {
  A.agrees(B, [&](unsigned I, const AcqState &X, const AcqState &Y) {
    const bool Covered = (X.B | Y.B) == X.B &&
                         (X.Depths | Y.Depths) == X.Depths &&
                         X.PendingOn == Y.PendingOn &&
                         X.DeeperOn == Y.DeeperOn &&
                         (X.TakerTests | Y.TakerTests) == X.TakerTests;
    if (S.focused(I) && !(Grown ? Covered : sameResource(X, Y))) {
      if (S.Lost.size() <= I)
        S.Lost.resize(A.size());
      S.Lost.set(I);
    }
    return true;
  });
}

} // namespace

bool sameResources(const State &A, const State &B, const PathSplit &S) {
  return A.agrees(B, [&](unsigned I, const AcqState &X, const AcqState &Y) {
    return !S.focused(I) || sameResource(X, Y);
  });
}

bool sameUpToHandles(const State &A, const State &B, const PathSplit &S) {
  if (S.Handles.empty())
    return false;
  // Per handle, the states its acquisitions that differ here may be in,
  // joined: the same on both sides (held by one call here, another there;
  // or by either, on paths merged already).
  struct Summary {
    unsigned Handle;
    uint8_t B = 0, Depths = 0, TakerTests = 0;
    void add(const AcqState &X) {
      B |= X.B;
      Depths |= X.Depths;
      TakerTests |= X.TakerTests;
    }
  };
  auto Find = [](llvm::SmallVectorImpl<Summary> &V, unsigned H) -> Summary & {
    for (Summary &Sm : V)
      if (Sm.Handle == H)
        return Sm;
    V.push_back({H});
    return V.back();
  };
  llvm::SmallVector<Summary, 4> X, Y;
  bool Renamable = true;
  A.agrees(B, [&](unsigned I, const AcqState &L, const AcqState &R) {
    if (!S.focused(I) || sameResource(L, R))
      return true;
    // What refers to another acquisition does not carry over.
    if (L.PendingOn >= 0 || R.PendingOn >= 0 || L.DeeperOn >= 0 ||
        R.DeeperOn >= 0 || I >= S.Handles.size()) {
      Renamable = false;
      return false;
    }
    Find(X, S.Handles[I]).add(L);
    Find(Y, S.Handles[I]).add(R);
    return true;
  });
  if (!Renamable || X.empty())
    return false;
  for (const Summary &Sx : X) {
    const Summary &Sy = Find(Y, Sx.Handle);
    if (Sx.B != Sy.B || Sx.Depths != Sy.Depths ||
        Sx.TakerTests != Sy.TakerTests)
      return false;
  }
  return true;
}

/// True if every fact of \p Q holds on \p P too: merging \p P into a path
/// with facts \p Q loses nothing that path knows.
static bool covers(const FactSet &Q, const FactSet &P) {
  if (Q.facts() == P.facts())
    return true;
  FactSet T = Q;
  return !T.intersect(P);
}

bool PathSet::join(Path &&P, PathSplit &S) {
  if (!P.St.Reachable)
    return false;
  if (Paths.empty()) {
    Paths.push_back(std::move(P));
    Changed |= 1;
    return true;
  }
  if (!Merged) {
    int Same = -1;
    unsigned NSame = 0;
    for (unsigned I = 0; I < Paths.size(); ++I) {
      Path &Q = Paths[I];
      if (!sameResources(Q.St, P.St, S))
        continue;
      if (!S.SplitsByFacts || covers(Q.Facts, P.Facts)) {
        // Merged as ESP does, or losing nothing.
        bool Grew = Q.St.join(P.St);
        if (!S.SplitsByFacts)
          Grew |= Q.Facts.intersect(P.Facts);
        if (Grew)
          Changed |= 1u << I;
        return Grew;
      }
      if (Same < 0)
        Same = int(I);
      ++NSame;
    }
    // A path whose resources agree with one kept already but whose facts
    // differ is kept apart too (a disjunction: `a` false on one, `a` and
    // `b` true on the other, where a later test of `b` tells them apart),
    // up to the run's number per resource state while there is room.
    if (Same >= 0 && (NSame >= S.SplitsByFacts || Paths.size() >= MaxPaths)) {
      Path &Q = Paths[unsigned(Same)];
      bool Grew = Q.St.join(P.St);
      Grew |= Q.Facts.intersect(P.Facts);
      if (Grew)
        Changed |= 1u << unsigned(Same);
      return Grew;
    }
    // Past the room, the paths split by their facts are merged first.
    if (Paths.size() >= MaxPaths && S.SplitsByFacts)
      fold([&](const State &A, const State &B) {
        return sameResources(A, B, S);
      });
    if (Paths.size() < MaxPaths) {
      Changed |= 1u << Paths.size();
      Paths.push_back(std::move(P));
      return true;
    }
    // Out of room: a path that holds another acquisition of the same
    // handle stands for this one, with the facts both share; or two kept
    // paths do so for each other, which makes room.
    for (unsigned I = 0; I < Paths.size(); ++I) {
      Path &Q = Paths[I];
      if (!sameUpToHandles(Q.St, P.St, S))
        continue;
      noteLost(Q.St, P.St, S);
      bool Grew = Q.St.join(P.St);
      Grew |= Q.Facts.intersect(P.Facts);
      if (Grew)
        Changed |= 1u << I;
      return Grew;
    }
    fold(
        [&](const State &A, const State &B) {
          return sameUpToHandles(A, B, S);
        },
        &S);
    if (Paths.size() < MaxPaths) {
      Changed |= 1u << Paths.size();
      Paths.push_back(std::move(P));
      return true;
    }
    // Too many distinct states: the join of all from here on.
    Merged = true;
    for (const Path &Q : Paths)
      noteLost(Q.St, P.St, S);
    for (size_t I = 1; I < Paths.size(); ++I) {
      Paths[0].St.join(Paths[I].St);
      Paths[0].Facts.intersect(Paths[I].Facts);
    }
    Paths.resize(1);
    Paths[0].St.join(P.St);
    Paths[0].Facts.intersect(P.Facts);
    Changed = 1;
    return true;
  }
  noteLost(Paths[0].St, P.St, S, /*Grown=*/true);
  bool Grew = Paths[0].St.join(P.St);
  Grew |= Paths[0].Facts.intersect(P.Facts);
  if (Grew)
    Changed = 1;
  return Grew;
}

template <typename SameFn>
void PathSet::fold(SameFn Same, PathSplit *Lost) {
  llvm::SmallVector<Path, 1> Kept;
  unsigned KeptChanged = 0;
  for (unsigned I = 0; I < Paths.size(); ++I) {
    Path &P = Paths[I];
    auto It =
        llvm::find_if(Kept, [&](const Path &Q) { return Same(Q.St, P.St); });
    if (It == Kept.end()) {
      if (Changed & (1u << I))
        KeptChanged |= 1u << Kept.size();
      Kept.push_back(std::move(P));
      continue;
    }
    if (Lost)
      noteLost(It->St, P.St, *Lost);
    It->St.join(P.St);
    It->Facts.intersect(P.Facts);
    KeptChanged |= 1u << unsigned(It - Kept.begin());
  }
  Paths = std::move(Kept);
  Changed = KeptChanged;
}

llvm::SmallVector<Path, 1> PathSet::takeChanged() {
  llvm::SmallVector<Path, 1> Out;
  for (unsigned I = 0; I < Paths.size(); ++I)
    if (Changed & (1u << I))
      Out.push_back(Paths[I]);
  Changed = 0;
  return Out;
}

} // namespace clang::tidy::raii
