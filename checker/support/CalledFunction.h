//===- CalledFunction.h - which function does this call call? ------------===//
//
// A call's direct callee, or the function a local function-pointer variable
// holds when nothing can have changed it: initialised with a function and
// only ever read in its function (`void (*sink)(char *) = consume; ...
// sink(data);`). The catalog and the engine ask this instead of
// getDirectCallee(), so such a call gets the rules and summaries of the
// function it reaches.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_CALLEDFUNCTION_H
#define RAII_TIDY_SUPPORT_CALLEDFUNCTION_H

namespace clang {
class CallExpr;
class FunctionDecl;
} // namespace clang

namespace clang::tidy::raii {

/// The function \p Call calls, or null when it is not known.
const FunctionDecl *calledFunction(const CallExpr *Call);

} // namespace clang::tidy::raii

#endif
