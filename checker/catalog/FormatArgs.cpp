//===- FormatArgs.cpp - the arguments a printf format's conversions take --===//
#include "catalog/FormatArgs.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::raii {

bool formatArgs(const CallExpr *Call, unsigned FormatArg, char Conversion,
                llvm::SmallVectorImpl<unsigned> &Out) {
  if (FormatArg >= Call->getNumArgs())
    return false;
  const auto *Lit =
      dyn_cast<StringLiteral>(Call->getArg(FormatArg)->IgnoreParenImpCasts());
  if (!Lit || !Lit->isOrdinary())
    return false;
  llvm::StringRef F = Lit->getString();
  unsigned Next = FormatArg + 1;
  for (size_t I = 0; I < F.size(); ++I) {
    if (F[I] != '%')
      continue;
    if (++I < F.size() && F[I] == '%')
      continue;
    // Flags, width, precision (`*` takes an argument), length modifiers.
    while (I < F.size() && llvm::StringRef("-+ #0!,").contains(F[I]))
      ++I;
    for (int Part = 0; Part < 2; ++Part) {
      if (I < F.size() && F[I] == '*') {
        ++Next;
        ++I;
      }
      while (I < F.size() && llvm::isDigit(F[I]))
        ++I;
      if (Part == 0 && I < F.size() && F[I] == '.')
        ++I;
      else
        break;
    }
    while (I < F.size() && llvm::StringRef("hlLqjzt").contains(F[I]) &&
           !(F[I] == Conversion && I + 1 < F.size() &&
             !llvm::isAlpha(F[I + 1])))
      ++I;
    if (I >= F.size())
      break;
    if (F[I] == Conversion)
      Out.push_back(Next);
    ++Next;
  }
  return true;
}

} // namespace clang::tidy::raii
