//===- PathFacts.h - what a path knows about the values its branches test -===//
//
// ESP's execution state (Das, Lerner, Seigle, PLDI 2002), kept small: per
// path, a few facts about values the function's conditions read, so that a
// branch that contradicts them is not taken on that path.
//
// A fact is either the value of a tracked local or parameter (`x == 3`,
// `x != 0`, `n >= 1`), learnt from an assignment of a constant, from a
// read through a pointer (`p->next`: p is not null), from a
// branch, from the edge of `switch (x)` into `case 3:`, or from merged
// paths that counted up, or
// the truth of a condition without effects (`p->verbose`, `u != NULL`,
// `n > 0`, `opts.enabled()`), or the value of such an expression compared
// with a constant when it reads only locals and what is reached through
// a pointer to const (`(st->st_mode & S_IFMT) == S_IFREG` rules out `==
// S_IFLNK`; `c->state == OPENING` does not rule out `== CLOSED` after a
// call) or a cell parameter (`*mustFree`, BodyIndex::cellParameter), learnt
// from a branch or from a store of a constant into the cell, and
// forgotten when the body writes something it reads. A tracked variable
// is one whose writes the body shows by name: a scalar local or parameter
// whose address is not taken, no reference bound to it, not captured; or
// an integer local whose address only goes to calls (`check(&r)`), which
// every call forgets, as a callee may have kept the address.
// Fields and globals read
// by a condition (a local struct's fields too, `cfg.file`, but for calls
// given its address) count as unchanged by the calls in between (as the
// conditions of one function almost always mean them); a write to them in
// the body forgets what was known.
//
// A string compared with a literal by the C library (`!strcmp(action,
// "add")`) spells it on the equal branch: a comparison with another
// literal differs there, until the variable is written; only a `const
// char *` local or parameter given literals, call results or such
// parameters (ConditionFacts::unwritableString).
//
// Conditions also read values that never change (ConstantValues): file
// statics never written, `const` globals, functions returning a constant;
// with those a branch goes one way on every path.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_PATHFACTS_H
#define RAII_TIDY_ENGINE_PATHFACTS_H

#include "engine/ConstantValues.h"
#include "engine/FunctionContext.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <deque>
#include <optional>

namespace clang::tidy::raii {

struct Fact {
  enum KindT : uint8_t {
    Equals,  ///< tracked variable Subject has Value
    Differs, ///< tracked variable Subject has not Value
    AtLeast, ///< tracked integer variable Subject is Value or more
    Names,   ///< tracked variable Subject has the value of expression Other
    Holds,   ///< condition Subject is true
    Fails,   ///< condition Subject is false
    /// Expression Subject (`m & S_IFMT`, `st->kind`) has / has not Value.
    ExprEquals,
    ExprDiffers,
    /// Expression Subject has Value or Value2 (paths that tested it equal
    /// to either, merged: `S_ISREG(m) || S_ISDIR(m)`).
    ExprOneOf,
    /// The string expression Subject reads (`action`, `argv[1]`) spells
    /// the literal Other, in its case or (Value 1) ignoring case: learnt
    /// where `strcmp(action, "add") == 0`, it rules out "delete".
    Spells,
  };
  /// \p K says the subject has Value (Equals, ExprEquals).
  static bool saysEqual(KindT K) { return K == Equals || K == ExprEquals; }
  /// \p K says the subject has not Value (Differs, ExprDiffers).
  static bool saysDiffers(KindT K) { return K == Differs || K == ExprDiffers; }
  const void *Subject; ///< a VarDecl, or an expression's interned record
  const void *Other;   ///< Names: the expression's interned record
  int64_t Value;
  KindT Kind;
  int64_t Value2 = 0; ///< ExprOneOf's second value
  bool operator==(const Fact &O) const {
    return Subject == O.Subject && Other == O.Other && Value == O.Value &&
           Kind == O.Kind && Value2 == O.Value2;
  }
  /// ExprEquals or ExprOneOf: the expression's possible values are known.
  bool givesValues() const {
    return Kind == ExprEquals || Kind == ExprOneOf;
  }
  /// With givesValues(): whether the expression may have \p K.
  bool mayBe(int64_t K) const {
    return Value == K || (Kind == ExprOneOf && Value2 == K);
  }
};

/// The facts of one path: at most one per subject, at most Cap in all
/// (ConditionFacts::add chooses which goes; add() here drops the oldest; a
/// subject learnt again is the newest).
class FactSet {
public:
  static constexpr unsigned Cap = 12;
  bool empty() const { return Facts.empty(); }
  llvm::ArrayRef<Fact> facts() const { return Facts; }
  const Fact *find(const void *Subject) const;
  void add(const Fact &F);
  template <typename Pred> void forgetIf(Pred P) { llvm::erase_if(Facts, P); }
  /// Keeps what both this and \p O say (the facts of a merge: `x == -1`
  /// and `x != 0` give `x != 0`, `x == 1` and `x == 2` give `x >= 1`);
  /// true if this changed.
  bool intersect(const FactSet &O);

private:
  llvm::SmallVector<Fact, 4> Facts;
};

/// The facts' transfer function and branch decisions, for one function.
class ConditionFacts {
public:
  ConditionFacts(const FunctionContext &C, ConstantValues &Values)
      : C(C), Values(Values) {}

