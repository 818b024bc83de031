//===- NameMatcher.h - match declarations against option name lists -------===//
//
// Options such as GuardTypes hold `;`-separated qualified names. An entry that
// starts with `::` must match the whole qualified name; any other entry matches
// the name's trailing components (`lock_guard` and `std::lock_guard` both match
// `::std::lock_guard`). Inline and anonymous namespaces are ignored, so
// `::std::lock_guard` also matches libc++'s `std::__1::lock_guard`.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_NAMEMATCHER_H
#define RAII_TIDY_SUPPORT_NAMEMATCHER_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::raii {

/// Qualified name without inline/anonymous namespaces and without template
/// arguments, e.g. "std::lock_guard".
std::string qualifiedNameOf(const NamedDecl *D);

class NameMatcher {
public:
  explicit NameMatcher(llvm::ArrayRef<llvm::StringRef> Names);
  explicit NameMatcher(const std::vector<std::string> &Names);

  /// True if \p D's qualified name matches one entry. Results are cached.
  bool matches(const NamedDecl *D) const;
  /// True if the qualified name \p Qualified (no leading `::`) matches.
  bool matchesName(llvm::StringRef Qualified) const;
  bool empty() const { return Entries.empty(); }

private:
  std::vector<std::string> Entries;
  mutable llvm::DenseMap<const NamedDecl *, bool> Cache;
};

} // namespace clang::tidy::raii

#endif
