//===- RuleCatalog.cpp - matching calls against the rules catalog ---------===//
#include "catalog/RuleCatalog.h"
#include "support/CalledFunction.h"
#include "support/NameMatcher.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include <map>
#include <mutex>

namespace clang::tidy::raii {

llvm::StringRef Family::guard(llvm::StringRef Style) const {
  if (Style == "raii")
    return GuardRaii.empty() ? llvm::StringRef(GuardStd) : GuardRaii;
  return GuardStd.empty() ? llvm::StringRef(GuardRaii) : GuardStd;
}

std::string RuleError::str() const {
  std::string S = File;
  if (Line)
    S += ":" + std::to_string(Line) + ":" + std::to_string(Column);
  return S + ": " + Message;
}

// ---------------------------------------------------------------------------
// Matching: rules are indexed by the last component of their name, so most
// calls are rejected by one hash lookup.
// ---------------------------------------------------------------------------
struct RuleCatalog::Index {
  /// Which declarations a rule's name may denote, besides its spelling.
  enum class DeclKind {
    Any,    ///< a qualified name: the qualification says what it is
    CFree,  ///< an unqualified name: a C-style free function
    Member, ///< `handle: this`: a non-static member function
  };
  struct Entry {
    NameMatcher Matcher;
    const Acquire *Acq = nullptr;
    const Release *Rel = nullptr;
    const Transfer *Xfer = nullptr;
    const Family *Fam = nullptr;
    DeclKind Kind = DeclKind::Any;
  };
  llvm::StringMap<std::vector<std::unique_ptr<Entry>>> ByName;
};

llvm::StringRef lastComponent(llvm::StringRef Name) {
  size_t Pos = Name.rfind("::");
  return Pos == llvm::StringRef::npos ? Name : Name.substr(Pos + 2);
}

static RuleCatalog::Index::DeclKind declKindOf(llvm::StringRef Function,
                                               const HandleSpec &Handle) {
  using DeclKind = RuleCatalog::Index::DeclKind;
  if (Handle.Kind == HandleSpec::This)
    return DeclKind::Member;
  if (!Function.contains("::"))
    return DeclKind::CFree;
  return DeclKind::Any;
}

/// An unqualified rule name (`open`, `close`, `malloc`) names a C library
/// function: a free function with C linkage, at global scope, or in namespace
/// `std` (`std::fopen`). A member function `conn::open()` or a function in a
/// user namespace with the same name is another function.
static bool isCStyleFreeFunction(const FunctionDecl *FD) {
  if (isa<CXXMethodDecl>(FD))
    return false;
  if (FD->isExternC())
    return true;
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  while (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
    if (!NS->isInline())
      break;
    DC = NS->getParent()->getRedeclContext();
  }
  return DC->isTranslationUnit() || DC->isStdNamespace();
}

static bool declKindMatches(RuleCatalog::Index::DeclKind K,
                            const FunctionDecl *FD) {
  using DeclKind = RuleCatalog::Index::DeclKind;
  switch (K) {
  case DeclKind::Any:
    return true;
  case DeclKind::CFree:
    return isCStyleFreeFunction(FD);
  case DeclKind::Member:
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      return MD->isInstance();
    return false;
  }
  return false;
}

RuleCatalog::RuleCatalog() : Idx(std::make_unique<Index>()) {}
RuleCatalog::~RuleCatalog() = default;

const FunctionDecl *RuleCatalog::calleeOf(const Expr *E,
                                          llvm::StringRef &Spelling) const {
  if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
    if (New->getNumPlacementArgs() > 0 && !New->shouldNullCheckAllocation())
      return nullptr; // placement new constructs in storage it does not own
    Spelling = New->isArray() ? "new[]" : "new";
    return nullptr;
  }
  if (const auto *Del = dyn_cast<CXXDeleteExpr>(E)) {
    Spelling = Del->isArrayForm() ? "delete[]" : "delete";
    return nullptr;
  }
  const FunctionDecl *FD = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    FD = calledFunction(Call);
  else if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    FD = CE->getConstructor();
  if (!FD || !FD->getIdentifier())
    return nullptr;
  Spelling = FD->getName();
  return FD;
}

