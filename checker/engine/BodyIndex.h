//===- BodyIndex.h - one pass over a function body before the dataflow ----===//
//
// Everything the engine asks about the shape of a body, gathered in one
// walk: each statement's parent, where each local is declared, how each
// local is written (so that a local only ever holding a copy of another, or
// an index that never changes, can be recognised), and the calls,
// `new`-expressions and constructions the acquisitions are collected from.
// Nested lambdas and blocks are separate functions and are not entered
// (their captures count as writes).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_BODYINDEX_H
#define RAII_TIDY_ENGINE_BODYINDEX_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <vector>

namespace clang::tidy::raii {

class BodyIndex {
public:
  BodyIndex(const FunctionDecl *Fn, ASTContext &Ctx);

  const FunctionDecl *function() const { return Fn; }
  const Stmt *body() const { return Fn->getBody(); }
  ASTContext &context() const { return Ctx; }

  const Stmt *parent(const Stmt *S) const { return Parent.lookup(S); }
  /// The parent of \p S above parentheses and casts (implicit and
  /// explicit), the value's user; \p Child, if given, gets the outermost
  /// of those wrappers (\p S when there is none).
  const Stmt *valueParent(const Stmt *S,
                          const Stmt **Child = nullptr) const;
  bool isAncestor(const Stmt *Anc, const Stmt *S) const;
  /// The innermost compound statement around \p S (the body if none).
  const Stmt *enclosingCompound(const Stmt *S) const;
  /// The value of \p E is used: not an expression statement's, nor cast
  /// to `void`, nor the left of a comma.
  bool valueUsed(const Expr *E) const;
  /// A `for`, `while`, `do` or range `for` statement.
  static bool isLoop(const Stmt *S);
  /// `b + 8`, `b - 1`, `&b->node`, `&b->hdr.link`: a pointer into the
  /// block b points to stands for b; any other \p E for itself.
  static const Expr *pointerBase(const Expr *E);
  /// \p S holds a `return`, jump or `throw` (outside lambdas and blocks):
  /// control may leave it other than at its end.
  static bool containsJump(const Stmt *S);
  /// \p S is or holds a label or a `case`: control may enter there.
  static bool containsEntry(const Stmt *S);
  /// A label of the body starts after \p After (anywhere before it, when
  /// invalid) and before \p Before: a `goto` may come back there.
  bool labelBetween(SourceLocation After, SourceLocation Before) const;
  /// The variable \p S itself assigns, increments or takes the address of
  /// (not one inside it), if any (canonical).
  static const Decl *writtenVariable(const Stmt *S);
  /// \p S or a statement inside it (outside lambdas and blocks) assigns,
  /// increments or takes the address of \p V.
  static bool writes(const Stmt *S, const ValueDecl *V);
  /// What arm \p Arm of \p CO acquired, the conditional's value still
  /// tells: its other arm is a value that says nothing was acquired (a
  /// non-zero status, a null pointer: `rc = z ? prepare(.., &q) : NOMEM;`,
  /// `p = n ? malloc(n) : NULL;`) or, for a number (a status, a
  /// descriptor), another call's result or a `?:` of such (`rc = zlib ?
  /// inflateInit(&z) : inflateInit2(&z, -15);`): that of the arm that ran.
  static bool armTells(const ConditionalOperator *CO, const Stmt *Arm,
                       ASTContext &Ctx);
  /// The innermost loop statement around \p S (not \p S itself), or null.
  const Stmt *enclosingLoop(const Stmt *S) const;
  /// The statement of a compound statement that contains \p S.
  const Stmt *fullStatement(const Stmt *S) const;
  /// The statement after full statement \p S in its compound statement;
  /// null if \p S is the last or no compound holds it.
  const Stmt *nextStatement(const Stmt *S) const;
  /// True if \p S is inside the try block (not a handler) of a `try`.
  bool inTryBlock(const Stmt *S) const;
  const Stmt *declStmtOf(const VarDecl *V) const { return DeclOf.lookup(V); }

