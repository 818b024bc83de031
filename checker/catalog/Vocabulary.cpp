//===- Vocabulary.cpp - the words of the lock and container APIs ----------===//
#include "catalog/Vocabulary.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::raii {

bool isLockMethodName(llvm::StringRef N) {
  return llvm::is_contained({"lock", "try_lock", "try_lock_for",
                             "try_lock_until", "lock_shared", "try_lock_shared",
                             "try_lock_shared_for", "try_lock_shared_until"},
                            N);
}

bool isBlockingLockMethodName(llvm::StringRef N) {
  return N == "lock" || N == "lock_shared";
}

bool isLockEachFunction(const FunctionDecl *FD) {
  if (!FD || isa<CXXMethodDecl>(FD) || !FD->getIdentifier() ||
      FD->getName() != "lock" || FD->getNumParams() < 2)
    return false;
  if (FD->isInStdNamespace())
    return true;
  const auto *NS = dyn_cast<NamespaceDecl>(FD->getDeclContext());
  return NS && NS->getIdentifier() && NS->getName() == "boost" &&
         NS->getParent()->isTranslationUnit();
}

bool isUnlockMethodName(llvm::StringRef N) {
  return N == "unlock" || N == "unlock_shared";
}

bool isGuardReleaseMethodName(llvm::StringRef N) { return N == "release"; }

LockTag lockTagOf(const Expr *Arg) {
  const auto *RD = Arg->getType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return LockTag::None;
  return llvm::StringSwitch<LockTag>(RD->getName())
      .Case("defer_lock_t", LockTag::Defer)
      .Case("adopt_lock_t", LockTag::Adopt)
      .Case("try_to_lock_t", LockTag::TryTo)
      .Default(LockTag::None);
}

bool storesArguments(const CallExpr *C) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(C->getDirectCallee());
  if (!MD || !MD->isInstance())
    return false;
  if (MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator() ||
      MD->getOverloadedOperator() == OO_Equal)
    return true;
  if (!MD->getIdentifier())
    return false;
  // `owner.reset(p)`: a smart pointer (std::unique_ptr, std::shared_ptr,
  // QScopedPointer, ...) takes the pointer it is given.
  if (MD->getName() == "reset")
    return MD->getNumParams() >= 1 &&
           MD->getParamDecl(0)->getType()->isPointerType();
  return llvm::is_contained({"push_back", "push_front", "emplace_back",
                             "emplace_front", "push", "emplace", "emplace_hint",
                             "insert", "insert_or_assign", "try_emplace"},
                            MD->getName());
}

bool buildsOwnedObject(const CallExpr *C) {
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD || !FD->getIdentifier() || !FD->getPrimaryTemplate())
    return false;
  const auto *NS = dyn_cast<NamespaceDecl>(FD->getDeclContext());
  if (!NS || !NS->getIdentifier() ||
      !(FD->isInStdNamespace() || NS->getName() == "boost"))
    return false;
  return llvm::is_contained({"make_shared", "make_unique", "allocate_shared"},
                            FD->getName());
}

} // namespace clang::tidy::raii
