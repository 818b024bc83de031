//===- LockGuardPlanner.h - one lock's rewrite into a guard ---------------===//
//
// The Planner behind planLockGuardRewrite() (LockGuardRewrite.h), shared by
// its files: where the guard goes and which releases it replaces
// (LockGuardPlacement.cpp), the edits for each guard form
// (LockGuardSpelling.cpp), and the locks of one `std::lock(a, b)` taken
// together (LockGuardRewrite.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_FIXES_LOCKGUARDPLANNER_H
#define RAII_TIDY_FIXES_LOCKGUARDPLANNER_H

#include "fixes/LockGuardRewrite.h"
#include "engine/BodyIndex.h"
#include "fixes/StatementEdits.h"
#include "clang/AST/ASTContext.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::raii::lockguard {

/// The locks of the `std::lock(a, b)` calls whose fix this translation
/// unit made, by argument, with the guard that fix declares for each: the
/// findings of the other locks get no fix of their own (the one fix covers
/// them), and their messages name that guard.
llvm::DenseMap<const Expr *, std::string> &lockEachFixed();

/// `std::lock(a, b, ...)`: the locks it takes, rewritten together.
GuardRewrite planLockEach(const FunctionAnalysis &FA, unsigned Acq,
                          llvm::StringRef Template, ASTContext &Ctx);

class Planner {
public:
  Planner(const FunctionAnalysis &FA, unsigned Acq, LockGuardForm Form,
          llvm::StringRef GuardTemplate, ASTContext &Ctx)
      : FA(FA), A(FA.Acquisitions[Acq]), Form(Form), Template(GuardTemplate),
        Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()),
        Body(FA.Fn, Ctx) {}

  GuardRewrite run();
  /// Decides placement: the refusal, or nullopt with \p Kept the releases
  /// that stay releases.
  std::optional<std::string> prepare(llvm::SmallVectorImpl<const Expr *> &Kept);

  // What prepare() found, for planLockEach (one lock of `std::lock`).
  const std::string &objText() const { return ObjText; }
  QualType objType() const { return ObjType; }
  const Expr *obj() const { return Obj; }
  const CompoundStmt *scope() const { return Scope; }
  /// Release statements of the other locks of one `std::lock`.
  void addSibling(const Expr *Release) {
    if (const Stmt *S = statementOf(Release))
      Siblings.insert(S);
  }
  const Stmt *lockStmt() const { return LockStmt; }
  /// The edits of the releases for a guard named \p Name: deleted, or
  /// `Name.unlock()` for those in \p Kept.
  void editReleases(llvm::ArrayRef<const Expr *> Kept, llvm::StringRef Name,
                    GuardRewrite &Out) const;

