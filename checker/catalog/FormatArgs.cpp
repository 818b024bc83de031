//===- FormatArgs.cpp - the arguments a printf format's conversions take --===//
#include "catalog/FormatArgs.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::raii {

/// The arguments the \p Conversion conversions of format \p F consume,
/// the format being argument \p FormatArg.
static void scan(llvm::StringRef F, unsigned FormatArg, char Conversion,
                 llvm::SmallVectorImpl<unsigned> &Out) {
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
    // `z` is also a length modifier (`%zu`): the conversion when nothing
    // alphabetic follows it (`%z.`, `%z` ending the format).
    while (I < F.size() && llvm::StringRef("hlLqjzt").contains(F[I]) &&
           !(F[I] == Conversion &&
             (I + 1 == F.size() || !llvm::isAlpha(F[I + 1]))))
      ++I;
    if (I >= F.size())
      break;
    if (F[I] == Conversion)
      Out.push_back(Next);
    ++Next;
  }
}

/// The string literals \p E may be: itself, or each arm of a `?:`.
static bool literals(const Expr *E,
                     llvm::SmallVectorImpl<const StringLiteral *> &Out) {
  E = E->IgnoreParenImpCasts();
  if (const auto *CO = dyn_cast<ConditionalOperator>(E))
    return literals(CO->getTrueExpr(), Out) &&
           literals(CO->getFalseExpr(), Out);
  const auto *Lit = dyn_cast<StringLiteral>(E);
  if (!Lit || !Lit->isOrdinary())
    return false;
  Out.push_back(Lit);
  return true;
}

bool formatArgs(const CallExpr *Call, unsigned FormatArg, char Conversion,
                llvm::SmallVectorImpl<unsigned> &Out) {
  llvm::SmallVector<const StringLiteral *, 2> Lits;
  if (FormatArg >= Call->getNumArgs() ||
      !literals(Call->getArg(FormatArg), Lits))
    return false;
  // `c ? "%z %s" : "%z \"%s\""`: every format the call may get must agree.
  scan(Lits.front()->getString(), FormatArg, Conversion, Out);
  for (const StringLiteral *Lit : llvm::drop_begin(Lits)) {
    llvm::SmallVector<unsigned, 2> Other;
    scan(Lit->getString(), FormatArg, Conversion, Other);
    if (Other != Out) {
      Out.clear();
      return false;
    }
  }
  return true;
}

} // namespace clang::tidy::raii
