//===- RuleLoaderImpl.h - the rule file reader ----------------------------===//
//
// The Loader behind RuleCatalog::addFile(), shared by its two files: the
// YAML primitives (positions in every error, unknown, duplicate and
// missing keys) here; one acquire, release or transfer entry read in
// RuleEntries.cpp; a family, an extension and the file in RuleLoader.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_CATALOG_RULELOADERIMPL_H
#define RAII_TIDY_CATALOG_RULELOADERIMPL_H

#include "catalog/FamilyExtension.h"
#include "catalog/RuleCatalog.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

namespace clang::tidy::raii::rules {

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

  /// A `handle:` value: `return`, `this`, `arg N`, `out N` (acquires) or
  /// `format N` (releases).
  bool handle(llvm::yaml::Node *N, HandleSpec &H, bool ForAcquire);

  /// The families rules may name now: the catalog's and this file's so far.
  LoadedFamilies loaded() const {
    return {Catalog, ThisFile ? llvm::ArrayRef(*ThisFile)
                              : llvm::ArrayRef<std::unique_ptr<Family>>()};
  }

  /// Reports \p Function when another family already has it in this role.
  bool unclaimed(llvm::yaml::Node *N, llvm::StringRef Function, bool Acquire,
                 const Family &Owner);

  /// One entry of `acquire:`, added to \p F.
  bool acquire(llvm::yaml::Node *N, Family &F);

  /// One entry of `release:`, added to \p F.
  bool release(llvm::yaml::Node *N, Family &F);

  /// One entry of `transfer:`, added to \p F.
  bool transfer(llvm::yaml::Node *N, Family &F);
  /// One `{ arg: N, equals: K }` of a transfer's `when`.
  bool transferCondition(llvm::yaml::Node *N, Transfer &T);

  /// A function name \p S checked into \p Out: a qualified name, or
  /// `new` / `new[]` (acquires), `delete` / `delete[]` (releases).
  bool functionName(llvm::yaml::Node *N, llvm::StringRef S, std::string &Out,
                    bool ForAcquire);

  /// One entry of `families:`: a family (`name:`), or an extension of a
  /// loaded one (`extends:`, rules/README.md "Extending a family"). A YAML
  /// mapping can be read once, in order, so both forms are read alike and
  /// told apart afterwards; the nodes kept for messages stay valid.
  bool family(llvm::yaml::Node *N, std::vector<std::unique_ptr<Family>> &Out);

  static bool locksObject(const Acquire &A) {
    return A.Handle.Kind == HandleSpec::This || A.Handle.Kind == HandleSpec::Arg;
  }

  /// Reports each acquire and release of \p Adds (parsed from \p AcqNodes,
  /// \p RelNodes) that a family other than \p Owner already has.
  bool unclaimedAll(const Family &Adds, const Family &Owner,
                    llvm::ArrayRef<llvm::yaml::Node *> AcqNodes,
                    llvm::ArrayRef<llvm::yaml::Node *> RelNodes);

  /// The rest of an entry with `extends:` (read into \p Adds by family()).
  bool extension(llvm::yaml::Node *N, Family &Adds, llvm::StringRef Extends,
                 llvm::yaml::Node *ExtendsNode,
                 llvm::ArrayRef<std::pair<std::string, llvm::yaml::Node *>>
                     OwnKeys,
                 llvm::ArrayRef<llvm::yaml::Node *> AcqNodes,
                 llvm::ArrayRef<llvm::yaml::Node *> RelNodes);

  /// The whole file: its version, and its families into \p Out.
  bool file(llvm::StringRef Text, std::vector<std::unique_ptr<Family>> &Out);

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

} // namespace clang::tidy::raii::rules

#endif
