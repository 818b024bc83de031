//===- ExitingCalls.cpp - calls that end the process or only fail -------===//
#include "support/ExitingCalls.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"
#include <cctype>

namespace clang::tidy::raii {

/// A function of the C library's: declared at file scope with C linkage.
static bool cFunction(const FunctionDecl *FD) {
  return FD && FD->getIdentifier() &&
         FD->getDeclContext()->getRedeclContext()->isTranslationUnit() &&
         (FD->isExternC() || !FD->getASTContext().getLangOpts().CPlusPlus);
}

bool exitsByStatus(const CallExpr *Call) {
  const FunctionDecl *FD = calledFunction(Call);
  if (!cFunction(FD) || Call->getNumArgs() < 3 ||
      !FD->getReturnType()->isVoidType())
    return false;
  const llvm::StringRef Name = FD->getName();
  if (Name != "error" && Name != "error_at_line")
    return false;
  const Expr *Status = Call->getArg(0);
  Expr::EvalResult R;
  return !Status->isValueDependent() && Status->EvaluateAsInt(R, FD->getASTContext()) &&
         R.Val.getInt() != 0;
}

/// The words of identifier \p Name, lower-cased: split at `_` and where a
/// lower-case letter or digit meets an upper-case one (`logFatal`).
static llvm::SmallVector<std::string, 4> words(llvm::StringRef Name) {
  llvm::SmallVector<std::string, 4> Out(1);
  for (size_t I = 0; I < Name.size(); ++I) {
    const char Ch = Name[I];
    if (Ch == '_') {
      if (!Out.back().empty())
        Out.emplace_back();
      continue;
    }
    if (std::isupper(static_cast<unsigned char>(Ch)) && I > 0 &&
        (std::islower(static_cast<unsigned char>(Name[I - 1])) ||
         std::isdigit(static_cast<unsigned char>(Name[I - 1]))) &&
        !Out.back().empty())
      Out.emplace_back();
    Out.back().push_back(
        static_cast<char>(std::tolower(static_cast<unsigned char>(Ch))));
  }
  if (Out.back().empty())
    Out.pop_back();
  return Out;
}

/// \p Name's last word is a fatal exit's.
static bool fatalName(llvm::StringRef Name) {
  auto W = words(Name);
  if (W.empty())
    return false;
  llvm::StringRef Last = W.back();
  if (Last.size() > 3 && (Last.ends_with("f") || Last.ends_with("x")))
    Last = Last.drop_back();
  return Last == "fatal" || Last == "die" || Last == "panic";
}

/// \p E names a constant with the word FATAL: an enumerator, or a macro
/// the argument expands from.
static bool namesFatalConstant(const Expr *E, const ASTContext &Ctx) {
  auto HasFatal = [](llvm::StringRef Name) {
    return llvm::is_contained(words(Name), "fatal");
  };
  const Expr *Bare = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Bare))
    if (isa<EnumConstantDecl>(DRE->getDecl()) &&
        HasFatal(DRE->getDecl()->getName()))
      return true;
  if (!E->isIntegerConstantExpr(Ctx))
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = E->getBeginLoc();
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < 8; ++Depth) {
    if (HasFatal(Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts())))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

bool exitsByFatalName(const CallExpr *Call) {
  const FunctionDecl *FD = calledFunction(Call);
  if (!FD || !FD->getIdentifier() || FD->hasBody() ||
      isLibraryFunction(FD) || !FD->getReturnType()->isVoidType())
    return false;
  if (fatalName(FD->getName()))
    return true;
  const ASTContext &Ctx = FD->getASTContext();
  return llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
    return namesFatalConstant(Arg, Ctx);
  });
}

bool returnsOnlyFailing(const FunctionDecl *FD) {
  if (!cFunction(FD) || FD->hasBody() ||
      !FD->getReturnType()->isIntegerType())
    return false;
  return llvm::StringSwitch<bool>(FD->getName())
      .Cases("execv", "execve", "execvp", "execvpe", true)
      .Cases("execl", "execle", "execlp", "fexecve", "execveat", true)
      .Default(false);
}

} // namespace clang::tidy::raii