template <typename Pred>
static const RuleCatalog::Index::Entry *
lookup(const RuleCatalog::Index &Idx, llvm::StringRef Spelling,
       const FunctionDecl *FD, Pred P) {
  auto It = Idx.ByName.find(Spelling);
  if (It == Idx.ByName.end())
    return nullptr;
  for (const auto &E : It->second) {
    if (!P(*E))
      continue;
    if (!FD || (declKindMatches(E->Kind, FD) && E->Matcher.matches(FD)))
      return E.get();
  }
  return nullptr;
}

template <typename Rule, typename PickT>
const Rule *RuleCatalog::matchRule(const Expr *E, PickT Pick) const {
  if (!E)
    return nullptr;
  llvm::StringRef Spelling;
  const FunctionDecl *FD = calleeOf(E, Spelling);
  if (Spelling.empty())
    return nullptr;
  const auto *Found = lookup(*Idx, Spelling, FD, [&](const Index::Entry &En) {
    return Pick(En) != nullptr;
  });
  return Found ? Pick(*Found) : nullptr;
}

const Acquire *RuleCatalog::matchAcquire(const Expr *E) const {
  return matchRule<Acquire>(E, [](const Index::Entry &En) { return En.Acq; });
}

const Acquire *RuleCatalog::matchAcquire(const CallExpr *Call) const {
  return matchAcquire(static_cast<const Expr *>(Call));
}

const Release *RuleCatalog::matchRelease(const Expr *E) const {
  return matchRule<Release>(E, [](const Index::Entry &En) { return En.Rel; });
}

const Release *RuleCatalog::matchRelease(const CallExpr *Call) const {
  return matchRelease(static_cast<const Expr *>(Call));
}

bool Transfer::appliesTo(const CallExpr *Call) const {
  if (When.empty())
    return true;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return false;
  return llvm::all_of(When, [&](const std::pair<unsigned, int64_t> &W) {
    if (W.first >= Call->getNumArgs())
      return false;
    const Expr *A = Call->getArg(W.first);
    if (A->isValueDependent())
      return false;
    std::optional<llvm::APSInt> V =
        A->getIntegerConstantExpr(FD->getASTContext());
    return V && llvm::APSInt::isSameValue(*V, llvm::APSInt::get(W.second));
  });
}

const Transfer *RuleCatalog::transferOf(const CallExpr *Call, unsigned Arg,
                                        const Family &Fam) const {
  llvm::StringRef Spelling;
  const FunctionDecl *FD = calleeOf(Call, Spelling);
  if (!FD)
    return nullptr;
  const auto *E = lookup(*Idx, Spelling, FD, [&](const Index::Entry &En) {
    return En.Xfer && En.Xfer->Arg == Arg && En.Xfer->appliesTo(Call) &&
           (En.Fam == &Fam || En.Fam->Kind == Fam.Kind);
  });
  return E ? E->Xfer : nullptr;
}

const Acquire *RuleCatalog::acquireRuleFor(const FunctionDecl *Fn) const {
  if (!Fn || !Fn->getIdentifier())
    return nullptr;
  const auto *E = lookup(*Idx, Fn->getName(), Fn,
                         [](const Index::Entry &En) { return En.Acq; });
  return E ? E->Acq : nullptr;
}

const Release *RuleCatalog::releaseRuleFor(const FunctionDecl *Fn) const {
  if (!Fn || !Fn->getIdentifier())
    return nullptr;
  const auto *E = lookup(*Idx, Fn->getName(), Fn,
                         [](const Index::Entry &En) { return En.Rel; });
  return E ? E->Rel : nullptr;
}

bool RuleCatalog::isRuleFunction(const FunctionDecl *Fn) const {
  if (!Fn || !Fn->getIdentifier())
    return false;
  return lookup(*Idx, Fn->getName(), Fn, [](const Index::Entry &En) {
           return En.Acq || En.Rel;
         }) != nullptr;
}

