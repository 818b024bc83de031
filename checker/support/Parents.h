//===- Parents.h - walking up the AST -------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_PARENTS_H
#define RAII_TIDY_SUPPORT_PARENTS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

namespace clang::tidy::raii {

/// The single parent statement of \p S, or null (no parent, a declaration
/// parent, or several parents as in template instantiations).
const Stmt *parentStmt(const Stmt *S, ASTContext &Ctx);

/// The function (or lambda call operator, or block) whose body contains \p S.
const FunctionDecl *enclosingFunction(const Stmt *S, ASTContext &Ctx);

/// Skips upward over implicit wrappers of \p E (ExprWithCleanups,
/// CXXBindTemporaryExpr, MaterializeTemporaryExpr, implicit casts, parens,
/// elidable copies and the functional cast that spells the type), and returns
/// the outermost such expression: what the user wrote as one expression.
const Expr *outermostWrapper(const Expr *E, ASTContext &Ctx);

/// True if \p S is an expression statement whose value is discarded: a child
/// of a compound statement that is not the value of a statement expression,
/// or the body of an if / loop / label / case.
bool isDiscardedStatement(const Stmt *S, ASTContext &Ctx);

} // namespace clang::tidy::raii

#endif
