//===- RuleLoader.cpp - reading rule files into the catalog ---------------===//
//
// Parses rule files (schema in rules/README.md) with LLVM's YAML node API,
// which keeps positions, so every error names the file, line and column of
// the offending key or value. Unknown keys, missing keys and bad values are
// errors; a file with errors contributes no family. `extends:` entries are
// parsed here and checked and applied with FamilyExtension.h.
//
//===----------------------------------------------------------------------===//
#include "catalog/RuleCatalog.h"
#include "catalog/FamilyExtension.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

namespace clang::tidy::raii {

namespace {

class Loader {
public:
  Loader(llvm::StringRef File, llvm::SourceMgr &SM,
         std::vector<RuleError> &Errors,
         llvm::ArrayRef<std::unique_ptr<Family>> Catalog,
         std::vector<FamilyExtension> &Extensions)
      : File(File), SM(SM), Errors(Errors), Catalog(Catalog),
        Extensions(Extensions) {}

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
      CurrentKey = K;
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
    bool IsFormat = !IsOut && !ForAcquire && S.consume_front("format");
    if (IsOut || IsFormat || S.consume_front("arg")) {
      unsigned I;
      if (!S.trim().getAsInteger(10, I)) {
        H.Kind = IsOut      ? HandleSpec::Out
                 : IsFormat ? HandleSpec::Format
                            : HandleSpec::Arg;
        H.Index = I;
        return true;
      }
    }
    error(N, "bad handle '" + *V + "' (expected " +
                 (ForAcquire ? "'return', 'this', 'arg N' or 'out N'"
                             : "'this', 'arg N' or 'format N'") +
                 ")");
    return false;
  }

  /// The families rules may name now: the catalog's and this file's so far.
  LoadedFamilies loaded() const {
    return {Catalog, ThisFile ? llvm::ArrayRef(*ThisFile)
                              : llvm::ArrayRef<std::unique_ptr<Family>>()};
  }

  /// Reports \p Function when another family already has it in this role.
  bool unclaimed(llvm::yaml::Node *N, llvm::StringRef Function, bool Acquire,
                 const Family &Owner) {
    if (auto Conflict = conflictOf(loaded(), Function, Acquire, Owner)) {
      error(N, *Conflict);
      return false;
    }
    return true;
  }