  /// A variable of this function's own: local storage, not a parameter.
  static bool isLocalVar(const ValueDecl *D);
  /// Storage the function owns: a local variable, a parameter passed by
  /// value (`&file` of a `char *file` parameter names the function's own
  /// copy of the pointer), a local reference bound to one of those (or to
  /// a field or an element of a local struct or array, either arm of a
  /// `?:` of such).
  static bool isOwnedVar(const ValueDecl *D);
  /// True if \p S holds a `return` or a label (not inside a lambda or a
  /// block).
  static bool containsReturnOrLabel(const Stmt *S);
  /// The local variable (or parameter, by assignment) \p E's value is
  /// stored into (`T *v = E`, `v = E`), looking through parentheses and
  /// value-keeping casts.
  const VarDecl *storedInto(const Expr *E) const;
  /// Every local \p E's value is stored into, innermost first (`p = s =
  /// malloc(n)`: s, p).
  void storedTargets(const Expr *E,
                     llvm::SmallVectorImpl<const VarDecl *> &Targets) const;
  /// The local variable \p E initialises or is stored into: storedInto(),
  /// or the variable of a declaration whose initialiser is \p E
  /// (`std::lock_guard<std::mutex> g(m);`).
  const VarDecl *initialisedVar(const Expr *E) const;
  /// A local pointer, reference or integer initialised to name or copy an
  /// object and never written again, or only cleared last (clearedLast):
  /// that initialiser.
  const Expr *aliasInit(const ValueDecl *D) const;
  /// A local all of whose writes copy one other variable (constants such as
  /// `-1` or `NULL` aside): that variable.
  const ValueDecl *copySource(const ValueDecl *D) const;
  /// An element of a local array by a constant index (`fds[0]`).
  struct Element {
    const VarDecl *Array = nullptr;
    uint64_t Index = 0;
    bool operator==(const Element &O) const {
      return Array == O.Array && Index == O.Index;
    }
  };
  /// A local all of whose writes copy one element of a local array
  /// (`a = sv[0];`; constants aside), no element of which the body writes
  /// or lends out by address: that element.
  std::optional<Element> elementSource(const ValueDecl *D) const;
  /// `fds[0]` with a constant index into a local array.
  std::optional<Element> elementOf(const Expr *E) const;
  /// True if one chained assignment writes both \p A and \p B (`a = b =
  /// acquire()`, `T *a = b = acquire()`, either way round).
  bool assignedTogether(const ValueDecl *A, const ValueDecl *B) const;
  /// The locals a chained assignment writes together with \p D.
  llvm::ArrayRef<const ValueDecl *> chainPartners(const ValueDecl *D) const;
  /// True if \p S is or contains a reference to \p V (a variable, or a
  /// field through a member expression).
  static bool refersTo(const Stmt *S, const ValueDecl *V);
  /// True if \p S contains a reference to \p V that starts after \p Loc.
  static bool referencedAfter(const Stmt *S, const ValueDecl *V,
                              SourceLocation Loc, const SourceManager &SM);
  /// True if \p Cond's truth depends on the value \p V holds: \p V is a
  /// leaf of it through `!`, `&&`, `||`, comparisons, assignments, casts
  /// and branch hints; not an argument of a call or the base of an access
  /// (`fwrite(b, n, 1, f) != 1` tests the call's result, not `f`).
  static bool testsValue(const Expr *Cond, const ValueDecl *V);
  /// True if the condition of an `if`, a loop or a `?:` of the body tests
  /// the value \p V holds (`!f`, `f == NULL`, `(f = open(..)) != NULL`),
  /// not a call's result it is passed to (a walk of the body: callers keep
  /// the answer).
  bool conditionTests(const ValueDecl *V) const;
  /// True if nothing but its initialiser writes \p D (no assignment,
  /// increment, address taken or capture).
  bool isUnchanged(const ValueDecl *D) const;
  /// The object of field access \p E reached with `.` only from a local
  /// struct or union (`c.buf`, `u.in.fd`), when the function keeps it to
  /// itself: never written whole, no address taken, not captured, no
  /// cleanup attribute, a trivial destructor. Null otherwise.
  const VarDecl *ownedAggregate(const Expr *E) const;
  /// The local \p E names through a pointer: `*pp`, pp a local pointer
  /// initialised with `&v`, v a local, and never written again. Null
  /// otherwise.
  const VarDecl *pointeeLocal(const Expr *E) const;
  /// True if \p D's value is only ever read or assigned by name: no
  /// address taken, no reference bound to it, no capture. What the body
  /// shows of its writes is then all of them.
  bool writtenOnlyByName(const ValueDecl *D) const {
    D = cast<ValueDecl>(D->getCanonicalDecl());
    return !Escaping.count(D) && Refs.lookup(D) == PlainUses.lookup(D);
  }
  /// True if \p D, a pointer, is written by name and otherwise only given
  /// by address to calls (`lookup(tree, key, &e)`): each such call is then
  /// one more write of it, and the body shows them all (a callee that kept
  /// the address to write through later is not assumed).
  bool writtenByNameOrCalls(const ValueDecl *D) const {
    D = cast<ValueDecl>(D->getCanonicalDecl());
    return !Escaping.count(D) &&
           Refs.lookup(D) == PlainUses.lookup(D) + OutArgs.lookup(D);
  }
  /// True if \p D, an integer local, is written by name and otherwise
  /// only given by address to calls (`check_signal(&r)`): the body shows
  /// every write but those of callees, which may keep the address and
  /// write through it at any later call.
  bool lentToCalls(const ValueDecl *D) const {
    D = cast<ValueDecl>(D->getCanonicalDecl());
    const unsigned Lent = LentArgs.lookup(D);
    return Lent && !Escaping.count(D) &&
           Refs.lookup(D) == PlainUses.lookup(D) + Lent;
  }
  /// The locals lentToCalls() holds for.
  llvm::ArrayRef<const ValueDecl *> lentLocals() const { return Lent; }
  /// True if \p D is a parameter pointing to a scalar it may write (`int
  /// *status`), never written itself, and only ever dereferenced (`*p`),
  /// tested, or given as it is to calls: what `*p` holds changes only by
  /// the body's writes through it and by those calls.
  bool cellParameter(const ValueDecl *D) const;
  /// The local pointer whose address \p Arg, a call's argument, is
  /// (`&e`, `(void **)&e`), if any.
  static const VarDecl *outArgument(const Expr *Arg);
  /// The statements that give local \p D a value: its declaration, an
  /// assignment, an increment, `&D` (not pointer arithmetic on it).
  llvm::ArrayRef<const Stmt *> writeSites(const ValueDecl *D) const {
    auto It = WriteSites.find(cast<ValueDecl>(D->getCanonicalDecl()));
    if (It == WriteSites.end())
      return {};
    return It->second;
  }
  /// How many times \p D is written, its initialiser included.
  unsigned writeCount(const ValueDecl *D) const {
    return Writes.lookup(cast<ValueDecl>(D->getCanonicalDecl()));
  }
  /// How many times pointer arithmetic moves \p D within its block (`++p`,
  /// `p += n`, `p = p + n`).
  unsigned advances(const ValueDecl *D) const {
    D = cast<ValueDecl>(D->getCanonicalDecl());
    auto It = WriteSites.find(D);
    return Writes.lookup(D) - (It == WriteSites.end() ? 0 : It->second.size());
  }
  /// \p D, a local, is given another value after statement \p S (pointer
  /// arithmetic on it aside): by a write later in the source, or by any
  /// write inside a loop that also holds \p S.
  bool writtenAfter(const ValueDecl *D, const Stmt *S) const;
  /// A loop that copies \p Src into \p Into also gives \p Src a value
  /// that is not a constant before the copy, \p Into lives across its
  /// rounds, and between the two a jump out of the loop reaches a read of
  /// \p Into: there the copy holds the value of an earlier round (`new =
  /// calloc(..); if (..) goto error; cur = new;`), not the one \p Src
  /// holds.
  bool copiedAcrossRounds(const ValueDecl *Into, const ValueDecl *Src) const;
  /// The same, without the writes of a constant (`fd = -1`, `p = NULL`)
  /// and pointer arithmetic on the variable (`++p`, `p += n`, `p = p +
  /// n`).
  unsigned valueWriteCount(const ValueDecl *D) const {
    return ValueWrites.lookup(cast<ValueDecl>(D->getCanonicalDecl()));
  }
  /// The writes of \p D given a call's result that took \p D itself (`p =
  /// realloc(p, n)`): a new value that replaces the one it was made from.
  unsigned selfReplacingWrites(const ValueDecl *D) const {
    return SelfReplacing.lookup(cast<ValueDecl>(D->getCanonicalDecl()));
  }

