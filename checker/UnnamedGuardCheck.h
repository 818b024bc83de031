//===- UnnamedGuardCheck.h - raii-unnamed-guard ---------------------------===//
#ifndef RAII_TIDY_UNNAMEDGUARDCHECK_H
#define RAII_TIDY_UNNAMEDGUARDCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "support/GuardNaming.h"
#include "support/NameMatcher.h"

namespace clang::tidy::raii {

/// Finds scope guards that guard nothing: temporaries destroyed at the end of
/// their full-expression (`std::lock_guard<std::mutex>{m};`) and the vexing
/// parses that declare a new, default-constructed guard shadowing the mutex
/// (`std::unique_lock<std::mutex>(m);`). Offers to name the guard.
///
/// For the user-facing documentation see docs/checks/raii-unnamed-guard.md.
class UnnamedGuardCheck : public ClangTidyCheck {
public:
  UnnamedGuardCheck(llvm::StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { Namer.reset(); }
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

  /// A later statement that makes naming the guard wrong.
  struct LaterUse {
    enum KindT { Relocked, Unlocked, NameReused };
    const Stmt *Where = nullptr;
    KindT Kind = Relocked;
  };

  /// Where a statement stands: the function and, if it is a direct child of
  /// a block, that block (null for the unbraced body of an if or loop).
  struct Position {
    const FunctionDecl *Fn;
    const CompoundStmt *Scope;
  };

private:
  class BodyWalker;
  bool isGuard(QualType T) const;
  void checkStatement(const Stmt *S, Position Pos, ASTContext &Ctx);
  void checkTemporary(const Expr *Construct, const Expr *Top, Position Pos,
                      ASTContext &Ctx);
  void checkVexingParse(const DeclStmt *DS, const VarDecl *Var, Position Pos,
                        ASTContext &Ctx);
  std::optional<FixItHint> nameTemporary(const Expr *Construct,
                                         const Expr *Top,
                                         llvm::ArrayRef<const Expr *> Args,
                                         llvm::ArrayRef<const Expr *> Locked,
                                         Position Pos, ASTContext &Ctx,
                                         LaterUse &Blocker);
  std::optional<FixItHint> nameVexingParse(const DeclStmt *DS,
                                           const VarDecl *Var,
                                           const ValueDecl *Shadowed,
                                           SourceLocation ParenLoc,
                                           Position Pos, ASTContext &Ctx,
                                           LaterUse &Blocker);
  void noteBlocker(const LaterUse &Blocker);

  const std::string GuardTypesOption;
  const NameMatcher GuardTypes;
  GuardNamer Namer;
};

} // namespace clang::tidy::raii

#endif
