//===- PathSet.cpp - the paths that reach one program point ---------------===//
#include "engine/PathSet.h"

namespace clang::tidy::raii {

bool sameResources(const State &A, const State &B) {
  for (size_t I = 0; I < A.size(); ++I) {
    const AcqState &X = A[I], &Y = B[I];
    if (X.B != Y.B || X.Depths != Y.Depths || X.PendingOn != Y.PendingOn ||
        X.DeeperOn != Y.DeeperOn)
      return false;
  }
  return true;
}

bool PathSet::join(Path &&P) {
  if (!P.St.Reachable)
    return false;
  if (Paths.empty()) {
    Paths.push_back(std::move(P));
    return true;
  }
  if (!Merged) {
    for (Path &Q : Paths)
      if (sameResources(Q.St, P.St)) {
        bool Changed = Q.St.join(P.St);
        return Q.Facts.intersect(P.Facts) || Changed;
      }
    if (Paths.size() < MaxPaths) {
      Paths.push_back(std::move(P));
      return true;
    }
    // Too many distinct states: the join of all from here on.
    Merged = true;
    for (size_t I = 1; I < Paths.size(); ++I) {
      Paths[0].St.join(Paths[I].St);
      Paths[0].Facts.intersect(Paths[I].Facts);
    }
    Paths.resize(1);
    Paths[0].St.join(P.St);
    Paths[0].Facts.intersect(P.Facts);
    return true;
  }
  bool Changed = Paths[0].St.join(P.St);
  return Paths[0].Facts.intersect(P.Facts) || Changed;
}

} // namespace clang::tidy::raii
