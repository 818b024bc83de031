//===- OutParamsImpl.h - shared by OutParams.h's files --------------------===//
//
// The scan of one function for an acquire into one parameter, shared by
// OutParams.cpp (the shape: the store, the uses, the returns) and
// OutParamsConventions.cpp (what the returns tell the caller).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_OUTPARAMSIMPL_H
#define RAII_TIDY_ENGINE_OUTPARAMSIMPL_H

#include "engine/HandleKey.h"
#include "engine/OutParams.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::raii::outparams {

inline const Expr *strip(const Expr *E) {
  return E ? E->IgnoreParenImpCasts() : nullptr;
}

inline bool namesDecl(const Expr *E, const ValueDecl *D) {
  const auto *R = dyn_cast_or_null<DeclRefExpr>(strip(E));
  return R && R->getDecl() == D;
}

class OutScan {
public:
  OutScan(const FunctionDecl *Def, const ParmVarDecl *P, bool Ref,
          const OutParamRoles &Roles)
      : Def(Def), P(P), Ref(Ref), Roles(Roles),
        Ctx(Def->getASTContext()), SM(Ctx.getSourceManager()) {}

  std::optional<OutParamAcquire> run();

private:
  /// \p LHS is the slot the parameter points to (`*out`, or `out` for a
  /// `T *&`).
  bool isSlot(const Expr *LHS) const {
    LHS = strip(LHS);
    if (Ref)
      return namesDecl(LHS, P);
    const auto *UO = dyn_cast<UnaryOperator>(LHS);
    return UO && UO->getOpcode() == UO_Deref && namesDecl(UO->getSubExpr(), P);
  }
  bool isNull(const Expr *E) const {
    std::optional<int64_t> V = constantValue(strip(E), Ctx);
    return V && *V == 0;
  }
  /// The family of the handle \p V gives (a fresh acquire, or a local only
  /// ever given fresh acquires of one family), with the acquire in \p Site.
  const Family *freshValue(const Expr *V, const Expr *&Site);
  /// Walks \p S with its parents; false at anything the summary cannot
  /// vouch for.
  bool walk(const Stmt *S);
  bool use(const DeclRefExpr *R);
  /// A use of the parameter or of the stored local, Parents[\p Level]
  /// being the expression just above it: tests, comparisons, reads through
  /// it, and arguments of C library calls and `const T *` parameters only.
  bool harmlessRead(size_t Level) const;
  bool before(const Stmt *X) const {
    return SM.isBeforeInTranslationUnit(X->getBeginLoc(),
                                        StoreStart->getBeginLoc());
  }
  /// The store \p S makes, a statement or a block of them with one store
  /// (`*out = ..;`, not of null), or null.
  const BinaryOperator *storeIn(const Stmt *S) const;
  /// Takes the stores of the two arms of \p If (`if (..) *out = a(); else
  /// *out = b();`) as the store, where no return or label sits inside it;
  /// false (nothing taken) otherwise.
  bool armStores(const IfStmt *If);
  /// \p Value, returned after the store, reads the slot or the stored
  /// local: the handle again (`return strcpy(*out, s);`), or whether it
  /// holds one (`return *out != NULL;`), a convention the shape does not
  /// read.
  bool readsSlot(const Expr *Value) const;
  /// \p E reads the slot or the stored local as it is (`*out`, `p`).
  bool namesSlot(const Expr *E) const {
    E = strip(E);
    return isSlot(E) || (Local && namesDecl(E, Local));
  }
  /// \p Cond says the slot holds null (`!*out`, `*out == NULL`).
  bool testsNull(const Expr *Cond) const;
  /// \p Ret, walked now (Parents), is in the branch of an `if` after the
  /// store that the slot holding null takes (`*out = malloc(n); if
  /// (!*out) return 0;`): it returns with nothing stored.
  bool underNullTest(const ReturnStmt *Ret) const;
  /// What the returns give before the store (or under a null test of it)
  /// and after it, when that tells the caller which happened: constants
  /// all zero on one side and none on the other (`errno` or `-errno`
  /// before it counts as not zero).
  std::optional<Success> convention() const;
  /// \p Cond holds where the stored local holds no handle (`fd == -1`,
  /// `fd < 0`, `!p`, `p == NULL`).
  bool testsFailure(const Expr *Cond) const;
  /// Every return gives one local status that keeps its initial constant
  /// K but in the branch of an `if` telling that the acquire failed, where
  /// it is given constants other than K, or `errno` with K zero (lmdb's
  /// mdb_fopen: `int rc = 0; fd = open(..); if (fd == -1) rc = errno; ..
  /// *res = fd; return rc;`): that tells the caller which happened.
  std::optional<Success> statusConvention() const;

  const FunctionDecl *Def;
  const ParmVarDecl *P;
  bool Ref;
  const OutParamRoles &Roles;
  ASTContext &Ctx;
  const SourceManager &SM;
  const BinaryOperator *Store = nullptr;
  /// The else arm's store, when each arm of an `if` stores.
  const BinaryOperator *ElseStore = nullptr;
  const Stmt *StoreStart = nullptr; ///< Store, or the `if` of two arms
  const VarDecl *Local = nullptr; ///< `*out = p;`: p
  InvalidValue Invalid = InvalidValue::None; ///< of the stored acquire
  llvm::SmallVector<const Stmt *, 16> Parents;
  llvm::SmallVector<const ReturnStmt *, 8> Returns;
  llvm::SmallPtrSet<const ReturnStmt *, 4> Failed; ///< underNullTest
};

} // namespace clang::tidy::raii::outparams

#endif
