//===- NameMatcher.cpp ----------------------------------------------------===//
#include "support/NameMatcher.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::raii {

std::string qualifiedNameOf(const NamedDecl *D) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  if (!D->getDeclName().isIdentifier())
    return D->getNameAsString();
  Parts.push_back(D->getName());
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName());
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      if (RD->getIdentifier())
        Parts.push_back(RD->getName());
    }
  }
  std::string Result;
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    if (!Result.empty())
      Result += "::";
    Result += *It;
  }
  return Result;
}

NameMatcher::NameMatcher(llvm::ArrayRef<llvm::StringRef> Names) {
  for (llvm::StringRef N : Names) {
    N = N.trim();
    if (!N.empty())
      Entries.push_back(N.str());
  }
}

NameMatcher::NameMatcher(const std::vector<std::string> &Names) {
  for (const std::string &N : Names) {
    llvm::StringRef T = llvm::StringRef(N).trim();
    if (!T.empty())
      Entries.push_back(T.str());
  }
}

bool NameMatcher::matchesName(llvm::StringRef Qualified) const {
  for (llvm::StringRef E : Entries) {
    if (E.consume_front("::")) {
      if (Qualified == E)
        return true;
      continue;
    }
    if (Qualified == E)
      return true;
    if (Qualified.size() > E.size() + 2 && Qualified.ends_with(E) &&
        Qualified.drop_back(E.size()).ends_with("::"))
      return true;
  }
  return false;
}

bool NameMatcher::matches(const NamedDecl *D) const {
  if (!D || Entries.empty())
    return false;
  D = cast<NamedDecl>(D->getCanonicalDecl());
  auto [It, Inserted] = Cache.try_emplace(D, false);
  if (Inserted)
    It->second = matchesName(qualifiedNameOf(D));
  return It->second;
}

} // namespace clang::tidy::raii
