//===- LibraryHeaders.cpp - the library's functions, wherever declared ----===//
//
// isLibraryApi() of LibraryHeaders.h: the headers outside the system's and
// outside the project's tree that declare a function a rule names are
// found once per translation unit, in one walk over its top-level
// declarations (and `extern "C"` blocks).
//
//===----------------------------------------------------------------------===//
#include "engine/LibraryHeaders.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::raii {

namespace {

struct Headers {
  const ASTContext *Ctx = nullptr;
  const RuleCatalog *Cat = nullptr;
  llvm::DenseSet<FileID> Files; ///< headers declaring a rule's function
};

Headers &headers() {
  static Headers H;
  return H;
}

FileID fileOf(const Decl *D, const SourceManager &SM) {
  return SM.getFileID(SM.getExpansionLoc(D->getLocation()));
}

/// The real path of file \p F (`-I inc` finds `inc/compat.h`), or "".
std::string pathOf(const SourceManager &SM, FileID F) {
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(F);
  if (!Entry)
    return "";
  llvm::StringRef Real = Entry->getFileEntry().tryGetRealPathName();
  if (!Real.empty())
    return Real.str();
  llvm::SmallString<256> Abs(Entry->getName());
  llvm::sys::fs::make_absolute(Abs);
  return std::string(Abs);
}

/// The project's tree: the directory above the main file's (`proj/` for
/// `proj/src/main.c`), whose headers (`proj/include/compat.h` declaring
/// `strndup` beside the project's own functions) are never a library's.
std::string projectTree(const SourceManager &SM) {
  const std::string Main = pathOf(SM, SM.getMainFileID());
  llvm::StringRef Dir =
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(Main));
  return Dir.empty() || Dir == "/" ? "" : Dir.str() + "/";
}

void collect(const DeclContext *DC, const RuleCatalog &Cat,
             const SourceManager &SM, llvm::StringRef Tree,
             llvm::DenseSet<FileID> &Out, llvm::DenseSet<FileID> &Seen) {
  for (const Decl *D : DC->decls()) {
    if (const auto *LS = dyn_cast<LinkageSpecDecl>(D)) {
      collect(LS, Cat, SM, Tree, Out, Seen);
      continue;
    }
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->getIdentifier() || isLibraryFunction(FD))
      continue;
    const FileID F = fileOf(FD, SM);
    if (F == SM.getMainFileID() || Out.count(F) || !Cat.isRuleFunction(FD))
      continue;
    if (!Seen.insert(F).second)
      continue;
    const std::string Path = pathOf(SM, F);
    if (!Path.empty() && !Tree.empty() &&
        !llvm::StringRef(Path).starts_with(Tree))
      Out.insert(F);
  }
}

} // namespace

bool isLibraryApi(const FunctionDecl *FD, const RuleCatalog &Cat) {
  if (isLibraryFunction(FD))
    return true;
  // The library's own sources (sqlite3.c defines `sqlite3_finalize`) are
  // read as any other code of the file.
  if (FD->hasBody())
    return false;
  if (Cat.isRuleFunction(FD))
    return true;
  const ASTContext &Ctx = FD->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  Headers &H = headers();
  if (H.Ctx != &Ctx || H.Cat != &Cat) {
    H.Ctx = &Ctx;
    H.Cat = &Cat;
    H.Files.clear();
    llvm::DenseSet<FileID> Seen;
    collect(Ctx.getTranslationUnitDecl(), Cat, SM, projectTree(SM), H.Files,
            Seen);
  }
  return !H.Files.empty() && H.Files.count(fileOf(FD, SM));
}

void clearLibraryHeaders() {
  Headers &H = headers();
  H.Ctx = nullptr;
  H.Cat = nullptr;
  H.Files.clear();
}

} // namespace clang::tidy::raii
