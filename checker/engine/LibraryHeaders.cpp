//===- LibraryHeaders.cpp - the library's functions, wherever declared ----===//
//
// isLibraryApi() of LibraryHeaders.h: the headers outside the system's that
// declare a function a rule names are found once per translation unit, in
// one walk over its top-level declarations (and `extern "C"` blocks).
//
//===----------------------------------------------------------------------===//
#include "engine/LibraryHeaders.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

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

void collect(const DeclContext *DC, const RuleCatalog &Cat,
             const SourceManager &SM, llvm::DenseSet<FileID> &Out) {
  for (const Decl *D : DC->decls()) {
    if (const auto *LS = dyn_cast<LinkageSpecDecl>(D)) {
      collect(LS, Cat, SM, Out);
      continue;
    }
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->getIdentifier() || isLibraryFunction(FD))
      continue;
    const FileID F = fileOf(FD, SM);
    if (F != SM.getMainFileID() && !Out.count(F) && Cat.isRuleFunction(FD))
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
    collect(Ctx.getTranslationUnitDecl(), Cat, SM, H.Files);
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
