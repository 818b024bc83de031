//===- HandleGuardRewrite.cpp - a C++ handle acquisition into a guard -----===//
#include "fixes/HandleGuardRewrite.h"
#include "engine/HandleKey.h"
#include "fixes/HandleVariable.h"
#include "fixes/StatementEdits.h"
#include "support/Instantiation.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::raii {

std::optional<HandleGuardShape> handleGuardShape(llvm::StringRef Guard) {
  Guard = Guard.trim();
  if (Guard.consume_front("std::unique_ptr<")) {
    // A deleter is a second template argument: a comma outside nested
    // brackets and parentheses.
    int Depth = 0;
    bool Deleter = false;
    for (char C : Guard) {
      if (C == '<' || C == '(')
        ++Depth;
      else if (C == '>' || C == ')')
        --Depth;
      else if (C == ',' && Depth == 0)
        Deleter = true;
    }
    return HandleGuardShape{"memory", Deleter, false};
  }
  if (Guard.starts_with("raii::unique_resource<"))
    return HandleGuardShape{"raii/unique_resource.hpp", true, true};
  if (Guard == "raii::unique_fd" || Guard == "raii::unique_file" ||
      Guard == "raii::unique_pipe" || Guard == "raii::unique_dir" ||
      Guard.starts_with("raii::unique_malloc<"))
    return HandleGuardShape{"raii/handles.hpp", false, true};
  return std::nullopt;
}

namespace {

GuardRewrite refuse(std::string Why) {
  return GuardRewrite::refused(std::move(Why));
}

/// The verb a guard's name starts with, from the release it stands for:
/// `close` for `fclose`, `close`, `closedir`, `pclose`; `delete` for
/// `delete` and `delete[]`; otherwise the release's last word (`free` of
/// `g_free`, `cleanup` of `curl_easy_cleanup`).
std::string releaseVerb(llvm::StringRef Release) {
  if (Release == "fclose" || Release == "pclose" || Release == "closedir")
    return "close";
  if (Release.starts_with("delete"))
    return "delete";
  llvm::StringRef Last = Release.rsplit('_').second;
  return (Last.empty() ? Release : Last).str();
}

/// True if \p S ends every path through it with a jump (`return`, `throw`,
/// `break`, `continue`, `goto`) or a call that does not return.
bool alwaysLeaves(const Stmt *S) {
  if (const auto *C = dyn_cast<CompoundStmt>(S))
    return !C->body_empty() && alwaysLeaves(C->body_back());
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CXXThrowExpr>(S))
    return true;
  if (const auto *E = dyn_cast<ExprWithCleanups>(S))
    return alwaysLeaves(E->getSubExpr());
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *FD = Call->getDirectCallee())
      return FD->isNoReturn();
  return false;
}

class Planner {
public:
  Planner(const FunctionAnalysis &FA, unsigned Acq, llvm::StringRef Type,
          const HandleGuardShape &Shape, ASTContext &Ctx)
      : FA(FA), A(FA.Acquisitions[Acq]), Type(Type), Shape(Shape), Ctx(Ctx),
        SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), H(FA, Acq, Ctx) {}

  GuardRewrite run();

private:
  /// Why the guard's type cannot hold the variable, if it cannot.
  std::optional<std::string> typeMismatch() const;
  /// The acquire's statement in its block: the variable's declaration
  /// with the acquire as initialiser, or `v = acquire(..);`. Null if it is
  /// neither.
  const Stmt *acquireStatement() const;
  /// True if an object with a destructor is declared after the guard and
  /// dies when leaving the blocks around \p S: its destructor runs before
  /// the guard's, after the release it replaces.
  bool destroyedBefore(const Stmt *S) const;
  /// The edit that dismisses guard \p Name where the function hands the
  /// handle off in CFG element \p E, or null with the reason in \p Why.
  std::optional<FixItHint> letGo(const Stmt *E, llvm::StringRef Name,
                                 std::string &Why) const;

  const FunctionAnalysis &FA;
  const Acquisition &A;
  llvm::StringRef Type;
  const HandleGuardShape &Shape;
  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  HandleVariable H;
  const Stmt *Scope = nullptr;
  const Stmt *From = nullptr; ///< the guard is declared after it
};

std::optional<std::string> Planner::typeMismatch() const {
  QualType T = H.var()->getType();
  if (Type == "raii::unique_fd")
    return T->isSpecificBuiltinType(BuiltinType::Int)
               ? std::nullopt
               : std::optional<std::string>("'" + A.Name +
                                            "' is not an 'int'");
  if (!T->isPointerType())
    return "'" + A.Name + "' is not a pointer";
  QualType Pointee = T->getPointeeType();
  if (Shape.TakesRelease && (Pointee.isConstQualified() ||
                             Pointee.isVolatileQualified()))
    return "'" + A.Name + "' points to a const or volatile type, which '" +
           H.release().str() + "' cannot take";
  llvm::StringRef Spelled = Type;
  if (Spelled.contains("(anonymous") || Spelled.contains("(unnamed") ||
      Spelled.contains("(lambda"))
    return "the type '" + A.Name + "' points to cannot be spelled";
  return std::nullopt;
}

