//===- IncludePlacement.cpp - the includes the fixes of one unit insert ---===//
#include "fixes/IncludePlacement.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::raii {

namespace {
struct Insertions {
  /// File and header of every insertion made.
  llvm::StringSet<> Headers;
  /// Per file and offset, the insertions made there.
  llvm::DenseMap<std::pair<unsigned, unsigned>, unsigned> At;
};
Insertions &insertions() {
  static Insertions I;
  return I;
}
} // namespace

void resetIncludeInsertions() {
  insertions().Headers.clear();
  insertions().At.clear();
}

std::optional<FixItHint> includeInsertion(utils::IncludeInserter &Inserter,
                                          FileID File, llvm::StringRef Header,
                                          const SourceManager &SM) {
  Insertions &I = insertions();
  const std::string Key =
      std::to_string(File.getHashValue()) + "\n" + Header.str();
  if (!I.Headers.insert(Key).second)
    return std::nullopt;
  std::optional<FixItHint> Fix = Inserter.createIncludeInsertion(File, Header);
  if (!Fix)
    return std::nullopt;
  SourceLocation Loc = Fix->RemoveRange.getBegin();
  const unsigned Offset = SM.getFileOffset(Loc);
  const unsigned Before = I.At[{File.getHashValue(), Offset}]++;
  llvm::StringRef Text = Fix->CodeToInsert;
  // The second header for this place: `\n#include <h>` at the end of the
  // line before. (A third would meet the second; clang-tidy's own --fix
  // still merges it.)
  if (Before == 1 && Offset > 0 && Text.ends_with("\n") &&
      SM.getBufferData(File)[Offset - 1] == '\n') {
    std::string Moved = "\n" + Text.drop_back().str();
    return FixItHint::CreateInsertion(Loc.getLocWithOffset(-1), Moved);
  }
  return Fix;
}

} // namespace clang::tidy::raii