  /// True if element \p Index of local array \p Array is given a value
  /// that is not a constant (`fds[1] = other;`; `fds[1] = -1;` is not), has
  /// its address taken (`&sv[1]`) or is copied into a local (`keep =
  /// sv[1];`), or an element by an index that is not constant is given
  /// such a value.
  bool elementWritten(const VarDecl *Array, uint64_t Index) const {
    const auto *A = cast<VarDecl>(Array->getCanonicalDecl());
    return AnyElementWritten.count(A) || WrittenElements.count({A, Index});
  }
  /// The same, or given a constant after statement \p S (later in the
  /// source, or in a loop around \p S): `fds[1] = -1;` before `pipe(fds)`
  /// initialises it, after it may lose the descriptor.
  /// A constant stored right after a call \p Releases says releases the
  /// element (`close(s[1]); s[1] = -1;`) marks it released and counts
  /// not.
  bool elementWrittenAfter(
      const VarDecl *Array, uint64_t Index, const Stmt *S,
      llvm::function_ref<bool(const CallExpr *)> Releases = nullptr) const;

  /// A store of one variable's value into a local: `x = y;`, `T x = y;`,
  /// in the order they happen (`a = b = p`: b's, then a's).
  struct Copy {
    const Stmt *Where; ///< the assignment or the declaration
    const VarDecl *To;
    const VarDecl *From;
  };
  const std::vector<Copy> &copies() const { return CopyStmts; }
  /// The value \p Cp stores: the declaration's initialiser or the
  /// assignment's right side.
  static const Expr *copiedValue(const Copy &Cp);
  /// \p Cp stores its source itself, not a place inside its block (`q = p
  /// + n`, `c = &p->c`), also as the value of a chain of copies (`head =
  /// tail = it` copies tail; not `alloc = buf = malloc(n)`).
  static bool copiesWhole(const Copy &Cp);
  /// How many writes of \p To store \p From's value, or a pointer into
  /// the block it points to (`to = from + n`).
  unsigned writesCopying(const ValueDecl *To, const ValueDecl *From) const;

