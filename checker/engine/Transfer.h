//===- Transfer.h - the transfer function of the resource dataflow --------===//
//
// What one CFG element does to the facts: acquires, releases (with depths
// for reentrant locks and `on: success` releases such as realloc's), guard
// constructions, destructions and member calls, hand-offs (returns, stores,
// captures, callees that take), and moves between handle variables. Written
// as a ConstStmtVisitor, like the visitor of clang's lock analysis; findings
// go to an AnalysisEvents handler, paths that leave the function early
// (an exception from `new` or a constructor) to an ExitSink.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_TRANSFER_H
#define RAII_TIDY_ENGINE_TRANSFER_H

#include "engine/FunctionContext.h"
#include "engine/HandOff.h"
#include "engine/Lattice.h"
#include "clang/AST/StmtVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace clang::tidy::raii {

/// Receives the states of paths that leave the function inside an element.
class ExitSink {
public:
  virtual ~ExitSink() = default;
  virtual void exceptionFrom(const Stmt *Where, const State &Before) = 0;
};

class TransferFunctions : public ConstStmtVisitor<TransferFunctions> {
public:
  explicit TransferFunctions(FunctionContext &C) : C(C) {}

  /// Applies CFG statement \p S to \p St.
  void apply(const Stmt *S, State &St, AnalysisEvents &Ev, ExitSink &Exits);
  /// True if \p S leaves a state in which every acquisition is untouched
  /// as it was (the events it would send aside): it acquires nothing, ends
  /// no path, and gives no acquire's result variable a value. The solver
  /// skips such statements on paths holding nothing.
  bool inertOnUntouched(const Stmt *S);
  /// Applies the implicit destruction of \p Var to \p St.
  void destroy(const VarDecl *Var, State &St);
  /// Applies the call of \p Var's `__attribute__((cleanup(f)))` function
  /// at the end of its scope: what the variable holds is released, and so
  /// is a lock the variable points to (`g_autoptr(GMutexLocker)`).
  void cleanUp(const VarDecl *Var, State &St);

