//===- CCleanupRewrite.cpp - C handles into <raii/cleanup.h> variables ----===//
#include "fixes/CCleanupRewrite.h"
#include "fixes/CleanupDefinition.h"
#include "fixes/HandleVariable.h"
#include "fixes/StatementEdits.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::raii {

llvm::StringRef cleanupPrefixFor(llvm::StringRef Release) {
  return llvm::StringSwitch<llvm::StringRef>(Release)
      .Case("free", "RAII_AUTOFREE")
      .Case("fclose", "RAII_AUTOFILE")
      .Case("close", "RAII_AUTOFD")
      .Case("closedir", "RAII_AUTODIR")
      .Default("");
}

namespace {

GuardRewrite refuse(std::string Why) {
  return GuardRewrite::refused(std::move(Why));
}

GuardRewrite plan(const FunctionAnalysis &FA, unsigned Acq, ASTContext &Ctx) {
  const Acquisition &A = FA.Acquisitions[Acq];
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  HandleVariable H(FA, Acq, Ctx);
  if (auto Why = H.refusal())
    return refuse(*Why);
  const VarDecl *V = H.var();
  std::string Prefix = cleanupPrefixFor(H.release()).str();
  // Another release: a helper `RAII_DEFINE_CLEANUP` defines for it.
  const FunctionDecl *Release = nullptr;
  if (Prefix.empty()) {
    for (const Expr *R : A.Releases)
      if (const auto *RC = dyn_cast<CallExpr>(R); RC && !Release)
        Release = RC->getDirectCallee();
    if (!Release || !Release->getIdentifier() || isa<CXXMethodDecl>(Release))
      return refuse("<raii/cleanup.h> cannot define a cleanup for '" +
                    H.release().str() + "'");
    Prefix = "RAII_AUTO(" + Release->getName().str() + ")";
  }
  const bool IntHandle =
      Prefix == "RAII_AUTOFD" || (Release && H.intHandle());
  if (Release && IntHandle &&
      (!A.Rule || A.Rule->Invalid != InvalidValue::Negative))
    return refuse("'" + A.Name + "' is an integer handle without a negative "
                  "invalid value for the cleanup to skip");
  if (A.Rule && A.Rule->Invalid == InvalidValue::AllOnes)
    return refuse("'" + A.Name + "' holds nothing when all its bits are "
                  "ones, which the cleanup does not skip");
  QualType T = V->getType();
  if (T.isConstQualified())
    return refuse("'" + A.Name + "' is const; the cleanup takes its address "
                  "as non-const");
  if (IntHandle ? !T->isSpecificBuiltinType(BuiltinType::Int)
                : !T->isPointerType())
    return refuse("'" + A.Name + "' has a type the cleanup cannot take");
  const auto *DS = dyn_cast_or_null<DeclStmt>(H.body().declStmtOf(V));
  if (!DS || !DS->isSingleDecl() || inMacro(DS) || !H.body().parent(DS) ||
      !isa<CompoundStmt>(H.body().parent(DS)))
    return refuse("'" + A.Name + "' is not declared on its own");
  H.setScope(H.body().parent(DS), DS);
  if (auto Why = H.jumpIntoScope("the declaration of '" + A.Name + "'"))
    return refuse(*Why);
  if (auto Why = H.escapingUse(/*CallsBorrow=*/false))
    return refuse(*Why);

  GuardRewrite Out;
  Out.Fixes.push_back(
      FixItHint::CreateInsertion(DS->getBeginLoc(), Prefix + " "));
  const std::string Invalid = IntHandle ? "-1" : "NULL";
  if (!V->getInit())
    Out.Fixes.push_back(FixItHint::CreateInsertion(
        Lexer::getLocForEndOfToken(V->getLocation(), 0, SM, LO),
        " = " + Invalid));
  for (const Expr *R : A.Releases) {
    std::string Why;
    auto Site = H.releaseSite(R, Why);
    if (!Site)
      return refuse(Why);
    if (Site->AtScopeExit) {
      Out.Fixes.push_back(deleteStatement(Site->S, SM, LO));
      continue;
    }
    // More code follows: release there and leave the cleanup nothing.
    if (const auto *B = dyn_cast_or_null<BinaryOperator>(Site->Next);
        B && B->getOpcode() == BO_Assign && H.names(B->getLHS()))
      continue;
    auto Reset = insertStatementAfter(
        Site->S, V->getName().str() + " = " + Invalid + ";", SM, LO);
    if (!Reset)
      return refuse("a release cannot be edited");
    Out.Fixes.push_back(*Reset);
  }
  if (Release) { // last: the definition is made once the fix is certain
    CleanupDefinition Def = cleanupDefinition(
        Release, T,
        IntHandle ? CleanupInvalid::Negative : CleanupInvalid::Zero, FA.Fn,
        Ctx);
    if (!Def.Refusal.empty())
      return refuse(Def.Refusal);
    if (Def.Insert)
      Out.Fixes.push_back(*Def.Insert);
  }
  return Out;
}

} // namespace

GuardRewrite planCCleanupRewrite(const FunctionAnalysis &FA, unsigned Acq,
                                 ASTContext &Ctx) {
  return plan(FA, Acq, Ctx);
}

} // namespace clang::tidy::raii
