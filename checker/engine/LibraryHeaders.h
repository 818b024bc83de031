//===- LibraryHeaders.h - the library's functions, wherever declared ------===//
//
// Which functions the engine takes as a library's: declared in a system
// header (support/LibraryFunctions.h), or, with no body in the translation
// unit, named by a rule or declared in the same header as a function a
// rule names, the header lying outside the project's tree (the directory
// above the main file's). The last covers the libraries a build reaches
// with `-I` rather than `-isystem` (`pkg-config --cflags glib-2.0` gives
// `-I/usr/include/glib-2.0`, soci `-I/usr/include/postgresql`): clang calls
// their headers the project's, but an installed header that declares
// `PQconnectdb` or `g_free` is the library's API, and its other functions
// (`PQexec`, `g_hash_table_lookup`) borrow what they are given like the
// rest of the library. A header of the project's own tree (a `compat.h`
// declaring `strndup` beside `list_push`, the project's API its own rule
// file describes) is not.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_LIBRARYHEADERS_H
#define RAII_TIDY_ENGINE_LIBRARYHEADERS_H

#include "catalog/RuleCatalog.h"

namespace clang::tidy::raii {

/// \p FD is a library's function: see the file comment.
bool isLibraryApi(const FunctionDecl *FD, const RuleCatalog &Cat);

/// Forgets the headers found (at the start of a translation unit).
void clearLibraryHeaders();

} // namespace clang::tidy::raii

#endif
