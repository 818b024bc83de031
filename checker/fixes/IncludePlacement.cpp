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

/// Where an include meant for \p Offset of file text \p Buf goes so that
/// no `#if` block of the file holds it (clang-tidy's inserter puts it
/// after the last include, which may be a platform's: `#ifndef _WIN32
/// #include <unistd.h> #endif`): the start of the line of the outermost
/// such `#if`. A header guard, the file's first directive when it is an
/// `#ifndef` or `#if !defined`, does not count.
static unsigned outsideConditionals(llvm::StringRef Buf, unsigned Offset) {
  llvm::SmallVector<unsigned, 4> Open; // line starts of the open `#if`s
  bool SeenCode = false, InComment = false;
  bool GuardOpen = false; // Open[0] is the header guard
  for (unsigned Pos = 0; Pos < Offset && Pos < Buf.size();) {
    size_t End = Buf.find('\n', Pos);
    if (End == llvm::StringRef::npos)
      End = Buf.size();
    llvm::StringRef Line = Buf.slice(Pos, End);
    const unsigned Start = Pos;
    Pos = unsigned(End) + 1;
    // Block comments spanning lines are skipped; a directive never
    // starts inside one.
    llvm::StringRef T = Line.ltrim();
    if (InComment) {
      size_t Close = T.find("*/");
      if (Close == llvm::StringRef::npos)
        continue;
      T = T.drop_front(Close + 2).ltrim();
      InComment = false;
    }
    if (T.starts_with("/*") && !T.contains("*/")) {
      InComment = true;
      continue;
    }
    if (T.empty() || T.starts_with("//") || T.starts_with("/*"))
      continue;
    if (!T.consume_front("#")) {
      SeenCode = true;
      continue;
    }
    T = T.ltrim();
    if (T.starts_with("if")) { // #if, #ifdef, #ifndef
      bool Guard = Open.empty() && !SeenCode &&
                   (T.starts_with("ifndef") ||
                    T.drop_front(2).ltrim().starts_with("!defined"));
      if (Open.empty())
        GuardOpen = Guard;
      Open.push_back(Start);
    } else if (T.starts_with("endif") && !Open.empty()) {
      Open.pop_back();
      if (Open.empty())
        GuardOpen = false;
    }
    SeenCode = true;
  }
  const size_t Outer = GuardOpen ? 1 : 0;
  return Open.size() > Outer ? Open[Outer] : Offset;
}

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
  unsigned Offset = SM.getFileOffset(Loc);
  if (unsigned Moved = outsideConditionals(SM.getBufferData(File), Offset);
      Moved != Offset) {
    Loc = Loc.getLocWithOffset(int(Moved) - int(Offset));
    Offset = Moved;
    std::string Text = Fix->CodeToInsert;
    if (!llvm::StringRef(Text).ends_with("\n"))
      Text += "\n";
    if (llvm::StringRef(Text).starts_with("\n"))
      Text.erase(0, 1);
    Fix = FixItHint::CreateInsertion(Loc, Text);
  }
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
