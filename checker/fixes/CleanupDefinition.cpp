//===- CleanupDefinition.cpp - the cleanup helpers C fixes define ---------===//
#include "fixes/CleanupDefinition.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringMap.h"

namespace clang::tidy::raii {

namespace {
/// Per helper name, the variable type its definition (made by a fix of
/// this unit) takes the address of.
llvm::StringMap<QualType> &defined() {
  static llvm::StringMap<QualType> D;
  return D;
}

CleanupDefinition refused(std::string Why) {
  CleanupDefinition Out;
  Out.Refusal = std::move(Why);
  return Out;
}

/// The declaration a type names, for the check that it is declared before
/// the helper: the record or typedef behind pointers.
const Decl *declOfType(QualType T) {
  while (!T.isNull()) {
    if (const auto *TT = T->getAs<TypedefType>())
      return TT->getDecl();
    if (const auto *PT = T->getAs<PointerType>()) {
      T = PT->getPointeeType();
      continue;
    }
    if (const TagDecl *TD = T->getAsTagDecl())
      return TD;
    return nullptr;
  }
  return nullptr;
}
/// The first line of the comment lines right above line \p Line of
/// \p Text (`//` lines, a `/* ... */` block), or \p Line.
unsigned lineAboveComments(llvm::StringRef Text, unsigned Line) {
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  unsigned First = Line; // 1-based
  while (First > 1 && First - 1 <= Lines.size()) {
    llvm::StringRef Prev = Lines[First - 2].trim();
    if (Prev.starts_with("//")) {
      --First;
      continue;
    }
    if (!Prev.ends_with("*/"))
      break;
    // A block comment ends on the line above: up to the line it opens on.
    unsigned K = First - 1;
    for (;; --K) {
      const size_t Open = Lines[K - 1].trim().find("/*");
      if (Open == 0)
        break;
      if (Open != llvm::StringRef::npos || K == 1)
        return First; // code before the comment: stay below it
    }
    First = K;
  }
  return First;
}
} // namespace

void resetCleanupDefinitions() { defined().clear(); }

CleanupDefinition cleanupDefinition(const FunctionDecl *Release,
                                    QualType VarType, CleanupInvalid Invalid,
                                    const FunctionDecl *Fn, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const IdentifierInfo *RelId = Release->getIdentifier();
  if (!RelId)
    return refused("the release has no plain name");
  const std::string Name = "raii_cleanup_" + RelId->getName().str();
  QualType Want = Ctx.getPointerType(VarType).getCanonicalType();
  // The unit's own helper: used if it takes the variable.
  if (auto Found = Ctx.Idents.find(Name); Found != Ctx.Idents.end())
    for (const NamedDecl *D :
         Ctx.getTranslationUnitDecl()->lookup(
             DeclarationName(Found->getValue()))) {
      const auto *FD = dyn_cast<FunctionDecl>(D);
      if (!FD || FD->getNumParams() != 1 ||
          FD->getParamDecl(0)->getType().getCanonicalType() != Want)
        return refused("'" + Name + "' takes another type than '" +
                       VarType.getAsString(Ctx.getPrintingPolicy()) + " *'");
      return {};
    }
  auto [It, First] = defined().try_emplace(Name, Want);
  if (!First) {
    if (It->second != Want)
      return refused("'" + Name + "' is defined by another fix for another "
                     "type");
    return {};
  }
  // Before the function, and before the comment lines right above it.
  SourceLocation At = Fn->getOuterLocStart();
  if (At.isInvalid() || At.isMacroID()) {
    defined().erase(Name);
    return refused("the function is written in a macro");
  }
  auto [File, Offset] = SM.getDecomposedLoc(At);
  At = SM.translateLineCol(File, lineAboveComments(SM.getBufferData(File),
                                                   SM.getLineNumber(File,
                                                                    Offset)),
                           1);
  // What the definition names must be declared above it.
  const Decl *TypeDecl = declOfType(VarType);
  for (const Decl *D :
       {static_cast<const Decl *>(Release->getFirstDecl()), TypeDecl})
    if (D && D->getDeclContext()->isFunctionOrMethod()) {
      defined().erase(Name);
      return refused("'" + VarType.getAsString(Ctx.getPrintingPolicy()) +
                     "' is declared inside the function");
    } else if (D && !SM.isBeforeInTranslationUnit(D->getLocation(), At)) {
      defined().erase(Name);
      return refused("'" + cast<NamedDecl>(D)->getNameAsString() +
                     "' is declared after the function's start");
    }
  std::string Text;
  if (Invalid == CleanupInvalid::Negative)
    Text = "RAII_DEFINE_CLEANUP_FD(" + RelId->getName().str() + ")\n";
  else
    Text = "RAII_DEFINE_CLEANUP(" +
           VarType.getAsString(Ctx.getPrintingPolicy()) + ", " +
           RelId->getName().str() + ")\n";
  CleanupDefinition Out;
  Out.Insert = FixItHint::CreateInsertion(At, Text + "\n");
  return Out;
}

} // namespace clang::tidy::raii