  /// Before the fixpoint: \p Elements, the statements the CFG has as
  /// elements of their own (a call inside an assignment is one; the rest of
  /// an element's sub-expressions are applied with it), and \p Branches,
  /// the conditions of the CFG's branches. A fact is kept only about what
  /// some branch tests: a variable a condition reads, a condition tested
  /// at two branches or more, or in a loop (one tested once is of no use
  /// after it).
  void prepare(llvm::DenseSet<const Stmt *> Elements,
               llvm::ArrayRef<const Expr *> Branches);
  /// A write an element makes: an assignment, an increment or a
  /// declaration; \p Maybe: one only some evaluations of the element run.
  /// Or a read through a tracked pointer every evaluation makes (`p->f`):
  /// p is not null after it.
  struct Effect {
    const Stmt *S;
    bool Maybe;
    /// S is a call's argument that may let the callee change a cell.
    bool Passed = false;
    /// S is a call, which may write the locals lent to calls before
    /// (BodyIndex::lentToCalls).
    bool WritesLent = false;
    /// S is a call of a function of the file that writes globals
    /// (ConstantValues::globalsWrittenBy).
    bool WritesGlobals = false;
  };
  /// What CFG element \p S writes, in the order it happens (its own
  /// sub-expressions that are elements of their own aside).
  llvm::ArrayRef<Effect> writesOf(const Stmt *S);
  /// Applies what CFG element \p S writes to \p F.
  void apply(const Stmt *S, FactSet &F);
  /// The value of branch condition \p Cond on a path with \p F, when the
  /// facts decide it.
  std::optional<bool> decide(const Expr *Cond, const FactSet &F);
  /// Records in \p F that \p Cond was \p Branch. \p Loop: \p Cond is a
  /// loop's, tested again after the body: only what the body's own writes
  /// would change is kept (a loop waits for the fields and globals a
  /// condition reads to change behind calls).
  void assume(const Expr *Cond, bool Branch, FactSet &F, bool Loop);
  /// Whether the facts of \p F let `switch (Cond)` take its `case K:`
  /// (false: they rule K out), when they decide it.
  std::optional<bool> decideCase(const Expr *Cond, int64_t K,
                                 const FactSet &F);
  /// Records in \p F that `switch (Cond)` took its `case K:`.
  void assumeCase(const Expr *Cond, int64_t K, FactSet &F);

