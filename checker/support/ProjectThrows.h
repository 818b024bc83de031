//===- ProjectThrows.h - does the project's own code use exceptions? ------===//
//
// The evidence behind rule 6 of the nothrow policy in its default mode: a
// translation unit whose own code (everything outside system headers: the
// main file and the project's headers) has neither a `throw` nor a `try`
// belongs to a code base that does not use exceptions, so its functions
// whose bodies are elsewhere are taken not to throw. A `try` around code
// that calls only the library's functions by name expects the library's
// exceptions, whatever it catches: not evidence; nor is the safety net
// (std::bad_alloc, std::exception, `...`) around a callback, nor, unless
// allocation is taken to throw (RaiiAllocationMayThrow), a throw of
// `std::bad_alloc` (a replacement `operator new`, a pool allocator).
// Neither is a function a header
// defines and the unit never refers to: like a function of another file,
// it is the project's other code.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_PROJECTTHROWS_H
#define RAII_TIDY_SUPPORT_PROJECTTHROWS_H

namespace clang {
class ASTContext;
}

namespace clang::tidy::raii {

/// True if a declaration of \p Ctx's translation unit outside system headers
/// contains a throw expression or a try statement whose block calls a
/// function of the project
/// (templates are looked at as written, not per instantiation), in the main
/// file or in a function of a header the unit refers to. Walks until the
/// first one.
/// \p OutOfMemoryCounts: a throw of `std::bad_alloc` is evidence too
/// (RaiiAllocationMayThrow: the project's allocators' failures are
/// exceptions its callers see).
bool projectThrowsOrCatches(const ASTContext &Ctx, bool OutOfMemoryCounts);

} // namespace clang::tidy::raii

#endif
