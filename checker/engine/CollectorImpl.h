//===- CollectorImpl.h - the collector's state, shared by its files -------===//
//
// The class behind collectAcquisitions(). Collector.cpp finds the acquire
// calls, the guards, the releases and the seeds; CollectorMoves.cpp the
// copies between locals that move a handle from one variable to another;
// CollectorCopies.cpp what follows such a copy on the paths from it;
// CollectorResults.cpp where an acquire's result goes.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_COLLECTORIMPL_H
#define RAII_TIDY_ENGINE_COLLECTORIMPL_H

#include "engine/FunctionContext.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include <memory>

namespace clang::tidy::raii {

class Collector {
public:
  explicit Collector(FunctionContext &C) : C(C) {}
  bool run();

private:
  void addCall(const Expr *E, const AcquireRole &Role);
  /// The statements that only release a standard descriptor named by
  /// number (`close(0);`, `close(STDERR_FILENO);`), with the handle kind
  /// they release.
  void findStandardCloses();
  /// \p E, an acquire by \p R, is the first of a descriptor of the kind in
  /// the statement right after such a release in the same block: it is
  /// that number, the lowest free one (`close(0); dup(fd);`, a child's
  /// stdin; `close(0); close(1); for (..) dup(fd);`).
  bool takesClosedStandard(const Expr *E, const Acquire &R) const;
  /// \p V, a global object a family marked `in-place` initialises (key
  /// \p K, the variable itself) at \p Site, is shared state the function
  /// sets up for the rest of the file: other code of the file names it
  /// (GlobalUses), the function names it only to set it up there or to
  /// release it and names (calls, or takes the address of) no function of
  /// the file that names it, and
  /// after \p Site it releases it only in the error tail
  /// of its body, the statements from the first label after a `return`
  /// (`return 0; err2: regfree(&user_re); err1: return -1;`). A function
  /// that uses the object, sets it up twice, or releases it on its main
  /// line manages its lifetime itself.
  bool sharedStatic(const VarDecl *V, const HandleKey &K,
                    const Expr *Site) const;
  /// \p E, an acquire by \p Role whose result the function discards,
  /// loses the handle: not a lock, a rule's `discardable` acquire, `new`
  /// or a wrapper of it (an object that registers itself with its
  /// owner), a call that reopens or lets go of an argument (`freopen`,
  /// `realloc`, `curl_slist_append`), may give back one (`g_object_ref(o)`,
  /// `d2i_X509(&x, ..)`: a parameter that is a non-const pointer to the
  /// result's type or to `void`, also through more pointers) or is a
  /// non-const method (its object may keep it), nor a descriptor that
  /// opens a `/dev/` device or is acquired in a function that fills the
  /// standard ones, nor in `main` outside a loop.
  bool droppedIsLost(const Expr *E, const AcquireRole &Role) const;
  /// The function closes a standard descriptor of \p Kind by number
  /// (`close(0)`) or descriptors by a loop's counter (`for (i = max; i
  /// >= 0; --i) close(i);`): what it acquires fills the standard ones.
  bool fillsStandardDescriptors(llvm::StringRef Kind) const;
  /// The local a conditional acquire's result goes to as a truth, the
  /// last operand of a chain of `&&`, perhaps negated (`ok = e &&
  /// !regcomp(&re, e, 0);`); \p Negated: an odd number of `!`.
  const VarDecl *successFlag(const Expr *E, bool &Negated) const;
  llvm::DenseMap<const Stmt *, llvm::StringRef> StandardCloses;
  void addGuard(const CXXConstructExpr *CE);
  void addMoves();
  /// The last acquisition by a rule of handle key \p Key, the one a copy
  /// of its variable moves (\p Locks: also a lock's), or null.
  const Acquisition *moveSource(unsigned Key, bool Locks) const;
  /// A move of \p Src's handle, key \p FromKey: its site, variable, scope
  /// and name still to be given.
  static Acquisition moveOf(const Acquisition &Src, unsigned FromKey);
  /// `outer = v;` of a handle variable v of an inner block into a local
  /// that outlives it, as v's last use or where outer alone releases it:
  /// the handle moves.
  bool movesOutOfBlock(const BodyIndex::Copy &Cp) const;
  /// \p E releases the handle \p K names.
  bool releases(const Expr *E, const HandleKey &K) const;
  bool releasesAtSite(const Acquisition &Src, const HandleKey &K) const;
  bool keptByAnotherCopy(const BodyIndex::Copy &Cp) const;
  /// What follows a copy of a handle variable into a local, from the
  /// copy's statement on every path to the first that releases or writes
  /// either name (CollectorCopies.cpp).
  struct CopyFate {
    /// No path releases, returns or stores outside the function's locals
    /// the source, gives it to a function the file cannot see, or gives
    /// the copy another value first, and one releases, returns or stores
    /// the copy or gives the source another value: the copy takes the
    /// handle over at once.
    bool TakesOver = false;
    /// A path releases the source first, the copy still holding its value
    /// (`for (ai = aitop; ai; ai = ai->ai_next) ..; freeaddrinfo(aitop);`).
    bool SourceReleased = false;
    /// The assignments that give the source another value first, after
    /// the copy on every path to them (`T *old = buf; .. memcpy(n, buf, k);
    /// buf = n; .. free(old);`, where another path releases buf): there
    /// the handle moves into the copy.
    llvm::SmallVector<const BinaryOperator *, 2> Overwrites;
  };
  const CopyFate &fateOf(const BodyIndex::Copy &Cp);
  /// After \p Cp, the function releases the source and never the copy,
  /// and a path releases the source while the copy holds its value.
  bool sourceReleasedFirst(const BodyIndex::Copy &Cp);
  /// The moves of CopyFate::Overwrites for \p Cp, when the function
  /// releases the handle through the copy.
  void addOverwriteMoves(const BodyIndex::Copy &Cp);
  /// fateOf()'s CFG, with exception edges and every sub-expression an
  /// element, and its dominators; false if it could not be built.
  bool ensureCFG();
  /// \p Cp copies into a local variable of its own (no reference, no
  /// parameter, not a name the handle keys already give the source) from
  /// a source the body reads and writes only by name, and gives another
  /// value after the copy unless \p AnySource.
  bool copyIntoLocal(const BodyIndex::Copy &Cp, bool AnySource = false) const;
  bool releasedOnlyThroughCopy(const BodyIndex::Copy &Cp) const;
  /// \p Cp stores the source whole into a local whose cleanup function
  /// (`__attribute__((cleanup))`) runs at its scope's end and releases
  /// what it is given, or is not in the file (kmod's `_cleanup_free_ const
  /// char **v; .. v = tmp;`): that takes it over. Not a variable of a loop
  /// the source's declaration is outside of (its cleanup runs each round).
  bool intoCleanupVariable(const BodyIndex::Copy &Cp) const;
  /// A release of \p K written after \p Cp (`blob = local; ...; delete
  /// local;`): the source keeps the handle for it.
  bool releasedAfter(const HandleKey &K, const BodyIndex::Copy &Cp) const;
  /// After \p Where, the function gives \p Element (`fds[0]`) to a call
  /// that may release it (a release, a function of the project), by
  /// itself, by an index not constant or as the whole array.
  bool elementGivenAfter(const Expr *Element, const Stmt *Where) const;
  void addReleasesAndSeeds();
  bool acquiredHere(const HandleKey &K) const;
  /// Appends \p A with key \p K; \p AtSite: its site performs it (AcqsAt),
  /// else something else applies it (MovesBefore).
  unsigned push(Acquisition A, const HandleKey &K, bool AtSite = true);
  /// The field of the object a constructor builds that acquire \p E is
  /// stored straight into (`fp = fopen(..)`, `this->conn = PQconnectdb(..)`),
  /// where an exception out of the constructor would leak it; else null.
  /// \p DtorReleases: the class's destructor releases the field.
  const MemberExpr *fieldBeingBuilt(const Expr *E, bool &DtorReleases) const;
  /// True if the result of \p E is what a `co_await` awaits.
  bool awaited(const Expr *E) const;
  /// The scope a local's acquisition lives in: where it is declared (the
  /// whole body for a parameter given a new handle).
  const Stmt *scopeOfVar(const VarDecl *V, const Stmt *Fallback) const {
    if (isa<ParmVarDecl>(V))
      return C.Body.body();
    if (const Stmt *DS = C.Body.declStmtOf(V))
      return C.Body.enclosingCompound(DS);
    return Fallback;
  }

  FunctionContext &C;
  bool ReturnsAcquire = false;
  /// fateOf()'s CFG, built once (null if it could not be), its
  /// dominators and the answers so far, by copy statement.
  std::unique_ptr<AnalysisDeclContext> CopyCtx;
  bool CopyCtxTried = false;
  std::unique_ptr<CFGDomTree> Dom;
  llvm::DenseMap<std::pair<const Stmt *, const VarDecl *>, CopyFate> Fates;
};

} // namespace clang::tidy::raii

#endif