  /// Assignments to a field or through a pointer (`s.buf = p`, `c->fd =
  /// fd`, `*out = p`), in source order.
  const std::vector<const BinaryOperator *> &indirectStores() const {
    return IndirectStores;
  }
  /// A local given the value of a field, of what a pointer points to or
  /// of a local array's element by a constant index (`x = s.buf`, `T *x =
  /// *pp`, `in = fds[0]`), in source order.
  struct Load {
    const Stmt *Where; ///< the assignment or the declaration
    const VarDecl *To;
    const Expr *From; ///< `s.buf`, `*pp`, `fds[0]`
  };
  const std::vector<Load> &indirectLoads() const { return IndirectLoads; }

  /// Calls, `new` and `delete` expressions and constructions, in source
  /// order.
  const std::vector<const Expr *> &candidates() const { return Candidates; }

private:
  void walk(const Stmt *S, const Stmt *P);
  /// \p SameBlock: pointer arithmetic on the variable (`++p`, `p += n`),
  /// which keeps it inside the block it pointed into: a write, not a new
  /// value.
  void noteWrite(const Expr *LHS, const Expr *Value, const Stmt *Where,
                 bool SameBlock = false);
  void notePlainUse(const Expr *E);
  /// Counts \p Load, the read of a local pointer's value, in
  /// DerefOrPassed when its user only dereferences it, tests it or gives
  /// it as it is to a call.
  void noteDerefOrPassed(const ImplicitCastExpr *Load);
  /// \p Deref (`*p`) is read or written where it stands: not bound to a
  /// reference, given to a call, nor its address taken.
  bool plainAccess(const Expr *Deref) const;
  /// Records \p Value (not a constant; null: unknown) written into local
  /// \p D for elementSource().
  void noteElementCopy(const ValueDecl *D, const Expr *Value);

