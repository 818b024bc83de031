//===- IncludePlacement.h - the includes the fixes of one unit insert -----===//
//
// Every guard fix that needs a header inserts it through here, so that the
// fixes of a translation unit, whichever raii-* check makes them, insert a
// header into a file once, and two different headers that would go at the
// same place (`<memory>` and `<mutex>` after the same include) are not two
// insertions at one offset: clang-apply-replacements refuses those and then
// applies none of the unit's fixes. The second is written at the end of the
// line before instead, which gives the same lines. A place inside an `#if`
// block of the file (the header guard aside) moves to the line of the
// block's `#if`: a platform's includes (`#ifndef _WIN32 #include <unistd.h>
// #endif`) often end the list the inserter appends to.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_FIXES_INCLUDEPLACEMENT_H
#define RAII_TIDY_FIXES_INCLUDEPLACEMENT_H

#include "clang-tidy/utils/IncludeInserter.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>

namespace clang::tidy::raii {

/// The insertion of `#include <Header>` (or `"Header"`) into \p File through
/// \p Inserter, or nullopt if the file has it or a fix of this unit already
/// inserts it.
std::optional<FixItHint> includeInsertion(utils::IncludeInserter &Inserter,
                                          FileID File, llvm::StringRef Header,
                                          const SourceManager &SM);

/// Forgets the insertions of the last translation unit.
void resetIncludeInsertions();

} // namespace clang::tidy::raii

#endif
