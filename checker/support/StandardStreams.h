//===- StandardStreams.h - when do the standard iostreams throw? ----------===//
//
// The standard streams report failure in their state (`failbit`, `badbit`):
// a formatted or unformatted input or output function catches what is
// thrown while it runs and sets `badbit`, and `clear` / `setstate` throw
// `std::ios_base::failure` only for the states named in the stream's
// exception mask, which is empty until the program calls `exceptions(mask)`.
// This file says which functions are the streams' own and whether the
// translation unit's code ever sets a mask; the nothrow policy combines the
// two.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_STANDARDSTREAMS_H
#define RAII_TIDY_SUPPORT_STANDARDSTREAMS_H

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace clang::tidy::raii {

/// True if \p FD is a member of a standard stream class (`std::ios_base` and
/// the standard classes derived from it: `basic_ostream`, `basic_ifstream`,
/// `basic_stringstream`, ...), or a function of namespace `std` whose first
/// parameter is a reference to one and whose other parameters name no class
/// or enumeration outside `std` (the inserters and extractors of the
/// standard types, `std::getline`, `std::endl`, `std::flush`, `std::ws`).
/// An inserter
/// template given a project's type (`std::move(os) << widget`) is not: it
/// runs the project's `operator<<`.
bool isStandardStreamFunction(const FunctionDecl *FD);

/// True if code of \p Ctx's translation unit outside system headers calls
/// `exceptions(mask)` on a standard stream, also in an instantiation of a
/// template (one walk, until the first).
bool projectSetsStreamExceptions(const ASTContext &Ctx);

} // namespace clang::tidy::raii

#endif