const Stmt *Planner::acquireStatement() const {
  const BodyIndex &Body = H.body();
  const Stmt *S = Body.fullStatement(A.Site);
  if (!S || !isa_and_nonnull<CompoundStmt>(Body.parent(S)))
    return nullptr;
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (D == H.var())
        return H.var()->getInit() &&
                       ignoreValueCasts(H.var()->getInit()) == A.Site
                   ? S
                   : nullptr;
    return nullptr;
  }
  const auto *B = dyn_cast<BinaryOperator>(S);
  if (B && B->getOpcode() == BO_Assign && H.names(B->getLHS()) &&
      ignoreValueCasts(B->getRHS()) == A.Site)
    return S;
  return nullptr;
}

bool Planner::destroyedBefore(const Stmt *S) const {
  const BodyIndex &Body = H.body();
  for (const Stmt *P = S; P && P != Scope; P = Body.parent(P)) {
    const auto *Block = dyn_cast_or_null<CompoundStmt>(Body.parent(P));
    if (!Block)
      continue;
    for (const Stmt *X : Block->body()) {
      if (X == P)
        break;
      const auto *DS = dyn_cast<DeclStmt>(X);
      if (!DS || !H.before(From, DS))
        continue;
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D);
            V && V->hasLocalStorage() && V->needsDestruction(Ctx))
          return true;
    }
  }
  return false;
}

std::optional<FixItHint> Planner::letGo(const Stmt *E, llvm::StringRef Name,
                                        std::string &Why) const {
  const BodyIndex &Body = H.body();
  // The statement the hand-off is part of, and every evaluation of it
  // hands the handle off (not only one arm of `?:` or the right of `&&`).
  const Stmt *S = E;
  for (const Stmt *P = Body.parent(S); P && isa<Expr>(P);
       S = P, P = Body.parent(P)) {
    const auto *CO = dyn_cast<AbstractConditionalOperator>(P);
    const auto *BO = dyn_cast<BinaryOperator>(P);
    if ((CO && CO->getCond() != S) ||
        (BO && BO->isLogicalOp() && BO->getRHS() == S) ||
        isa<LambdaExpr>(P)) {
      Why = "'" + A.Name + "' is handed off on only some evaluations of a "
                           "statement";
      return std::nullopt;
    }
  }
  if (inMacro(S)) {
    Why = "a hand-off of '" + A.Name + "' is written in a macro";
    return std::nullopt;
  }
  if (!Body.isAncestor(Scope, S) || !H.before(From, S)) {
    Why = "'" + A.Name + "' is handed off where the guard does not hold it";
    return std::nullopt;
  }
  // Let go once, for good: not in a loop the guard is outside of, and no
  // release after it (`new Set(&lists[i]);` in a loop, `delete[] lists;`
  // after it: the hand-off was a use, and the guard must still release),
  // unless the path leaves the function right there (`return p;`, or a
  // `return` or `throw` next).
  for (const Stmt *P = Body.parent(S); P && P != Scope; P = Body.parent(P))
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P)) {
      Why = "'" + A.Name + "' is handed off inside a loop";
      return std::nullopt;
    }
  const CompoundStmt *Block = nullptr;
  const Stmt *Next = H.nextInBlock(S, Block);
  const auto *NextExpr = dyn_cast_or_null<Expr>(Next);
  const bool Leaves =
      isa<ReturnStmt>(S) || isa_and_nonnull<ReturnStmt>(Next) ||
      (NextExpr && isa<CXXThrowExpr>(NextExpr->IgnoreImplicit()));
  if (!Leaves && llvm::any_of(A.Releases, [&](const Expr *R) {
        return H.before(S, R);
      })) {
    Why = "'" + A.Name + "' is released after it is handed off";
    return std::nullopt;
  }
  const Stmt *Parent = Body.parent(S);
  const auto *Ret = dyn_cast<ReturnStmt>(S);
  if (Ret && Ret->getRetValue() &&
      H.names(ignoreValueCasts(Ret->getRetValue()))) {
    // `return p;` returns what the guard lets go of (std::unique_ptr's
    // release() gives the pointer; the runtime's gives nothing).
    if (!Shape.Runtime)
      return FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(
              Ret->getRetValue()->IgnoreParenCasts()->getSourceRange()),
          (Name + ".release()").str());
    if (isa_and_nonnull<CompoundStmt>(Parent))
      return insertStatementBefore(S, (Name + ".release();").str(), SM);
  } else if (isa<Expr>(S) && isa_and_nonnull<CompoundStmt>(Parent)) {
    // After the statement: if it throws, the handle is not handed off and
    // the guard still releases it.
    if (auto Fix = insertStatementAfter(S, (Name + ".release();").str(), SM,
                                        LO))
      return Fix;
  }
  Why = "'" + A.Name + "' is handed off inside a larger statement";
  return std::nullopt;
}

