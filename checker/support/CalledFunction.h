//===- CalledFunction.h - which function does this call call? ------------===//
//
// A call's direct callee, or the function a local function-pointer variable
// holds when nothing can have changed it (and, the piece it rests on, the
// function an expression designates): initialised with a function and
// only ever read in its function (`void (*sink)(char *) = consume; ...
// sink(data);`). The catalog and the engine ask this where a rule, a
// summary, a hand-off or the nothrow policy is looked up, so such a call
// gets the rules and summaries of the function it reaches. Also which of
// a call's arguments go to the callee's parameters.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_CALLEDFUNCTION_H
#define RAII_TIDY_SUPPORT_CALLEDFUNCTION_H

namespace clang {
class CallExpr;
class Expr;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace clang::tidy::raii {

/// The function \p Call calls, or null when it is not known.
const FunctionDecl *calledFunction(const CallExpr *Call);

/// The index of \p Call's first argument that is a parameter's: 1 for a
/// member operator call (`functor(&p)`, `a = b`), whose first argument is
/// the object, else 0. Argument I then goes to parameter I minus it.
unsigned firstParameterArgument(const CallExpr *Call);
/// The variable \p Call calls through (`sink(x)`, `(*sink)(x)`), or null.
const VarDecl *calleeVariable(const CallExpr *Call);
/// Every reference to \p V in \p Body only reads its value: no write, no
/// address taken, no reference bound to it.
bool onlyRead(const Stmt *Body, const VarDecl *V);

/// The function \p E designates (`f`, `&f`, through parentheses and casts:
/// `(void *) f`), or null.
const FunctionDecl *designatedFunction(const Expr *E);

} // namespace clang::tidy::raii

#endif
