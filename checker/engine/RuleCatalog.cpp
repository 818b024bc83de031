//===- RuleCatalog.cpp - loading and matching rule files ------------------===//
#include "engine/RuleCatalog.h"
#include "support/NameMatcher.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
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

static llvm::StringRef lastComponent(llvm::StringRef Name) {
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
    FD = Call->getDirectCallee();
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

bool RuleCatalog::isTransfer(const CallExpr *Call, unsigned Arg,
                             const Family &Fam) const {
  llvm::StringRef Spelling;
  const FunctionDecl *FD = calleeOf(Call, Spelling);
  if (!FD)
    return false;
  return lookup(*Idx, Spelling, FD, [&](const Index::Entry &En) {
           return En.Xfer && En.Xfer->Arg == Arg &&
                  (En.Fam == &Fam || En.Fam->Kind == Fam.Kind);
         }) != nullptr;
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

// ---------------------------------------------------------------------------
// Loading. The YAML parser's node API keeps positions, so every error names
// the file, line and column of the offending key or value.
// ---------------------------------------------------------------------------
namespace {

class Loader {
public:
  Loader(llvm::StringRef File, llvm::SourceMgr &SM,
         std::vector<RuleError> &Errors)
      : File(File), SM(SM), Errors(Errors) {}

  void error(llvm::yaml::Node *N, const llvm::Twine &Msg) {
    RuleError E;
    E.File = File.str();
    if (N) {
      auto LC = SM.getLineAndColumn(N->getSourceRange().Start);
      E.Line = LC.first;
      E.Column = LC.second;
    }
    E.Message = Msg.str();
    Errors.push_back(std::move(E));
  }

  std::optional<std::string> scalar(llvm::yaml::Node *N, llvm::StringRef Key) {
    auto *S = dyn_cast_or_null<llvm::yaml::ScalarNode>(N);
    if (!S) {
      error(N, "'" + Key + "' must be a scalar");
      return std::nullopt;
    }
    llvm::SmallString<64> Storage;
    return S->getValue(Storage).str();
  }

  std::optional<bool> boolean(llvm::yaml::Node *N, llvm::StringRef Key) {
    auto V = scalar(N, Key);
    if (!V)
      return std::nullopt;
    if (*V == "true")
      return true;
    if (*V == "false")
      return false;
    error(N, "'" + Key + "' must be true or false, not '" + *V + "'");
    return std::nullopt;
  }

  /// Iterates a mapping, rejecting keys not in \p Allowed and duplicates;
  /// calls \p Each(key, value).
  template <typename F>
  bool mapping(llvm::yaml::Node *N, llvm::StringRef What,
               llvm::ArrayRef<llvm::StringRef> Allowed,
               llvm::ArrayRef<llvm::StringRef> Required, F Each) {
    auto *M = dyn_cast_or_null<llvm::yaml::MappingNode>(N);
    if (!M) {
      error(N, What + " must be a mapping");
      return false;
    }
    bool Ok = true;
    llvm::StringSet<> Seen;
    for (auto &KV : *M) {
      auto *K = dyn_cast_or_null<llvm::yaml::ScalarNode>(KV.getKey());
      if (!K) {
        error(KV.getKey(), "keys of " + What + " must be scalars");
        Ok = false;
        continue;
      }
      llvm::SmallString<32> Storage;
      std::string Key = K->getValue(Storage).str();
      if (!llvm::is_contained(Allowed, Key)) {
        std::string List;
        for (llvm::StringRef A : Allowed)
          List += (List.empty() ? "" : ", ") + A.str();
        error(K, "unknown key '" + Key + "' in " + What + " (expected one of: " +
                     List + ")");
        Ok = false;
        continue;
      }
      if (!Seen.insert(Key).second) {
        error(K, "duplicate key '" + Key + "' in " + What);
        Ok = false;
        continue;
      }
      if (!Each(Key, KV.getValue()))
        Ok = false;
    }
    for (llvm::StringRef R : Required)
      if (!Seen.count(R)) {
        error(N, What + " is missing the required key '" + R + "'");
        Ok = false;
      }
    return Ok;
  }

  template <typename F>
  bool sequence(llvm::yaml::Node *N, llvm::StringRef What, F Each) {
    auto *S = dyn_cast_or_null<llvm::yaml::SequenceNode>(N);
    if (!S) {
      error(N, "'" + What + "' must be a list");
      return false;
    }
    bool Ok = true, Any = false;
    for (auto &Item : *S) {
      Any = true;
      if (!Each(&Item))
        Ok = false;
    }
    if (!Any) {
      error(N, "'" + What + "' must not be empty");
      return false;
    }
    return Ok;
  }

  bool handle(llvm::yaml::Node *N, HandleSpec &H, bool ForAcquire) {
    auto V = scalar(N, "handle");
    if (!V)
      return false;
    llvm::StringRef S(*V);
    if (S == "return" && ForAcquire) {
      H.Kind = HandleSpec::Return;
      return true;
    }
    if (S == "this") {
      H.Kind = HandleSpec::This;
      return true;
    }
    bool IsOut = ForAcquire && S.consume_front("out");
    if (IsOut || S.consume_front("arg")) {
      unsigned I;
      if (!S.trim().getAsInteger(10, I)) {
        H.Kind = IsOut ? HandleSpec::Out : HandleSpec::Arg;
        H.Index = I;
        return true;
      }
    }
    error(N, "bad handle '" + *V + "' (expected " +
                 (ForAcquire ? "'return', 'this', 'arg N' or 'out N'"
                             : "'this' or 'arg N'") +
                 ")");
    return false;
  }

  bool acquire(llvm::yaml::Node *N, Family &F) {
    Acquire A;
    bool HasInvalid = false;
    bool Ok = mapping(
        N, "acquire", {"function", "handle", "invalid", "success", "count"},
        {"function", "handle"},
        [&](llvm::StringRef K, llvm::yaml::Node *V) -> bool {
          if (K == "function") {
            auto S = scalar(V, K);
            return S && functionName(V, *S, A.Function, true);
          }
          if (K == "handle")
            return handle(V, A.Handle, true);
          if (K == "count") {
            auto S = scalar(V, K);
            if (!S)
              return false;
            if (llvm::StringRef(*S).getAsInteger(10, A.Handle.Count) ||
                A.Handle.Count == 0) {
              error(V, "'count' must be a positive integer, not '" + *S + "'");
              return false;
            }
            return true;
          }
          if (K == "invalid") {
            auto S = scalar(V, K);
            if (!S)
              return false;
            HasInvalid = true;
            if (*S == "null")
              A.Invalid = InvalidValue::Null;
            else if (*S == "negative")
              A.Invalid = InvalidValue::Negative;
            else if (*S == "none")
              A.Invalid = InvalidValue::None;
            else {
              error(V, "bad invalid value '" + *S +
                           "' (expected 'null', 'negative' or 'none')");
              return false;
            }
            return true;
          }
          auto S = scalar(V, K); // success
          if (!S)
            return false;
          if (*S == "always")
            A.SuccessWhen = Success::Always;
          else if (*S == "true")
            A.SuccessWhen = Success::True;
          else if (*S == "zero")
            A.SuccessWhen = Success::Zero;
          else {
            error(V, "bad success value '" + *S +
                         "' (expected 'always', 'true' or 'zero')");
            return false;
          }
          return true;
        });
    if (!Ok)
      return false;
    if (A.Handle.Kind == HandleSpec::Return && !HasInvalid &&
        A.SuccessWhen == Success::Always)
      A.Invalid = InvalidValue::Null;
    if (A.Handle.Kind == HandleSpec::Return && A.SuccessWhen != Success::Always) {
      error(N, "an acquire with 'handle: return' reports failure through "
               "'invalid', not 'success'");
      return false;
    }
    F.Acquires.push_back(std::move(A));
    return true;
  }

  bool release(llvm::yaml::Node *N, Family &F) {
    Release R;
    bool Ok = mapping(
        N, "release", {"function", "handle", "throws", "on"},
        {"function", "handle"},
        [&](llvm::StringRef K, llvm::yaml::Node *V) -> bool {
          if (K == "function") {
            auto S = scalar(V, K);
            return S && functionName(V, *S, R.Function, false);
          }
          if (K == "handle")
            return handle(V, R.Handle, false);
          if (K == "throws") {
            auto B = boolean(V, K);
            if (B)
              R.MayThrow = *B;
            return B.has_value();
          }
          auto S = scalar(V, K); // on
          if (!S)
            return false;
          if (*S == "always")
            R.On = Release::Always;
          else if (*S == "success")
            R.On = Release::OnSuccess;
          else if (*S == "failure")
            R.On = Release::OnFailure;
          else {
            error(V, "bad value '" + *S +
                         "' for 'on' (expected 'always', 'success' or "
                         "'failure')");
            return false;
          }
          return true;
        });
    if (Ok)
      F.Releases.push_back(std::move(R));
    return Ok;
  }

  bool transfer(llvm::yaml::Node *N, Family &F) {
    Transfer T;
    return mapping(N, "transfer", {"function", "arg"}, {"function", "arg"},
                   [&](llvm::StringRef K, llvm::yaml::Node *V) -> bool {
                     auto S = scalar(V, K);
                     if (!S)
                       return false;
                     if (K == "function")
                       return functionName(V, *S, T.Function, false);
                     if (llvm::StringRef(*S).getAsInteger(10, T.Arg)) {
                       error(V, "'arg' must be an argument index, not '" + *S +
                                    "'");
                       return false;
                     }
                     return true;
                   }) &&
           (F.Transfers.push_back(T), true);
  }

  bool functionName(llvm::yaml::Node *N, llvm::StringRef S, std::string &Out,
                    bool ForAcquire) {
    S = S.trim();
    bool Operator = ForAcquire ? (S == "new" || S == "new[]")
                               : (S == "delete" || S == "delete[]");
    bool Identifier =
        !S.empty() && llvm::all_of(S, [](char C) {
          return llvm::isAlnum(C) || C == '_' || C == ':';
        }) && !S.ends_with(":") && !llvm::isDigit(lastComponent(S).front());
    if (!Operator && !Identifier) {
      error(N, "bad function name '" + S + "' (expected a qualified name" +
                   (ForAcquire ? ", 'new' or 'new[]')" : ", 'delete' or 'delete[]')"));
      return false;
    }
    Out = S.str();
    return true;
  }

  bool family(llvm::yaml::Node *N, std::vector<std::unique_ptr<Family>> &Out) {
    auto F = std::make_unique<Family>();
    F->File = File.str();
    F->Line = SM.getLineAndColumn(N->getSourceRange().Start).first;
    std::string Unknown = "borrow";
    bool Ok = mapping(
        N, "family",
        {"name", "kind", "guard", "reentrant", "calls", "acquire", "release",
         "transfer"},
        {"name", "kind", "acquire", "release"},
        [&](llvm::StringRef K, llvm::yaml::Node *V) -> bool {
          if (K == "name" || K == "kind") {
            auto S = scalar(V, K);
            if (S)
              (K == "name" ? F->Name : F->Kind) = *S;
            return S.has_value();
          }
          if (K == "reentrant") {
            auto B = boolean(V, K);
            if (B)
              F->Reentrant = *B;
            return B.has_value();
          }
          if (K == "calls") {
            auto S = scalar(V, K);
            if (!S)
              return false;
            if (*S != "borrow" && *S != "take") {
              error(V, "bad value '" + *S +
                           "' for 'calls' (expected 'borrow' or 'take')");
              return false;
            }
            F->CallsTakeOwnership = *S == "take";
            return true;
          }
          if (K == "guard")
            return mapping(V, "guard", {"std", "raii"}, {},
                           [&](llvm::StringRef GK, llvm::yaml::Node *GV) {
                             auto S = scalar(GV, GK);
                             if (S)
                               (GK == "std" ? F->GuardStd : F->GuardRaii) = *S;
                             return S.has_value();
                           });
          if (K == "acquire")
            return sequence(V, K, [&](llvm::yaml::Node *I) {
              return acquire(I, *F);
            });
          if (K == "release")
            return sequence(V, K, [&](llvm::yaml::Node *I) {
              return release(I, *F);
            });
          return sequence(V, K, [&](llvm::yaml::Node *I) {
            return transfer(I, *F);
          });
        });
    if (!Ok)
      return false;
    bool AnyObject = false, AnyReturn = false;
    for (const Acquire &A : F->Acquires) {
      (A.Handle.Kind == HandleSpec::This || A.Handle.Kind == HandleSpec::Arg
           ? AnyObject
           : AnyReturn) = true;
    }
    if (AnyObject && AnyReturn) {
      error(N, "family '" + F->Name +
                   "' mixes acquires that lock an object ('this', 'arg N') "
                   "with acquires that create a handle ('return', 'out N')");
      return false;
    }
    F->IsLock = AnyObject;
    Out.push_back(std::move(F));
    return true;
  }

  bool file(llvm::StringRef Text, std::vector<std::unique_ptr<Family>> &Out) {
    llvm::yaml::Stream Stream(Text, SM, /*ShowColors=*/false);
    auto DocIt = Stream.begin();
    if (DocIt == Stream.end() || !DocIt->getRoot()) {
      error(nullptr, "empty rule file");
      return false;
    }
    llvm::yaml::Node *Root = DocIt->getRoot();
    if (Stream.failed())
      return false;
    bool HasVersion = false;
    bool Ok = mapping(
        Root, "rule file", {"version", "area", "description", "families"},
        {"version", "families"},
        [&](llvm::StringRef K, llvm::yaml::Node *V) -> bool {
          if (K == "version") {
            auto S = scalar(V, K);
            unsigned Ver;
            if (!S)
              return false;
            if (llvm::StringRef(*S).getAsInteger(10, Ver) ||
                Ver != RuleSchemaVersion) {
              error(V, "unsupported schema version '" + *S +
                           "' (this raii-tidy reads version " +
                           llvm::Twine(RuleSchemaVersion) + ")");
              return false;
            }
            HasVersion = true;
            return true;
          }
          if (K == "area" || K == "description")
            return scalar(V, K).has_value();
          return sequence(V, K, [&](llvm::yaml::Node *I) {
            return family(I, Out);
          });
        });
    if (Stream.failed())
      return false;
    if (++DocIt != Stream.end()) {
      error(nullptr, "a rule file holds one YAML document");
      return false;
    }
    return Ok && HasVersion;
  }

private:
  llvm::StringRef File;
  llvm::SourceMgr &SM;
  std::vector<RuleError> &Errors;
};

} // namespace

bool RuleCatalog::addFile(llvm::StringRef Name, llvm::StringRef Text) {
  llvm::SourceMgr SM;
  size_t Before = Errors.size();
  // YAML syntax errors arrive through the source manager.
  struct Ctx {
    RuleCatalog *Self;
    llvm::StringRef Name;
  } C{this, Name};
  SM.setDiagHandler(
      [](const llvm::SMDiagnostic &D, void *P) {
        auto *C = static_cast<Ctx *>(P);
        RuleError E;
        E.File = C->Name.str();
        E.Line = D.getLineNo();
        E.Column = D.getColumnNo() + 1;
        E.Message = "YAML syntax error: " + D.getMessage().str();
        C->Self->Errors.push_back(std::move(E));
      },
      &C);
  std::vector<std::unique_ptr<Family>> New;
  Loader L(Name, SM, Errors);
  bool Ok = L.file(Text, New) && Errors.size() == Before;
  if (!Ok) {
    // After a syntax error the rest is noise: keep only the syntax errors.
    auto IsSyntax = [](const RuleError &E) {
      return llvm::StringRef(E.Message).starts_with("YAML syntax error");
    };
    if (std::any_of(Errors.begin() + Before, Errors.end(), IsSyntax))
      Errors.erase(std::remove_if(Errors.begin() + Before, Errors.end(),
                                  [&](const RuleError &E) {
                                    return !IsSyntax(E);
                                  }),
                   Errors.end());
    return false;
  }
  for (auto &F : New) {
    for (Acquire &A : F->Acquires) {
      A.Fam = F.get();
      auto E = std::make_unique<Index::Entry>(Index::Entry{
          NameMatcher(std::vector<std::string>{A.Function}), &A, nullptr,
          nullptr, F.get(), declKindOf(A.Function, A.Handle)});
      Idx->ByName[lastComponent(A.Function)].push_back(std::move(E));
    }
    for (Release &R : F->Releases) {
      R.Fam = F.get();
      auto E = std::make_unique<Index::Entry>(Index::Entry{
          NameMatcher(std::vector<std::string>{R.Function}), nullptr, &R,
          nullptr, F.get(), declKindOf(R.Function, R.Handle)});
      Idx->ByName[lastComponent(R.Function)].push_back(std::move(E));
    }
    for (Transfer &T : F->Transfers) {
      auto E = std::make_unique<Index::Entry>(Index::Entry{
          NameMatcher(std::vector<std::string>{T.Function}), nullptr, nullptr,
          &T, F.get(), declKindOf(T.Function, HandleSpec{HandleSpec::Arg, T.Arg})});
      Idx->ByName[lastComponent(T.Function)].push_back(std::move(E));
    }
    Families.push_back(std::move(F));
  }
  return true;
}

bool RuleCatalog::addPath(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf) {
    Errors.push_back({Path.str(), 0, 0,
                      "cannot read rule file: " + Buf.getError().message()});
    return false;
  }
  return addFile(Path, (*Buf)->getBuffer());
}

void RuleCatalog::addBuiltins() {
#define RAII_RULE_FILE(Name, Text) addFile("<builtin>/" Name, Text);
#include "EmbeddedRules.inc"
#undef RAII_RULE_FILE
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
    Slot->addBuiltins();
    for (llvm::StringRef P : utils::options::parseStringList(RuleFiles))
      if (!P.trim().empty())
        Slot->addPath(P.trim());
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
