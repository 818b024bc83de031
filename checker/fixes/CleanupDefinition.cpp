//===- CleanupDefinition.cpp - the cleanup helpers C fixes define ---------===//
#include "fixes/CleanupDefinition.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
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
/// \p Lines (`//` lines, a `/* ... */` block), or \p Line (1-based).
unsigned lineAboveComments(llvm::ArrayRef<llvm::StringRef> Lines,
                           unsigned Line) {
  unsigned First = Line;
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

/// The line of the outermost preprocessor conditional (`#if`, `#ifdef`,
/// `#ifndef`) still open at line \p Line of \p Lines, or 0. An include
/// guard (the file's first directive `#ifndef X` followed by `#define X`)
/// does not count.
unsigned outermostOpenIf(llvm::ArrayRef<llvm::StringRef> Lines,
                         unsigned Line) {
  llvm::SmallVector<unsigned, 8> Open;
  bool First = true, Guard = false;
  llvm::StringRef GuardName;
  for (unsigned L = 1; L < Line && L <= Lines.size(); ++L) {
    llvm::StringRef T = Lines[L - 1].trim();
    if (!T.consume_front("#"))
      continue;
    T = T.ltrim();
    if (First && T.consume_front("ifndef")) {
      GuardName = T.trim();
      First = false;
      Open.push_back(L);
      continue;
    }
    if (!GuardName.empty() && Open.size() == 1 && T.consume_front("define")) {
      Guard = T.trim().split(' ').first == GuardName;
      GuardName = "";
      continue;
    }
    First = false;
    GuardName = "";
    if (T.starts_with("if"))
      Open.push_back(L);
    else if (T.starts_with("endif") && !Open.empty())
      Open.pop_back();
  }
  if (Guard && !Open.empty())
    Open.erase(Open.begin());
  return Open.empty() ? 0 : Open.front();
}

/// True if \p Text defines \p Name as a macro somewhere (maybe in a
/// branch of an `#if` this configuration skips).
bool definesMacro(llvm::StringRef Text, llvm::StringRef Name) {
  for (size_t At = Text.find(Name); At != llvm::StringRef::npos;
       At = Text.find(Name, At + 1)) {
    const size_t LineStart = Text.rfind('\n', At) + 1; // npos + 1 == 0
    llvm::StringRef Before = Text.slice(LineStart, At).trim();
    const size_t End = At + Name.size();
    const bool WholeWord =
        End == Text.size() || !(llvm::isAlnum(Text[End]) || Text[End] == '_');
    if (!WholeWord || !Before.consume_front("#"))
      continue;
    if (Before.ltrim() == "define")
      return true;
  }
  return false;
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
  // The header's own (pthread_mutex_unlock takes `pthread_mutex_t **`).
  if (RelId->getName() == "pthread_mutex_unlock") {
    if (VarType.getAsString(Ctx.getPrintingPolicy()) != "pthread_mutex_t *")
      return refused("'" + Name + "' takes a 'pthread_mutex_t *'");
    return {};
  }
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
  llvm::StringRef Text = SM.getBufferData(File);
  // A release that another configuration makes a macro (`#define
  // sqlite3_mutex_leave(X)` when threads are off) cannot be named by a
  // helper there.
  if (definesMacro(Text, RelId->getName())) {
    defined().erase(Name);
    return refused("'" + RelId->getName().str() +
                   "' is also defined as a macro in this file");
  }
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  unsigned Line = lineAboveComments(Lines, SM.getLineNumber(File, Offset));
  // Outside the preprocessor conditionals around the function, so that a
  // function elsewhere can use it in every configuration.
  if (unsigned If = outermostOpenIf(Lines, Line))
    Line = lineAboveComments(Lines, If);
  At = SM.translateLineCol(File, Line, 1);
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
                     "' is declared after where the helper would go");
    }
  std::string Def;
  if (Invalid == CleanupInvalid::Negative)
    Def = "RAII_DEFINE_CLEANUP_FD(" + RelId->getName().str() + ")\n";
  else
    Def = "RAII_DEFINE_CLEANUP(" +
           VarType.getAsString(Ctx.getPrintingPolicy()) + ", " +
           RelId->getName().str() + ")\n";
  CleanupDefinition Out;
  Out.Insert = FixItHint::CreateInsertion(At, Def + "\n");
  return Out;
}

} // namespace clang::tidy::raii
