//===- LibraryFunctions.cpp - is this function the system's? --------------===//
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::raii {

bool isLibraryFunction(const FunctionDecl *FD) {
  return FD->getASTContext().getSourceManager().isInSystemHeader(
      FD->getLocation());
}

bool isCLibraryFunction(const FunctionDecl *FD) {
  return (FD->isExternC() || !FD->getASTContext().getLangOpts().CPlusPlus) &&
         isLibraryFunction(FD);
}

std::optional<ByteCopyArgs> byteCopyArgs(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier() ||
      !(FD->getBuiltinID() || isCLibraryFunction(FD)))
    return std::nullopt;
  const llvm::StringRef Name = FD->getName();
  if (Name == "bcopy" && FD->getNumParams() == 3)
    return ByteCopyArgs{1, 0};
  if (FD->getNumParams() >= 3 &&
      llvm::is_contained({"memcpy", "memmove", "mempcpy", "__builtin_memcpy",
                          "__builtin_memmove", "__builtin___memcpy_chk",
                          "__builtin___memmove_chk"},
                         Name))
    return ByteCopyArgs{0, 1};
  return std::nullopt;
}

bool readsErrno(const Expr *E) {
  if (!E)
    return false;
  E = E->IgnoreParenCasts();
  if (const auto *R = dyn_cast<DeclRefExpr>(E))
    return R->getDecl()->getIdentifier() &&
           R->getDecl()->getName() == "errno" &&
           R->getDecl()->getASTContext().getSourceManager().isInSystemHeader(
               R->getDecl()->getLocation());
  const auto *UO = dyn_cast<UnaryOperator>(E);
  const auto *Call =
      UO && UO->getOpcode() == UO_Deref
          ? dyn_cast<CallExpr>(UO->getSubExpr()->IgnoreParenCasts())
          : nullptr;
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  return FD && FD->getIdentifier() &&
         llvm::is_contained({"__errno_location", "__error", "_errno",
                             "__errno"},
                            FD->getName()) &&
         isCLibraryFunction(FD);
}

bool closesAllDescriptors(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return false;
  const llvm::StringRef Name = FD->getName();
  const bool From = Name == "closefrom" && Call->getNumArgs() == 1;
  const bool Range = Name == "close_range" && Call->getNumArgs() == 3;
  if (!From && !Range)
    return false;
  const ASTContext &Ctx = FD->getASTContext();
  auto Value = [&](unsigned I) -> std::optional<llvm::APSInt> {
    const Expr *A = Call->getArg(I);
    if (A->isValueDependent())
      return std::nullopt;
    return A->getIntegerConstantExpr(Ctx);
  };
  std::optional<llvm::APSInt> First = Value(0);
  if (!First || First->isNegative() || First->getExtValue() > 3)
    return false;
  if (From)
    return true;
  // close_range(first, last, flags): up to the highest descriptor, and
  // closing (CLOSE_RANGE_CLOEXEC, 4, only marks them).
  std::optional<llvm::APSInt> Last = Value(1), Flags = Value(2);
  return Last && Flags && Last->getActiveBits() >= 31 &&
         (Flags->getExtValue() & 4) == 0;
}

bool runsCleanupHandler(const CallExpr *Call, const ASTContext &Ctx) {
  // The routine is kept in a local function pointer the macro declares;
  // a call written in the macro's argument (`pthread_cleanup_pop(
  // check(buf))`) is the caller's own.
  const SourceLocation Loc = Call->getBeginLoc();
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Routine =
      dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts());
  const auto *V = Routine ? dyn_cast<VarDecl>(Routine->getDecl()) : nullptr;
  if (!Loc.isMacroID() || SM.isMacroArgExpansion(Loc) ||
      Call->getNumArgs() != 1 || !V || !V->hasLocalStorage() ||
      !V->getType()->isFunctionPointerType())
    return false;
  const llvm::StringRef Macro =
      Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts());
  return Macro == "pthread_cleanup_pop" ||
         Macro == "pthread_cleanup_pop_restore_np";
}

bool endsThread(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier() || !isCLibraryFunction(FD))
    return false;
  const llvm::StringRef Name = FD->getName();
  return Name == "pthread_exit" || Name == "thrd_exit";
}

bool isCleanupPushScope(const Stmt *S, const ASTContext &Ctx) {
  const SourceLocation Loc = S->getBeginLoc();
  const SourceManager &SM = Ctx.getSourceManager();
  if (!isa<DoStmt>(S) || !Loc.isMacroID() || SM.isMacroArgExpansion(Loc))
    return false;
  const llvm::StringRef Macro =
      Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts());
  return Macro == "pthread_cleanup_push" ||
         Macro == "pthread_cleanup_push_defer_np";
}

} // namespace clang::tidy::raii