  void VisitCallExpr(const CallExpr *E);
  void VisitCXXNewExpr(const CXXNewExpr *E);
  void VisitCXXDeleteExpr(const CXXDeleteExpr *E);
  void VisitCXXConstructExpr(const CXXConstructExpr *E);
  void VisitBinaryOperator(const BinaryOperator *E);
  void VisitReturnStmt(const ReturnStmt *S);
  void VisitDeclStmt(const DeclStmt *S);
  void VisitInitListExpr(const InitListExpr *E);
  void VisitLambdaExpr(const LambdaExpr *E);
  void VisitCoroutineSuspendExpr(const CoroutineSuspendExpr *E);

private:
  void onAcquire(unsigned I);
  void onRelease(const Expr *E, const ReleaseRole &R);
  /// \p E runs the cleanup handler `pthread_cleanup_pop(1)` pops
  /// (runsCleanupHandler): a function the translation unit declares but
  /// does not show, installed with a held lock as its argument
  /// (`pthread_cleanup_push(unlock_mutex, &m)`), or an object holding one
  /// held lock as a field embedded by value (`&vecs->lock` holding
  /// `mutex`), unlocks it, as the lock's family would.
  void cleanupHandlerReleases(const CallExpr *E);
  bool valueStands(const Expr *Value, const Stmt *At) const;
  const Expr *standingValue(const VarDecl *Var, const ReturnStmt *Ret) const;
  /// \p Var, a local pointer, is returned by \p Ret: a call before it
  /// that was given it by address (`&pw`, a declared parameter) along
  /// with a pointer of the same type, not `void`, into a held block
  /// (`getpwnam_r(.., &b->pw, b->buf, n, &pw)`, `strtol(s, &end, 10)`),
  /// that acquires nothing and whose body the translation unit does not
  /// show, may have pointed it into that block, which goes to the caller.
  void returnsIntoFilledBlock(const VarDecl *Var, const ReturnStmt *Ret);
  /// Escapes the block of memory \p Root held at \p Call: acquired before
  /// it in the source and not replaced by another acquire before it.
  void escapeBlockBefore(const ValueDecl *Root, const CallExpr *Call);
  /// onRelease() of the handle named by \p K.
  void releaseKey(const Expr *E, const ReleaseRole &R, const HandleKey &K);
  /// Acquisition \p Owner, just released by \p E, releases the handles a
  /// transfer gave it on every path (AcqState::OwnedBy).
  void releaseOwned(unsigned Owner, const Expr *E);
  /// \p E closes every descriptor but the standard streams (`closefrom(3)`
  /// in a `fork` child): the held handles of families of kind `fd` are
  /// released there; where its result is \p Tested (a close_range that
  /// failed, ENOSYS on an old kernel, closed nothing and the fallback
  /// closes by hand) they are no longer tracked.
  void closeAllDescriptors(const Expr *E, bool Tested);
  /// The keys of the elements \p E releases by an index counting through a
  /// `for` loop of constant bounds (`for (i = 0; i != 4; i++)
  /// close(fds[i]);`): fds[0] .. fds[3]. Empty otherwise.
  llvm::SmallVector<HandleKey, 4> elementsReleasedByLoop(const Expr *E,
                                                         const ReleaseRole &R);
  /// Reports that release \p E of memory not from the heap is reached.
  void noteNonHeap(const Expr *E);
  /// Move acquisition \p I: the source's handle passes to its variable.
  void onMove(unsigned I);
  /// The moves acquire expression \p E makes before its acquisitions
  /// (FunctionContext::MovesBefore).
  void movesBefore(const Expr *E);
  /// Variable \p Root is given another value (an assignment, or a call
  /// given its address): what it released is no longer what it names.
  /// With \p Key, only the place of that key is (an element, `p[0]`).
  void givenAnotherValue(const ValueDecl *Root, unsigned Key = ~0u);
  /// `walk(src, &file)`: call \p E may give each variable whose address it
  /// is given to write through another value.
  void writtenThroughArgs(const CallExpr *E);
  /// \p Value names a handle of the array \p Element subscripts.
  bool namesArrayHandle(const Expr *Value, const Expr *Element) const;
  /// The variables writtenThroughArgs finds call \p E may write, in \p
  /// Roots.
  void findWrittenThrough(const CallExpr *E,
                          llvm::SmallVectorImpl<const ValueDecl *> &Roots);
  /// The acquisitions of the guard variable \p MC is called on, or null.
  const llvm::SmallVector<unsigned, 2> *
  guardAcqsOf(const CXXMemberCallExpr *MC) const;
  bool guardMemberCall(const CXXMemberCallExpr *MC);
  void handOffArgs(const Expr *Call, llvm::ArrayRef<const Expr *> Args);
  void handOffObject(const CXXMemberCallExpr *MC);
  /// Ends tracking of held acquisition \p J, for good or (\p Tentative)
  /// as maybe taken by call \p By; \p Keeps when By's body stores it.
  void escape(unsigned J, bool Tentative, const Expr *By, bool Keeps = false);
  /// For acquisition \p I, which reopens an argument (`freopen(.., s)`):
  /// moves what the function holds of that handle into it and returns
  /// false; true if it holds none (stdin, a parameter's stream: the
  /// result is its owner's).
  bool reopenForeign(unsigned I);
  /// The acquisition call \p Call makes when it takes an argument only if
  /// it succeeds (`fdopen(fd, ..)`: a catalog transfer that returns a
  /// handle, or an invalid value), and the function tests the new handle;
  /// else -1.
  int takesOnSuccess(const Expr *Call);
  /// Held acquisition \p J is handed off where acquisition \p On succeeds
  /// and still held where it fails (BranchFacts' resolvePending).
  void escapeOnSuccess(unsigned J, unsigned On);
  /// Ends tracking of what variable \p Root holds; only tentatively when
  /// \p TentativeBy (it may have taken it) is given.
  void escapeRoot(const ValueDecl *Root, const Expr *TentativeBy = nullptr);
  void escapeIfTracked(const Expr *E);
  /// \p Src is a local object an acquire initialised in place
  /// (`posix_spawnattr_init(&attr)`, `regcomp(&re, ..)`) copied whole into a
  /// place that outlives the function (`s->attr = attr;`, `attr_ = attr;`,
  /// `list->push_back(attr)`, `return attr;`): the copy takes the handle.
  void escapeCopiedObject(const Expr *Src);
  /// The copies of call \p E into an object outside the function's locals
  /// (escapeCopiedObject).
  void copiedIntoObject(const CallExpr *E);
  /// `l = fds[out];`: a local given an element of a handle array by an
  /// index the function cannot tell may release any of them: each held
  /// element is maybe taken (a hand-off unless released by name later).
  void copiedByIndex(const Expr *Value, const Expr *By);
  void adoptByGuard(const CXXConstructExpr *E);
  void adoptByExitAction(const CXXConstructExpr *E);
  /// Hands every held acquisition of handle \p Key (locks only, if \p
  /// LocksOnly) over to the guard variable \p Guard (null for a guard that
  /// is no variable: it takes them over all the same).
  void adopt(unsigned Key, const VarDecl *Guard, bool LocksOnly);
  /// True if acquisition \p J was taken over by a scope guard that runs its
  /// action on every exit (so the lock is still held until then).
  bool adoptedByExitAction(unsigned J) const;
  /// The acquisitions (not locks) \p E names: every one held in a tracked
  /// variable, or one element of a tracked array (`fds[1]`).
  void namedAcqs(const Expr *E, llvm::SmallVectorImpl<unsigned> &Named) const;
  /// True if \p E names acquisition \p Acq (namedAcqs).
  bool namesAcq(const Expr *E, unsigned Acq) const;
  void findNamedAcqs(const Expr *E,
                     llvm::SmallVectorImpl<unsigned> &Named) const;
  const ValueDecl *trackedRoot(const Expr *E) const;
  ReturnedValue classifyReturn(const Expr *V) const;
  /// True if \p E is a local that here holds what its acquires gave where
  /// they failed (`if (fd < 0) return fd;`), or a constant.
  bool returnsFailedValue(const Expr *E) const;
  /// The integer constant \p E returns: a constant, or a local given one
  /// at its declaration and never written again.
  std::optional<int64_t> returnedConstant(const Expr *E) const;
  void mayThrowHere(const Stmt *Where);
  /// True if call \p E never returns by its callee's summary (a callee
  /// declared `[[noreturn]]` ends its block in the CFG itself).
  bool endsPath(const CallExpr *E);
  /// \p Call, which may have taken the handle of acquisition \p Acq, can
  /// keep it where it succeeds: a callee whose body the translation unit
  /// has (one that stores the handle, or takes a `calls: take` family's),
  /// or one it cannot see that is given somewhere to keep it
  /// (keeperBeside), is given it as a callback's context
  /// (contextForCallback), returns a pointer to a new object, or returns
  /// an integer status and the function names the handle after it only to
  /// release it in a branch of its test (releasedOnlyInBranches). A release after only one outcome of
  /// such a call (`if (!conn_new(fd)) close(fd);`, `if (adopt(c, buf) !=
  /// 0) goto fail;`) is then a release where it failed, no sign that it
  /// only borrows.
  bool mayKeepOnSuccess(const Stmt *Call, unsigned Acq) const;
  /// After \p Call, the function names the handle variable of \p Acq only
  /// to release it, inside a branch of the `if` that tests \p Call's
  /// result (`if (open_channel(fd) != 0) close(fd);` and nothing after):
  /// an integer status from a callee it cannot see then tells whether the
  /// callee took the handle. Kept per call and acquisition.
  bool releasedOnlyInBranches(const CallExpr *Call, unsigned Acq) const;
  /// The `if` that tests \p Call's result (`if (!adopt(c, p))`), or the
  /// variable it goes to as the next statement (`e = create(key, v); if
  /// (!e)`), if any: such a call that may keep the handle on success is
  /// the likeliest keeper among the calls that may have taken it. With
  /// \p ByValue, that `if` must test the variable's value (`!e`, `e ==
  /// NULL`), not pass it to a call (`fputs(s, e) < 0`).
  const IfStmt *testingIf(const Expr *Call, bool ByValue = false) const;
  /// Beside the handle of \p Acq, \p Call gets an object that outlives it
  /// and could keep the handle: a non-const pointer or reference to a
  /// struct or to a pointer that is not the caller's local
  /// (`ctx_adopt(c, buf)`, `start_tls(&conn->c, ssl)`), or it is a
  /// non-const member of such an object (`table->adopt(buf)`). Not
  /// `send_all(fd, msg)`.
  bool keeperBeside(const CallExpr *Call, unsigned Acq) const;
  /// \p Call gives the handle of \p Acq as an untyped context (`void *`)
  /// beside a function to call with it (`plugin_thread_create(&th,
  /// handle_client, fd_ptr, ..)`, `register_cb(on_read, conn)`): the
  /// callee may keep it for that function.
  bool contextForCallback(const CallExpr *Call, unsigned Acq) const;
  /// One of \p Args to \p FD, but those \p Skip names, is such an object.
  bool keeperAmong(const FunctionDecl *FD, llvm::ArrayRef<const Expr *> Args,
                   llvm::function_ref<bool(const Expr *)> Skip) const;

