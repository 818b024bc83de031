//===- FormatArgs.cpp - the arguments a printf format's conversions take --===//
#include "catalog/FormatArgs.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/STLExtras.h"
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

/// Format \p F prints at least one character whatever its arguments.
static bool printsSomething(llvm::StringRef F) {
  F = F.take_until([](char Ch) { return Ch == '\0'; }); // printf stops there
  for (size_t I = 0; I < F.size(); ++I) {
    if (F[I] != '%' || (++I < F.size() && F[I] == '%'))
      return true; // text, or `%%`
    bool Precision = false;
    while (I < F.size() &&
           (llvm::StringRef("-+ #0!,*'.$").contains(F[I]) ||
            llvm::isDigit(F[I]) ||
            llvm::StringRef("hlLqjzt").contains(F[I]))) {
      Precision |= F[I] == '.';
      ++I;
    }
    if (I >= F.size())
      return false;
    if (F[I] == 'c' ||
        (!Precision && llvm::StringRef("diouxXeEfFgGaAp").contains(F[I])))
      return true;
  }
  return false;
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

bool formatPrintsSomething(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  const auto *Attr = FD ? FD->getAttr<FormatAttr>() : nullptr;
  llvm::SmallVector<const StringLiteral *, 2> Lits;
  // The attribute counts arguments from 1.
  const unsigned Index = Attr ? unsigned(Attr->getFormatIdx()) - 1 : 0;
  if (!Attr || Index >= Call->getNumArgs() ||
      !Attr->getType()->getName().contains("printf") ||
      !literals(Call->getArg(Index), Lits))
    return false;
  return llvm::all_of(Lits, [](const StringLiteral *Lit) {
    return printsSomething(Lit->getString());
  });
}

} // namespace clang::tidy::raii