  /// The parameter \p E dereferences, when E is `*p` and p is a cell
  /// (BodyIndex::cellParameter).
  static const VarDecl *cellOf(const Expr *E, const BodyIndex &B);

private:
  /// The tracked variable `switch (Cond)` switches on, if Cond is one.
  const VarDecl *switchedVar(const Expr *Cond);
  /// An expression without effects, interned: its record's address is the
  /// subject of the facts about it.
  struct Record {
    llvm::FoldingSetNodeID ID;
    llvm::SmallVector<const Decl *, 2> Reads;
    bool LocalOnly = true; ///< reads tracked locals and constants only
    /// The expression, when the record is of one (not of a comparison).
    const Expr *E = nullptr;
    /// A comparison that bounds a tracked variable: `BoundVar < BoundK`
    /// (VarFirst) or `BoundK < BoundVar`, no conversion changing a sign.
    const VarDecl *BoundVar = nullptr;
    int64_t BoundK = 0;
    bool VarFirst = false;
    /// A test of bit Bit of tracked variable BitVar (`flags & GLOB_APPEND`):
    /// decided by a value of the variable the path knows.
    const VarDecl *BitVar = nullptr;
    uint64_t Bit = 0;
  };
  /// One side of a comparison, or a condition tested for truth.
  struct Operand {
    const VarDecl *Var = nullptr;       ///< a tracked variable
    std::optional<int64_t> Const;       ///< a value that never changes
    const Record *Rec = nullptr;        ///< the expression, if trackable
  };
  /// A branch condition, normalised: `!e`, `e == 0` and `e != 0` test e;
  /// every comparison is `a == b` or `a < b`, perhaps negated, with the
  /// operands perhaps swapped (`a >= b` is `!(a < b)`, `a > b` is `b < a`);
  /// `x & K` and `~x & K`, K one bit, test that bit of x (the second
  /// negated).
  struct Leaf {
    bool Neg = false;
    BinaryOperatorKind Op = BO_Comma; ///< BO_EQ, BO_LT, or BO_Comma: a
                                      ///< truth test of A
    Operand A, B;
    const Expr *AE = nullptr, *BE = nullptr; ///< a comparison's operands
    const Record *Rec = nullptr; ///< the comparison or test as a whole
    /// A C library string comparison against a literal (`strcmp(s, "add")`,
    /// `strcasecmp`, tested for truth: true where they differ) of a string
    /// variable s the function cannot rewrite: the record of the string s
    /// spells, and the literal.
    const Record *Spelled = nullptr;
    const StringLiteral *Literal = nullptr;
    bool IgnoresCase = false;
    /// A tracked integer variable tested for truth, or compared with a
    /// constant with no conversion changing a sign: what bounds the
    /// variable may decide it.
    const VarDecl *Bounded = nullptr;
  };
  const Leaf &leaf(const Expr *Cond);
  /// Fills \p L's Spelled, Literal, IgnoresCase when \p E compares a
  /// string with a literal by the C library's strcmp or strcasecmp.
  void stringComparison(const Expr *E, Leaf &L);
  /// What a Spells fact \p Known says of the test of \p L: true where
  /// they differ (the comparison's truth).
  static std::optional<bool> decideSpelling(const Leaf &L, const Fact &Known);
  /// \p V is a string the function cannot rewrite behind the facts' back:
  /// a local or parameter pointer to const char, its address never taken,
  /// whose every value is a literal, a call's result, null or another such
  /// parameter (not the function's own buffer, not a field or global
  /// another call may refill).
  bool unwritableString(const VarDecl *V);
  llvm::DenseMap<const VarDecl *, bool> UnwritableStrings;
  const Operand &operand(const Expr *E);
  const Record *record(const Expr *E);
  Record *comparison(BinaryOperatorKind Op, const Expr *L, const Expr *R);
  /// The test of bit \p Bit (a power of two) of \p X.
  const Record *bitTest(const Expr *X, uint64_t Bit);
  Record *intern(const llvm::FoldingSetNodeID &ID,
                 llvm::ArrayRef<const Expr *> Parts);
  /// True if comparison \p BO of tracked \p V with constant \p K bounds
  /// V's own value.
  bool boundable(const BinaryOperator *BO, const VarDecl *V,
                 int64_t K) const;
  /// Leaf \p L's test of a tracked variable that holds the value of an
  /// expression (`int fd = f->fd;`), as a test of that expression (`f->fd
  /// < 0` for `fd < 0`), when \p F says it does.
  const Record *throughCopy(const Leaf &L, const FactSet &F);
  /// A tracked variable given the truth of a condition (`int own = (fp ==
  /// NULL);`) whose operands are unchanged since: a branch on the same
  /// condition (\p L, \p Truth) also tells the variable's truth, which
  /// outlives a later write of the operands (`fp = fopen(..)`).
  void flagsOf(const Leaf &L, bool Truth, FactSet &F);
  /// What the facts of \p F decide about leaf \p L from the bounds they
  /// put on its variable.
  static std::optional<bool> decideByBounds(const Leaf &L, const FactSet &F);
  bool tracked(const VarDecl *V) const;
  /// \p V, a local struct or union, is used only by its fields (`o.f`),
  /// whole (`a = o;`, `o = b;`), or by address given straight to a call
  /// (`init(&o)`, `read(fd, &o, n)`), which forgets what was known of it:
  /// the body shows every change to it but through those calls.
  bool aggregateShown(const VarDecl *V);
  /// The local struct or union whose address, or a field's reached with
  /// `.`, \p Arg gives a call (`&o`, `&o.in`), if any.
  static const VarDecl *aggregateAddressed(const Expr *Arg);
  static std::optional<int64_t> valueOf(const Operand &O, const FactSet &F);
  std::optional<bool> decideLeaf(const Leaf &L, const FactSet &F);
  /// Adds \p Fa to \p F; a full set first drops the fact whose subject
  /// the fewest branches at or after the point applied last test (a
  /// branch in a loop around it counts as ahead), the oldest of those.
  void add(FactSet &F, const Fact &Fa);
  /// The branches testing each subject; where a branch is, and the
  /// outermost loop around it, found when a full set first needs them.
  llvm::DenseMap<const void *, llvm::SmallVector<const Expr *, 2>> Sites;
  struct Site {
    unsigned Offset, LoopBegin, LoopEnd;
  };
  llvm::DenseMap<const Expr *, Site> SiteCache;
  const Site &siteOf(const Expr *Cond);
  bool SitesReady = false;
  /// Where the transfer function is (apply, assume).
  const Stmt *NowAt = nullptr;
  /// The file the body starts in; whether a `goto` jumps back to a label.
  FileID BodyFile;
  bool BackwardJump = false;
  unsigned offsetOf(const Stmt *S, bool End = false) const;
  /// How many of \p Subject's branches are at or after file offset \p Now
  /// (or behind it in a loop around it); with \p Nearest, how far ahead
  /// the next of them is (~0u: none, or not known); with \p Wraps, whether
  /// all of them are behind it (the loop's next round).
  unsigned testsAhead(const void *Subject, unsigned Now,
                      unsigned *Nearest = nullptr, bool *Wraps = nullptr);
  /// The facts Holds / Fails of record \p R.
  static std::optional<bool> truthOf(const Record *R, const FactSet &F);
  /// Adds \p New to \p F; a bound on a variable replaces the weaker one of
  /// its side, or is dropped if one as strong is known.
  void addBound(const Fact &New, FactSet &F);
  /// Forgets what \p F knows about \p D and about expressions reading it.
  static void forget(const Decl *D, FactSet &F);
  /// The fact tracked variable \p V has once \p Value is stored in it.
  std::optional<Fact> stored(const VarDecl *V, const Expr *Value,
                             const FactSet &F);
  /// The cell parameters and the types they point to, as aliasing sees
  /// them (PathFactsCells.cpp).
  struct Cell {
    const ParmVarDecl *Param;
    QualType Type;
  };
  llvm::SmallVector<Cell, 1> Cells;
  void prepareCells();
  /// The variable \p LValue is, or whose field or element it is reached
  /// without a pointer (`v`, `s.f`, `a[i]` of an array): its address is
  /// never null. Null otherwise.
  static const VarDecl *storageRoot(const Expr *LValue);
  /// \p LValue is storage of the function's own (a local, a field or
  /// element of one): no cell points there.
  bool localStorage(const Expr *LValue) const;
  /// Adds \p P to \p Hit if it is a cell.
  void cellOfParameter(const ParmVarDecl *P,
                       llvm::SmallVectorImpl<const VarDecl *> &Hit) const;
  /// Adds the cells pointing to \p T's type (every cell if \p Whole) to
  /// \p Hit.
  void cellsOfType(QualType T, bool Whole,
                   llvm::SmallVectorImpl<const VarDecl *> &Hit) const;
  /// \p Pointer points into the function's own storage.
  bool intoLocal(const Expr *Pointer) const;
  /// The cells a store to \p LHS may change.
  void cellsStoredTo(const Expr *LHS,
                     llvm::SmallVectorImpl<const VarDecl *> &Hit) const;
  /// The cells a call given \p Arg for a parameter of \p ParamType (null:
  /// none declared) may change.
  void cellsPassed(const Expr *Arg, QualType ParamType,
                   llvm::SmallVectorImpl<const VarDecl *> &Hit) const;
  /// The cells call argument \p Arg may let its callee change.
  void cellsOfArgument(const Expr *Arg,
                       llvm::SmallVectorImpl<const VarDecl *> &Hit) const;
  /// Forgets what \p F knows of expressions reading any of \p Hit
  /// (variables, or fields: `st.verbose` reads st and verbose).
  static void forgetReading(llvm::ArrayRef<const Decl *> Hit, FactSet &F);
  static void forgetReading(llvm::ArrayRef<const VarDecl *> Hit, FactSet &F) {
    llvm::SmallVector<const Decl *, 4> Decls(Hit.begin(), Hit.end());
    forgetReading(llvm::ArrayRef<const Decl *>(Decls), F);
  }
  /// A write to \p LHS by \p Op; null \p Op: a write of an unknown value.
  void write(const Expr *LHS, const Stmt *Op, FactSet &F);
  /// Appends the writes of \p S to \p Out in the order they happen.
  void effects(const Stmt *S, bool Top, bool Maybe,
               llvm::SmallVectorImpl<Effect> &Out) const;
  void replay(const Effect &E, FactSet &F);
  /// The pointer variable \p S reads through (`p->f`, `*p`), if any.
  static const VarDecl *dereferenced(const Stmt *S);

  const FunctionContext &C;
  ConstantValues &Values;
  std::deque<Record> Records;
  llvm::DenseMap<unsigned, llvm::SmallVector<Record *, 1>> ByHash;
  llvm::DenseMap<const Expr *, Leaf> Leaves;
  llvm::DenseMap<const Expr *, Operand> Operands;
  llvm::DenseMap<const VarDecl *, bool> ShownAggregates;
  llvm::DenseSet<const Stmt *> Elements;
  /// Per element applied so far, its writes.
  llvm::DenseMap<const Stmt *, llvm::SmallVector<Effect, 1>> Effects;
  /// How many branches test each condition record and read each tracked
  /// variable.
  llvm::DenseMap<const void *, unsigned> Tested;
  bool useful(const void *Subject, unsigned Min) const {
    return Tested.lookup(Subject) >= Min;
  }
};

} // namespace clang::tidy::raii

#endif