  bool acquire(llvm::yaml::Node *N, Family &F) {
    Acquire A;
    bool HasInvalid = false;
    std::optional<bool> Try;
    bool Ok = mapping(
        N, "acquire",
        {"function", "handle", "invalid", "success", "count", "try",
         "reopens", "discardable", "lifetime"},
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
          if (K == "try") {
            Try = boolean(V, K);
            return Try.has_value();
          }
          if (K == "discardable") {
            std::optional<bool> D = boolean(V, K);
            A.Discardable = D.value_or(false);
            return D.has_value();
          }
          if (K == "lifetime") {
            auto S = scalar(V, K);
            if (!S)
              return false;
            if (*S != "process") {
              error(V, "bad lifetime '" + *S + "' (expected 'process')");
              return false;
            }
            A.ProcessLifetime = A.Discardable = true;
            return true;
          }
          if (K == "reopens") {
            auto S = scalar(V, K);
            if (!S)
              return false;
            llvm::StringRef R(*S);
            unsigned Arg;
            if (!R.consume_front("arg ") || R.trim().getAsInteger(10, Arg)) {
              error(V, "bad reopened argument '" + *S + "' (expected 'arg N')");
              return false;
            }
            A.Reopens = int(Arg);
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
          else if (*S == "positive")
            A.SuccessWhen = Success::Positive;
          else {
            error(V, "bad success value '" + *S +
                         "' (expected 'always', 'true', 'zero' or "
                         "'positive')");
            return false;
          }
          return true;
        });
    if (!Ok)
      return false;
    if (A.Reopens >= 0 && A.Handle.Kind != HandleSpec::Return) {
      error(N, "'reopens' needs 'handle: return'");
      return false;
    }
    if (A.ProcessLifetime && !A.Discardable) {
      error(N, "'lifetime: process' acquires are discardable; drop "
               "'discardable: false'");
      return false;
    }
    if (A.Discardable && A.Handle.Kind != HandleSpec::Return) {
      error(N, A.ProcessLifetime ? "'lifetime' needs 'handle: return'"
                                 : "'discardable' needs 'handle: return'");
      return false;
    }
    if (A.Handle.Kind == HandleSpec::Return && !HasInvalid &&
        A.SuccessWhen == Success::Always)
      A.Invalid = InvalidValue::Null;
    // A conditional acquire is a try-acquire unless the file says it waits
    // (`pthread_mutex_lock` reports errors but blocks while the lock is taken).
    A.Try = Try.value_or(A.SuccessWhen != Success::Always);
    if (A.Try && A.SuccessWhen == Success::Always) {
      error(N, "'try: true' needs 'success' to say how the acquire reports "
               "that it failed");
      return false;
    }
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
        N, "release", {"function", "handle", "throws", "on", "conversion"},
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
          if (K == "conversion") {
            auto S = scalar(V, K);
            if (!S)
              return false;
            if (S->size() != 1 || !llvm::isAlpha((*S)[0])) {
              error(V, "bad conversion '" + *S +
                           "' (expected one letter, as in 'z' for '%z')");
              return false;
            }
            R.Conversion = (*S)[0];
            return true;
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
    if (Ok && (R.Handle.Kind == HandleSpec::Format) != (R.Conversion != 0)) {
      error(N, R.Conversion ? "'conversion' needs 'handle: format N'"
                            : "'handle: format N' needs a 'conversion'");
      Ok = false;
    }
    if (Ok)
      F.Releases.push_back(std::move(R));
    return Ok;
  }

  bool transfer(llvm::yaml::Node *N, Family &F) {
    Transfer T;
    return mapping(N, "transfer", {"function", "arg", "on"},
                   {"function", "arg"},
                   [&](llvm::StringRef K, llvm::yaml::Node *V) -> bool {
                     auto S = scalar(V, K);
                     if (!S)
                       return false;
                     if (K == "function")
                       return functionName(V, *S, T.Function, false);
                     if (K == "on") {
                       if (*S != "always" && *S != "success") {
                         error(V, "bad transfer 'on' value '" + *S +
                                      "' (expected 'always' or 'success')");
                         return false;
                       }
                       T.OnSuccess = *S == "success";
                       return true;
                     }
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

  /// One entry of `families:`: a family (`name:`), or an extension of a
  /// loaded one (`extends:`, rules/README.md "Extending a family"). A YAML
  /// mapping can be read once, in order, so both forms are read alike and
  /// told apart afterwards; the nodes kept for messages stay valid.
  bool family(llvm::yaml::Node *N, std::vector<std::unique_ptr<Family>> &Out) {
    auto F = std::make_unique<Family>();
    F->File = File.str();
    F->Line = SM.getLineAndColumn(N->getSourceRange().Start).first;
    llvm::yaml::Node *ExtendsNode = nullptr, *NameNode = nullptr;
    std::string Extends;
    std::vector<std::pair<std::string, llvm::yaml::Node *>> OwnKeys;
    std::vector<llvm::yaml::Node *> AcquireNodes, ReleaseNodes;
    llvm::StringSet<> Seen;
    bool Ok = mapping(
        N, "family",
        {"name", "kind", "guard", "reentrant", "in-place", "calls", "acquire",
         "release", "transfer", "extends"},
        {},
        [&](llvm::StringRef K, llvm::yaml::Node *V) -> bool {
          Seen.insert(K);
          if (K != "acquire" && K != "release" && K != "transfer" &&
              K != "extends")
            OwnKeys.emplace_back(K.str(), CurrentKey);
          if (K == "extends") {
            auto S = scalar(V, K);
            ExtendsNode = V;
            if (S)
              Extends = *S;
            return S.has_value();
          }
          if (K == "name" || K == "kind") {
            auto S = scalar(V, K);
            if (S)
              (K == "name" ? F->Name : F->Kind) = *S;
            if (K == "name")
              NameNode = V;
            return S.has_value();
          }
          if (K == "reentrant" || K == "in-place") {
            auto B = boolean(V, K);
            if (B)
              (K == "reentrant" ? F->Reentrant : F->InPlace) = *B;
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
              AcquireNodes.push_back(I);
              return acquire(I, *F);
            });
          if (K == "release")
            return sequence(V, K, [&](llvm::yaml::Node *I) {
              ReleaseNodes.push_back(I);
              return release(I, *F);
            });
          return sequence(V, K, [&](llvm::yaml::Node *I) {
            return transfer(I, *F);
          });
        });
    if (ExtendsNode)
      return Ok && extension(N, *F, Extends, ExtendsNode, OwnKeys,
                             AcquireNodes, ReleaseNodes);
    for (llvm::StringRef R : {"name", "kind", "acquire", "release"})
      if (!Seen.count(R)) {
        error(N, "family is missing the required key '" + R + "'");
        Ok = false;
      }
    if (!Ok)
      return false;
    if (const Family *Old = loaded().find(F->Name)) {
      error(NameNode, "family '" + F->Name + "' is already defined (" +
                          Old->File + ":" + llvm::Twine(Old->Line) +
                          "); add to it with 'extends: " + F->Name + "'");
      return false;
    }
    if (!unclaimedAll(*F, *F, AcquireNodes, ReleaseNodes))
      return false;
    bool AnyObject = false, AnyReturn = false;
    for (const Acquire &A : F->Acquires)
      (locksObject(A) ? AnyObject : AnyReturn) = true;
    if (AnyObject && AnyReturn) {
      error(N, "family '" + F->Name +
                   "' mixes acquires that lock an object ('this', 'arg N') "
                   "with acquires that create a handle ('return', 'out N')");
      return false;
    }
    if (F->InPlace && AnyReturn) {
      error(N, "family '" + F->Name +
                   "' is 'in-place' but its acquires create a handle "
                   "('return', 'out N'); 'in-place' is for objects "
                   "initialised through 'this' or 'arg N'");
      return false;
    }
    F->IsLock = AnyObject;
    Out.push_back(std::move(F));
    return true;
  }

  static bool locksObject(const Acquire &A) {
    return A.Handle.Kind == HandleSpec::This || A.Handle.Kind == HandleSpec::Arg;
  }

  /// Reports each acquire and release of \p Adds (parsed from \p AcqNodes,
  /// \p RelNodes) that a family other than \p Owner already has.
  bool unclaimedAll(const Family &Adds, const Family &Owner,
                    llvm::ArrayRef<llvm::yaml::Node *> AcqNodes,
                    llvm::ArrayRef<llvm::yaml::Node *> RelNodes) {
    bool Ok = true;
    for (size_t I = 0; I < Adds.Acquires.size(); ++I)
      Ok &= unclaimed(AcqNodes[I], Adds.Acquires[I].Function, true, Owner);
    for (size_t I = 0; I < Adds.Releases.size(); ++I)
      Ok &= unclaimed(RelNodes[I], Adds.Releases[I].Function, false, Owner);
    return Ok;
  }

  /// The rest of an entry with `extends:` (read into \p Adds by family()).
  bool extension(llvm::yaml::Node *N, Family &Adds, llvm::StringRef Extends,
                 llvm::yaml::Node *ExtendsNode,
                 llvm::ArrayRef<std::pair<std::string, llvm::yaml::Node *>>
                     OwnKeys,
                 llvm::ArrayRef<llvm::yaml::Node *> AcqNodes,
                 llvm::ArrayRef<llvm::yaml::Node *> RelNodes) {
    FamilyExtension X;
    X.Target = loaded().find(Extends);
    if (!X.Target) {
      std::string Hint = loaded().closest(Extends);
      error(ExtendsNode,
            "'extends' names unknown family '" + Extends + "' (" +
                (Hint.empty() ? std::string()
                              : "did you mean '" + Hint + "'? ") +
                "a file extends families of the shipped files, of the rule "
                "files listed before it, and its own earlier ones)");
      return false;
    }
    const Family &T = *X.Target;
    bool Ok = true;
    for (const auto &[Key, KeyNode] : OwnKeys) {
      error(KeyNode, "'" + Key + "' cannot be set by an extension of '" +
                         T.Name + "' (it has the keys extends, acquire, "
                         "release and transfer)");
      Ok = false;
    }
    for (size_t I = 0; I < Adds.Acquires.size(); ++I) {
      bool Locks = locksObject(Adds.Acquires[I]);
      if (Locks == T.IsLock)
        continue;
      error(AcqNodes[I],
            "family '" + T.Name + "' " +
                (T.IsLock ? "locks objects ('this', 'arg N')"
                          : "creates handles ('return', 'out N')") +
                "; an acquire that " +
                (Locks ? "locks an object" : "creates a handle") +
                " cannot extend it");
      Ok = false;
    }
    if (!Ok || !unclaimedAll(Adds, T, AcqNodes, RelNodes))
      return false;
    if (Adds.Acquires.empty() && Adds.Releases.empty() &&
        Adds.Transfers.empty()) {
      error(N, "the extension of '" + T.Name +
                   "' adds nothing (expected 'acquire', 'release' or "
                   "'transfer')");
      return false;
    }
    X.Acquires = std::move(Adds.Acquires);
    X.Releases = std::move(Adds.Releases);
    X.Transfers = std::move(Adds.Transfers);
    Extensions.push_back(std::move(X));
    return true;
  }

  bool file(llvm::StringRef Text, std::vector<std::unique_ptr<Family>> &Out) {
    ThisFile = &Out;
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
  llvm::ArrayRef<std::unique_ptr<Family>> Catalog;
  std::vector<FamilyExtension> &Extensions;
  const std::vector<std::unique_ptr<Family>> *ThisFile = nullptr;
  /// The key node mapping() passes to its callback (for messages).
  llvm::yaml::Node *CurrentKey = nullptr;
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
  std::vector<FamilyExtension> Extensions;
  Loader L(Name, SM, Errors, Families, Extensions);
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
  bool Reindex = false;
  for (const FamilyExtension &X : Extensions) {
    applyExtension(X);
    Reindex |= llvm::any_of(Families, [&](const std::unique_ptr<Family> &F) {
      return F.get() == X.Target;
    });
  }
  for (auto &F : New)
    addFamily(std::move(F));
  if (Reindex)
    reindex();
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

} // namespace clang::tidy::raii
