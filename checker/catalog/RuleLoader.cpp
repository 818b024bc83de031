//===- RuleLoader.cpp - reading rule files into the catalog ---------------===//
//
// Parses rule files (schema in rules/README.md) with LLVM's YAML node API,
// which keeps positions, so every error names the file, line and column of
// the offending key or value. Unknown keys, missing keys and bad values are
// errors; a file with errors contributes no family. `extends:` entries are
// parsed here and checked and applied with FamilyExtension.h. The Loader
// (RuleLoaderImpl.h) reads a family, an extension and the file here, one
// acquire, release or transfer entry in RuleEntries.cpp.
//
//===----------------------------------------------------------------------===//
#include "catalog/RuleLoaderImpl.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

namespace clang::tidy::raii {

namespace rules {

/// One entry of `families:`: a family (`name:`), or an extension of a
/// loaded one (`extends:`, rules/README.md "Extending a family"). A YAML
/// mapping can be read once, in order, so both forms are read alike and
/// told apart afterwards; the nodes kept for messages stay valid.
bool Loader::family(llvm::yaml::Node *N,
                    std::vector<std::unique_ptr<Family>> &Out) {
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
      {"name", "kind", "guard", "reentrant", "in-place", "counting", "calls",
       "acquire", "release", "transfer", "extends"},
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
        if (K == "reentrant" || K == "in-place" || K == "counting") {
          auto B = boolean(V, K);
          if (B)
            (K == "reentrant" ? F->Reentrant
             : K == "in-place" ? F->InPlace
                               : F->Counting) = *B;
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
  if (F->Counting && (AnyReturn || F->InPlace)) {
    error(N, "family '" + F->Name +
                 "' is 'counting' but its acquires do not take a unit of an "
                 "object ('this', 'arg N', not 'in-place'); 'counting' is "
                 "for semaphores");
    return false;
  }
  F->IsLock = AnyObject;
  Out.push_back(std::move(F));
  return true;
}

/// Reports each acquire and release of \p Adds (parsed from \p AcqNodes,
/// \p RelNodes) that a family other than \p Owner already has.
bool Loader::unclaimedAll(const Family &Adds, const Family &Owner,
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
bool Loader::extension(
    llvm::yaml::Node *N, Family &Adds, llvm::StringRef Extends,
    llvm::yaml::Node *ExtendsNode,
    llvm::ArrayRef<std::pair<std::string, llvm::yaml::Node *>> OwnKeys,
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

bool Loader::file(llvm::StringRef Text,
                  std::vector<std::unique_ptr<Family>> &Out) {
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

} // namespace rules

using rules::Loader;

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