GuardRewrite Planner::run() {
  if (isInInstantiatedContext(FA.Fn))
    return refuse("the function is a template instantiation; an edit would "
                  "change every instantiation");
  if (!LO.CPlusPlus11)
    return refuse("the guard needs C++11");
  H.allowHandOffs();
  if (auto Why = H.refusal())
    return refuse(*Why);
  if (H.release().empty())
    return refuse("'" + A.Name + "' is released nowhere in its block");
  if (Shape.TakesRelease && H.release().starts_with("delete"))
    return refuse("the guard '" + Type.str() + "' takes a function, and '" +
                  A.Name + "' is released by '" + H.release().str() + "'");
  if (auto Why = typeMismatch())
    return refuse(*Why);
  if (llvm::any_of(A.Skips, [](const SkipCause &C) {
        return C.Kind == SkipCause::Overwrite;
      }))
    return refuse("'" + A.Name + "' is acquired again while it holds a handle");
  const Stmt *Acquire = acquireStatement();
  if (!Acquire)
    return refuse("the acquire is not a statement of its own");
  if (inMacro(Acquire))
    return refuse("the acquire is written in a macro");
  Scope = H.body().parent(Acquire);
  const Stmt *Decl = H.body().declStmtOf(H.var());
  if (!Decl || H.body().parent(Decl) != Scope)
    return refuse("'" + A.Name + "' is declared outside the block that "
                  "acquires it");
  // After a failure check that leaves, so the guard never holds an
  // invalid handle.
  From = Acquire;
  const CompoundStmt *Block = nullptr;
  if (const auto *If =
          dyn_cast_or_null<IfStmt>(H.nextInBlock(Acquire, Block));
      If && !If->getElse() && !If->getInit() && !If->getConditionVariable() &&
      !inMacro(If) && H.testsInvalid(If->getCond()) &&
      alwaysLeaves(If->getThen()))
    From = If;
  H.setScope(Scope, From);
  if (auto Why = H.jumpIntoScope("the guard's declaration"))
    return refuse(*Why);
  if (auto Why = H.escapingUse(/*CallsBorrow=*/!A.HeldAtExit))
    return refuse(*Why);

  const std::string Name = guardRewriteNamer().freshName(
      FA.Fn, cast<CompoundStmt>(Scope),
      releaseVerb(H.release()) + "_" + H.var()->getName().str(), Ctx);
  GuardRewrite Out;
  std::string Text = Type.str() + " " + Name + "(" + H.var()->getName().str();
  if (Shape.TakesRelease)
    Text += ", &" + H.releaseSpelling().str();
  auto Guard = insertStatementAfter(From, Text + ");", SM, LO);
  if (!Guard)
    return refuse("the acquire cannot be edited");
  Out.Fixes.push_back(*Guard);
  for (const Expr *R : A.Releases) {
    std::string Why;
    auto Site = H.releaseSite(R, Why);
    if (!Site)
      return refuse(Why);
    const auto *Ret = dyn_cast_or_null<ReturnStmt>(Site->Next);
    if (Site->AtScopeExit && (!Ret || returnsTrivially(Ret)) &&
        !destroyedBefore(Site->S))
      Out.Fixes.push_back(deleteStatement(Site->S, SM, LO));
    else // more code follows: the guard releases now
      Out.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(R->getSourceRange()),
          Name + ".reset()"));
  }
  for (const Stmt *E : A.HandOffs) {
    std::string Why;
    auto Fix = letGo(E, Name, Why);
    if (!Fix)
      return refuse(Why);
    // Two hand-offs in one statement let go once.
    if (llvm::none_of(Out.Fixes, [&](const FixItHint &F) {
          return F.RemoveRange.getAsRange() ==
                     Fix->RemoveRange.getAsRange() &&
                 F.CodeToInsert == Fix->CodeToInsert;
        }))
      Out.Fixes.push_back(*Fix);
  }
  return Out;
}

} // namespace

GuardRewrite planHandleGuardRewrite(const FunctionAnalysis &FA, unsigned Acq,
                                    llvm::StringRef GuardType,
                                    const HandleGuardShape &Shape,
                                    ASTContext &Ctx) {
  return Planner(FA, Acq, GuardType, Shape, Ctx).run();
}

} // namespace clang::tidy::raii
