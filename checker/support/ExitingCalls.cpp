//===- ExitingCalls.cpp - calls that end the process or only fail -------===//
#include "support/ExitingCalls.h"
#include "support/CalledFunction.h"
#include "support/IdentifierWords.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Path.h"
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

/// \p Name's last word is a fatal exit's.
static bool fatalName(llvm::StringRef Name) {
  llvm::StringRef Last;
  anyWord(Name, [&](llvm::StringRef W) {
    Last = W;
    return false;
  });
  if (Last.size() > 3 && (Last.ends_with_insensitive("f") ||
                          Last.ends_with_insensitive("x")))
    Last = Last.drop_back();
  return Last.equals_insensitive("fatal") || Last.equals_insensitive("die") ||
         Last.equals_insensitive("panic");
}

static bool hasFatalWord(llvm::StringRef Name) {
  return anyWord(Name, [](llvm::StringRef W) {
    return W.equals_insensitive("fatal") || W.equals_insensitive("crash");
  });
}

/// What a constant argument's name says of the call.
enum class ConstantSays { Nothing, Fatal, ExitStatus };

/// \p E names a constant with the word FATAL or CRASH (an enumerator, or a
/// macro the argument expands from), or a failing exit status: `EXIT_FAILURE`,
/// or a macro of `<sysexits.h>` but `EX_OK` (`EX_OSERR`).
static ConstantSays constantNamed(const Expr *E, const ASTContext &Ctx) {
  const Expr *Bare = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Bare))
    return isa<EnumConstantDecl>(DRE->getDecl()) &&
                   hasFatalWord(DRE->getDecl()->getName())
               ? ConstantSays::Fatal
               : ConstantSays::Nothing;
  SourceLocation Loc = E->getBeginLoc();
  const SourceManager &SM = Ctx.getSourceManager();
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < 8; ++Depth) {
    const llvm::StringRef Macro =
        Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts());
    if (hasFatalWord(Macro))
      return ConstantSays::Fatal;
    if (Macro == "EXIT_FAILURE" ||
        (Macro.starts_with("EX_") && Macro != "EX_OK" &&
         llvm::sys::path::filename(SM.getFilename(SM.getSpellingLoc(Loc))) ==
             "sysexits.h"))
      return ConstantSays::ExitStatus;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return ConstantSays::Nothing;
}

/// \p FD, given a failing exit status as argument \p Arg, exits: BSD's
/// err(3) written again (the status first, then a `const char *` format
/// and more: `merr(EX_OSERR, "pipe")`), or named as an exit (its first or
/// last word `usage`, `exit`, `quit`, `bail`: `usage(EXIT_FAILURE)`,
/// `bail_out(..)`), not a setter (`set_exit_status(EXIT_FAILURE)`) nor a
/// report of a status.
static bool exitsWithStatus(const FunctionDecl *FD, unsigned Arg) {
  if (Arg == 0 && FD->isVariadic() && FD->getNumParams() >= 2) {
    const QualType Fmt = FD->getParamDecl(1)->getType();
    if (Fmt->isPointerType() && Fmt->getPointeeType()->isCharType())
      return true;
  }
  auto ExitWord = [](llvm::StringRef W) {
    return W.equals_insensitive("usage") || W.equals_insensitive("exit") ||
           W.equals_insensitive("quit") || W.equals_insensitive("bail");
  };
  llvm::StringRef First, Last;
  anyWord(FD->getName(), [&](llvm::StringRef W) {
    if (First.empty())
      First = W;
    Last = W;
    return false;
  });
  return ExitWord(First) || ExitWord(Last);
}

bool exitsByFatalName(const CallExpr *Call) {
  const FunctionDecl *FD = calledFunction(Call);
  if (!FD || !FD->getIdentifier() || !FD->getReturnType()->isVoidType() ||
      FD->hasBody() || isLibraryFunction(FD))
    return false;
  if (fatalName(FD->getName()))
    return true;
  const ASTContext &Ctx = FD->getASTContext();
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const ConstantSays Says = constantNamed(Call->getArg(I), Ctx);
    if (Says == ConstantSays::Fatal ||
        (Says == ConstantSays::ExitStatus && exitsWithStatus(FD, I)))
      return true;
  }
  return false;
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