  const FunctionDecl *Fn;
  ASTContext &Ctx;
  llvm::DenseMap<const Stmt *, const Stmt *> Parent;
  llvm::DenseMap<const VarDecl *, const DeclStmt *> DeclOf;
  llvm::DenseMap<const ValueDecl *, const Expr *> AliasInit;
  /// Local \p D, initialised, is written once more, with a null constant,
  /// in the loop its declaration is in (or none), after no label that
  /// follows its declaration, by name only, and nothing names it after
  /// that (`char *q = s.a; free(q); q = NULL;`): until then it still names
  /// what its initialiser does.
  bool clearedLast(const ValueDecl *D) const;
  mutable llvm::DenseMap<const ValueDecl *, bool> ClearedLast;
  /// Per local: the one variable copied into it, or null once anything
  /// else is written.
  llvm::DenseMap<const ValueDecl *, const ValueDecl *> Copies;
  /// The same for copies of array elements (no Array: anything else).
  llvm::DenseMap<const ValueDecl *, Element> ElementCopies;
  /// Local arrays an element of which is written or has its address taken.
  llvm::DenseSet<const VarDecl *> ElementsWritten;
  /// The elements given a value other than a constant, by address too,
  /// or copied into a local, by a constant index, and the arrays one of
  /// whose elements is so written by another index.
  llvm::DenseSet<std::pair<const VarDecl *, uint64_t>> WrittenElements;
  llvm::DenseSet<const VarDecl *> AnyElementWritten;
  /// The elements given a constant (Index ~0: by an index not constant).
  struct ConstElementWrite {
    const VarDecl *Array;
    uint64_t Index;
    const Stmt *Where;
  };
  std::vector<ConstElementWrite> ConstElementWrites;
  /// `a = b = v`: a and b hold the same value.
  void noteChain(const ValueDecl *Outer, const Expr *Value);
  /// b, when \p Value is `b = v` with b a variable and the chain stores
  /// no constant (`b = c = NULL`).
  const VarDecl *chainedTarget(const Expr *Value) const;
  /// Per local: the locals chained assignments write together with it.
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const ValueDecl *, 1>>
      Chained;
  llvm::DenseSet<const ValueDecl *> Written;
  /// Per local or parameter: the references to it, and those that read its
  /// value or assign it (the rest bind a reference or take its address).
  llvm::DenseMap<const ValueDecl *, unsigned> Refs, PlainUses;
  /// Per local pointer, the calls it is given to by address.
  llvm::DenseMap<const ValueDecl *, unsigned> OutArgs;
  /// Per integer local, the calls it is given to by address; and those
  /// given to calls only so, in the order first seen.
  llvm::DenseMap<const ValueDecl *, unsigned> LentArgs;
  llvm::SmallVector<const ValueDecl *, 2> Lent;
  /// Per local pointer, its values read only to dereference them (`*p`),
  /// to test them (`p`, `p != NULL`) or to give them as they are to a
  /// call.
  llvm::DenseMap<const ValueDecl *, unsigned> DerefOrPassed;
  llvm::DenseSet<const ValueDecl *> Escaping; ///< captured by a lambda
  llvm::DenseMap<const ValueDecl *, unsigned> Writes;
  llvm::DenseMap<const ValueDecl *, unsigned> ValueWrites;
  /// Per local, the statements that give it a value (an assignment, `&v`,
  /// its declaration; not pointer arithmetic on it).
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const Stmt *, 2>>
      WriteSites;
  llvm::DenseMap<const ValueDecl *, unsigned> SelfReplacing;
  std::vector<const Expr *> Candidates;
  std::vector<Copy> CopyStmts;
  std::vector<const BinaryOperator *> IndirectStores;
  std::vector<Load> IndirectLoads;
  /// Records `x = E` / `T x = E` of local \p To in IndirectLoads when
  /// \p Value reads a field or through a pointer.
  void noteLoad(const Stmt *Where, const VarDecl *To, const Expr *Value);
};

} // namespace clang::tidy::raii

#endif