  FunctionContext &C;
  State *St = nullptr;
  AnalysisEvents *Ev = nullptr;
  ExitSink *Exits = nullptr;
  const Stmt *Element = nullptr; ///< the CFG element being applied
  /// namedAcqs per expression asked.
  mutable llvm::DenseMap<const Expr *, llvm::SmallVector<unsigned, 1>> NamedCache;
  /// Per call or construction: each argument that names an acquisition.
  struct NamedArg {
    unsigned Arg, Acq;
    bool AddrOf;   ///< passed as `&h`
    bool Interior; ///< `&p->field`: a part of the block p holds
    bool Pointee;  ///< `*p`: the object p points to
    /// A cursor pointer arithmetic moved into the block (`cp++`): a
    /// position, which no one can free or keep the block by.
    bool Cursor = false;
  };
  /// `rc = list_append(l, id); if (rc < 0) free(id);`: a `const void *`
  /// argument of a function the translation unit cannot see, given a
  /// place to keep it beside (keeperBeside), whose status is tested, may be
  /// kept where the call succeeds: a release after only the failure's
  /// edge says it was (the taker's tests, as for any maybe-taken handle).
  /// So may one whose pointer result, of the type of an argument beside
  /// it, is tested where the handle is named after the call only to
  /// release it under that test (kmod's `n = kmod_list_append(*list, mv);
  /// if (n != NULL) *list = n; else free(mv);`: the list's new head).
  bool keptOnSuccess(const Expr *Call, const NamedArg &N) const;
  /// `close_both(fds)`, an element of a local array passed as the whole
  /// array to a function of the file: what its body does with that
  /// element (elementFate); nullopt where that does not apply or the body
  /// does not tell (argumentFate's answer for the whole array stands).
  std::optional<ArgFate> elementArgFate(const Expr *Call,
                                        const NamedArg &N) const;