const Expr *RuleCatalog::handleExpr(const Expr *Call, const HandleSpec &Spec) {
  switch (Spec.Kind) {
  case HandleSpec::Return:
  case HandleSpec::Global:
  case HandleSpec::Format: // several handles, or none: formatArgs()
    return nullptr;
  case HandleSpec::This:
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      return MC->getImplicitObjectArgument();
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call))
      return OC->getNumArgs() ? OC->getArg(0) : nullptr;
    return nullptr;
  case HandleSpec::Arg:
  case HandleSpec::Out:
    if (const auto *Del = dyn_cast<CXXDeleteExpr>(Call))
      return Spec.Index == 0 ? Del->getArgument() : nullptr;
    if (const auto *C = dyn_cast<CallExpr>(Call)) {
      unsigned I = Spec.Index + (isa<CXXOperatorCallExpr>(C) &&
                                         isa_and_nonnull<CXXMethodDecl>(
                                             C->getDirectCallee())
                                     ? 1
                                     : 0);
      return I < C->getNumArgs() ? C->getArg(I) : nullptr;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Call))
      return Spec.Index < CE->getNumArgs() ? CE->getArg(Spec.Index) : nullptr;
    return nullptr;
  }
  return nullptr;
}

void RuleCatalog::addFamily(std::unique_ptr<Family> F) {
  indexFamily(*F);
  Families.push_back(std::move(F));
}

void RuleCatalog::reindex() {
  Idx->ByName.clear();
  for (const auto &F : Families)
    indexFamily(*F);
}

void RuleCatalog::indexFamily(Family &Fam) {
  Family *F = &Fam;
  for (Acquire &A : F->Acquires) {
    A.Fam = F;
    auto E = std::make_unique<Index::Entry>(Index::Entry{
        NameMatcher(std::vector<std::string>{A.Function}), &A, nullptr,
        nullptr, F, declKindOf(A.Function, A.Handle)});
    Idx->ByName[lastComponent(A.Function)].push_back(std::move(E));
  }
  for (Release &R : F->Releases) {
    R.Fam = F;
    auto E = std::make_unique<Index::Entry>(Index::Entry{
        NameMatcher(std::vector<std::string>{R.Function}), nullptr, &R,
        nullptr, F, declKindOf(R.Function, R.Handle)});
    Idx->ByName[lastComponent(R.Function)].push_back(std::move(E));
  }
  for (Transfer &T : F->Transfers) {
    auto E = std::make_unique<Index::Entry>(Index::Entry{
        NameMatcher(std::vector<std::string>{T.Function}), nullptr, nullptr,
        &T, F, declKindOf(T.Function, HandleSpec{HandleSpec::Arg, T.Arg})});
    Idx->ByName[lastComponent(T.Function)].push_back(std::move(E));
  }
}

namespace {
struct CatalogCache {
  std::mutex Mu;
  std::map<std::string, std::unique_ptr<RuleCatalog>> Catalogs;
  std::map<std::pair<std::string, std::string>, bool> Reported;
};
CatalogCache &cache() {
  static CatalogCache C;
  return C;
}
} // namespace

const RuleCatalog &RuleCatalog::get(llvm::StringRef RuleFiles) {
  CatalogCache &C = cache();
  std::lock_guard<std::mutex> Lock(C.Mu);
  auto &Slot = C.Catalogs[RuleFiles.str()];
  if (!Slot) {
    Slot = std::make_unique<RuleCatalog>();
    std::vector<llvm::StringRef> Paths;
    for (llvm::StringRef P : utils::options::parseStringList(RuleFiles))
      if (!P.trim().empty())
        Paths.push_back(P.trim());
    if (Paths.empty())
      Slot->addBuiltinsOnDemand();
    else
      Slot->addBuiltins();
    for (llvm::StringRef P : Paths)
      Slot->addPath(P);
  }
  return *Slot;
}

const RuleCatalog &RuleCatalog::forCheck(const ClangTidyCheck &Check,
                                         llvm::StringRef RuleFiles) {
  const RuleCatalog &Cat = get(RuleFiles);
  if (Cat.errors().empty())
    return Cat;
  {
    CatalogCache &C = cache();
    std::lock_guard<std::mutex> Lock(C.Mu);
    // One report per option value and process, not one per check.
    if (!C.Reported.emplace(std::make_pair(RuleFiles.str(), std::string()), true)
             .second)
      return Cat;
  }
  for (const RuleError &E : Cat.errors())
    Check.configurationDiag("raii rules: %0", DiagnosticIDs::Error) << E.str();
  return Cat;
}

} // namespace clang::tidy::raii