private:
  static GuardRewrite refuse(std::string Why) {
    return GuardRewrite::refused(std::move(Why));
  }
  bool before(const Stmt *X, const Stmt *Y) const {
    return endsBefore(X, Y, SM);
  }
  /// The statement of a compound statement that \p E is, alone or cast to
  /// `void` (`(void)pthread_mutex_unlock(&m);`), or null.
  const Stmt *statementOf(const Expr *E) const;
  /// The `if` of a block whose whole condition is try-lock \p MC (`if
  /// (m.try_lock())`, no initialiser, no `else if` chain above it), or its
  /// negation when the branch leaves the block on every path and there is
  /// no `else` (`if (!m.try_lock()) return;`, sets TryNegated), or null.
  const IfStmt *tryLockBranch(const CXXMemberCallExpr *MC);
  /// The `if` of a block whose whole condition says lock call \p C failed
  /// (`lock(&m)`, `lock(&m) != 0`, `0 != lock(&m)` for a lock that returns
  /// zero on success; `!lock(&m)` for one that returns true), with no
  /// `else`, no initialiser, and a branch that leaves the block on every
  /// path, or null.
  const IfStmt *failureBranch(const CallExpr *C);
  /// True if every path through \p S ends with a jump out of the lock's
  /// block: `return`, `throw`, or a `break`, `continue` or `goto` leaving
  /// it.
  bool leavesBlock(const Stmt *S) const;
  /// The compound statement \p S is directly a statement of, or null.
  const CompoundStmt *blockOf(const Stmt *S) const {
    return dyn_cast_or_null<CompoundStmt>(Body.parent(S));
  }
  /// True if jump \p J leaves the lock's block.
  bool leavesScope(const Stmt *J) const { return jumpLeaves(J, Scope, Body); }
  /// True if the release \p R can be deleted: the guard would release at
  /// the same point, with nothing destroyed in between.
  bool deletable(const Expr *R) const;
  /// A local declared after the lock, destroyed when leaving the scopes
  /// around \p R, whose destructor would run under the guard.
  bool destroyedUnderGuard(const Stmt *R) const;
  /// Why a jump could cross the guard's declaration, if one can: a label or
  /// `case` after the lock, a `goto` back to a label before it.
  std::optional<std::string> jumpPastGuard(const Stmt *S) const;
  void collectDestroyed(const Stmt *S);
  /// Checks the releases of a lock taken by a member call, and spells the
  /// object for the guard's constructor; refusal in \p Why.
  bool memberLock(const CXXMemberCallExpr *MC, std::string &Why);
  /// The same for a lock taken by a call given the object as an argument.
  bool callLock(const CallExpr *C, std::string &Why);
  /// The same for one of the locks `std::lock(a, b)` takes.
  bool eachLock(std::string &Why);
  /// True if every release is a member call on \p Object (`m.unlock()`);
  /// otherwise the reason in \p Why.
  bool releasedByMembersOf(const Expr *Object, std::string &Why);
  /// The edits, once placement is decided: \p Kept are the releases that
  /// stay releases.
  GuardRewrite spell(llvm::ArrayRef<const Expr *> Kept);
  /// The forms that keep the lock call: guard declaration \p Decl after the
  /// lock's statement, each release deleted or followed by \p Disarm
  /// (through \p EditRelease), added to \p Out.
  GuardRewrite
  guardAfterLock(const std::string &Decl, const std::string &Disarm,
                 llvm::function_ref<bool(const Expr *, llvm::StringRef)>
                     EditRelease,
                 GuardRewrite &Out);
public:
  /// `<std::mutex>`: the argument list of a guard for mutex type \p T,
  /// spelled out where there is no class template argument deduction.
  std::string templateArgs(QualType T) const {
    return "<" + T.getUnqualifiedType().getAsString(Ctx.getPrintingPolicy()) +
           ">";
  }

private:
  std::string text(SourceRange R) const {
    return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO)
        .str();
  }

  const FunctionAnalysis &FA;
  const Acquisition &A;
  LockGuardForm Form;
  llvm::StringRef Template;
  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  BodyIndex Body;
  const CompoundStmt *Scope = nullptr;
  const Expr *Lock = nullptr;
  const Stmt *LockStmt = nullptr;
  /// A try-lock tested by this `if`: the guard goes before it, with
  /// `std::try_to_lock`, and the condition asks the guard.
  const IfStmt *TryIf = nullptr;
  /// `if (pthread_mutex_lock(&m) != 0) return -1;`: the `if` whose branch
  /// the failed lock takes and leaves the block; the guard goes after it.
  const IfStmt *FailIf = nullptr;
  bool Each = false;       ///< one of the locks of `std::lock(a, b)`
  /// The statements that release the other locks of that `std::lock`.
  llvm::SmallPtrSet<const Stmt *, 4> Siblings;
  bool TryNegated = false; ///< `if (!m.try_lock()) return;`
  /// The duration or time point of a timed try-lock (`try_lock_for(d)`).
  const Expr *TryArg = nullptr;
  /// Locals with a destructor (or a cleanup attribute) declared in the
  /// block after the lock.
  llvm::SmallVector<const VarDecl *, 4> Destroyed;
  /// The locked object as the guard takes it: `m`, `*this` (member locks);
  /// the lock's argument, `&m` (call locks).
  std::string ObjText;
  QualType ObjType;     ///< member locks: the mutex type
  const Expr *Obj = nullptr; ///< the object's expression, for the name
  std::string NameBase;      ///< member locks: the guard's name base
  std::string ReleaseCallee; ///< call locks: the release as spelled
};

} // namespace clang::tidy::raii::lockguard

#endif