  llvm::DenseMap<const Expr *, llvm::SmallVector<NamedArg, 1>> ArgsCache;
  /// findWrittenThrough() per call.
  llvm::DenseMap<const CallExpr *, llvm::SmallVector<const ValueDecl *, 1>>
      WrittenThrough;
  /// takesOnSuccess() per acquisition.
  llvm::DenseMap<unsigned, int> TakesOnSuccess;
  /// Per call: the callee never returns (a summary's answer).
  llvm::DenseMap<const CallExpr *, bool> NoReturnCache;
  mutable llvm::DenseMap<std::pair<const CallExpr *, unsigned>, bool>
      ReleasedOnlyInBranches;
  /// inertOnUntouched() per statement asked.
  llvm::DenseMap<const Stmt *, bool> InertCache;
  /// \p V is compared with what the function did not acquire (`fd !=
  /// fileno(stdin)`, `fd > 2`, `b != stackbuf`) somewhere in the body: only
  /// then does its going stale matter.
  bool comparedWithForeign(const VarDecl *V);
  void findComparedWithForeign(const Stmt *S);
  /// The variables comparedWithForeign, found in one walk of the body.
  std::optional<llvm::DenseSet<const VarDecl *>> ComparedWithForeign;
};

} // namespace clang::tidy::raii

#endif
