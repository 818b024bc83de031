//===- RuleCatalog.h - acquire/release API families from rules/*.yaml -----===//
//
// The rules catalog: every acquire/release family the checks know, loaded
// from the rule files compiled into the plugin (rules/*.yaml) plus the files a
// user names in the `RaiiRuleFiles` option. The schema is documented in
// rules/README.md. This header is a stable API shared by the checks:
//
//   const RuleCatalog &C = RuleCatalog::forCheck(*this, RuleFilesOption);
//   if (const Release *R = C.matchRelease(Call)) ...
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_CATALOG_RULECATALOG_H
#define RAII_TIDY_CATALOG_RULECATALOG_H

#include "catalog/RuleFileNames.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace clang {
class IdentifierTable;
} // namespace clang
namespace clang::tidy {
class ClangTidyCheck;
} // namespace clang::tidy

namespace clang::tidy::raii {

/// The schema version rule files declare with `version:`.
inline constexpr unsigned RuleSchemaVersion = 1;

/// Where an acquire or release finds its handle.
struct HandleSpec {
  enum KindT {
    Return, ///< the call's value (`fopen`, `malloc`, `new`)
    This,   ///< the implicit object (`m.lock()`)
    Arg,    ///< argument Index (`fclose(f)`, `pthread_mutex_lock(&m)`)
    Out,    ///< argument Index points to the handle(s) (`pipe(fds)`)
    Global, ///< a global object (summaries of lock wrappers; no rule file
            ///< spelling)
    Format  ///< releases only: argument Index is a printf format, and the
            ///< arguments its Release::Conversion conversions consume are
            ///< the handles (`sqlite3_mprintf("%z", s)` frees s)
  };
  KindT Kind = Return;
  unsigned Index = 0;
  unsigned Count = 1; ///< for Out: how many handles the array holds
};

/// How a handle returned by an acquire says "nothing was acquired": null,
/// a negative number, or a pointer whose bits are all ones (`(void *)-1`:
/// `mmap`'s `MAP_FAILED`, `iconv_open`'s `(iconv_t)-1`).
enum class InvalidValue { None, Null, Negative, AllOnes };
/// How a conditional acquire (`try_lock`) reports success: always, a
/// nonzero result, a zero (or non-negative) one, or a positive one (a count
/// of what it gave, `scandir`: none on zero, which holds nothing).
enum class Success { Always, True, Zero, Positive };

struct Family;

struct Acquire {
  std::string Function; ///< qualified name, or `new` / `new[]`
  HandleSpec Handle;
  InvalidValue Invalid = InvalidValue::None;
  Success SuccessWhen = Success::Always;
  const Family *Fam = nullptr;
  /// A try-acquire: fails instead of waiting while the resource is taken
  /// (`try_lock`), so taking it again cannot deadlock.
  bool Try = false;
  /// The argument the returned handle is, reopened (`freopen(.., stream)`
  /// returns stream), or -1: whoever owns that argument owns the result.
  int Reopens = -1;
  /// A call whose result is dropped keeps what it acquired on purpose (a
  /// library loaded for the process's life): no leak.
  bool Discardable = false;
  /// What it acquires may stay for the process's life (`lifetime:
  /// process`: a library loaded for good): discardable, and kept but
  /// released nowhere in a function, no leak either.
  bool ProcessLifetime = false;
  bool isConditional() const { return SuccessWhen != Success::Always; }
};

struct Release {
  std::string Function; ///< qualified name, or `delete` / `delete[]`
  HandleSpec Handle;
  bool MayThrow = false;
  enum OnT { Always, OnSuccess, OnFailure } On = Always;
  /// For Format handles: the conversion letter that consumes a handle.
  char Conversion = 0;
  const Family *Fam = nullptr;
  /// A release wrapper's summary that releases its parameter as a handle
  /// of Fam or of another family of its kind, by a flag (`if (piped)
  /// pclose(f); else fclose(f);`): a handle of any family of the kind is
  /// no mismatch for it.
  bool AnyFamilyOfKind = false;
};

/// A function that takes ownership of the handle passed as argument Arg.
struct Transfer {
  std::string Function;
  unsigned Arg = 0;
  /// Takes the argument only where the call succeeds (`on: success`,
  /// EVP_PKEY_assign): the handle is maybe taken, as by a function the
  /// file cannot see.
  bool OnSuccess = false;
  /// Constant arguments the transfer needs (`when: [{ arg: 1, equals: 14
  /// }]`, a command of OpenSSL's SSL_CTX_ctrl): a call whose argument N is
  /// no integer constant equal to the value takes nothing.
  std::vector<std::pair<unsigned, int64_t>> When;
  /// Whether \p Call's arguments are the constants When names.
  bool appliesTo(const CallExpr *Call) const;
};

/// Acquires released by the same set of releases.
struct Family {
  std::string Name;
  std::string Kind;      ///< handle kind; same kind, other family = mismatch
  std::string File;      ///< the rule file it came from
  unsigned Line = 0;
  std::string GuardStd;  ///< guard a fix rewrites into, RaiiGuardStyle=std
  std::string GuardRaii; ///< ... and RaiiGuardStyle=raii
  bool Reentrant = false; ///< a lock its owner may take again
  /// A counting semaphore: a wait the function releases on no path takes
  /// a unit another thread posts (a completion signal), not a hold.
  bool Counting = false;
  bool IsLock = false;    ///< acquires lock an object instead of returning one
  /// The acquire initialises an object in place (`regcomp`, `*_init`): no
  /// lock; an object of static storage left initialised is kept, not lost.
  bool InPlace = false;
  bool CallsTakeOwnership = false; ///< unknown non-C callees take the handle
  std::vector<Acquire> Acquires;
  std::vector<Release> Releases;
  std::vector<Transfer> Transfers;

  /// The guard for \p Style (`std` or `raii`), falling back to the other.
  llvm::StringRef guard(llvm::StringRef Style) const;
};

/// The last component of a qualified name (`lock` of `std::mutex::lock`).
llvm::StringRef lastComponent(llvm::StringRef Name);

/// One problem found while loading a rule file.
struct RuleError {
  std::string File;
  unsigned Line = 0, Column = 0;
  std::string Message;
  std::string str() const;
};

class RuleCatalog {
public:
  RuleCatalog();
  ~RuleCatalog();
  RuleCatalog(const RuleCatalog &) = delete;
  RuleCatalog &operator=(const RuleCatalog &) = delete;

  /// The built-in rules plus the `;`-separated files in \p RuleFiles, loaded
  /// once per distinct value. Errors are reported through \p Check's
  /// configurationDiag the first time the catalog is requested per check.
  /// Without user files the built-in files load on demand: a check calls
  /// require() once per translation unit before it asks anything.
  static const RuleCatalog &forCheck(const ClangTidyCheck &Check,
                                     llvm::StringRef RuleFiles);
  /// The same without reporting (tests, tools).
  static const RuleCatalog &get(llvm::StringRef RuleFiles);

  /// Parses one rule file's text into this catalog; false on errors (which
  /// are appended to errors()). Families of a file with errors are dropped.
  bool addFile(llvm::StringRef Name, llvm::StringRef Text);
  /// Reads and adds a file from disk.
  bool addPath(llvm::StringRef Path);
  /// Loads every rule file compiled into the plugin.
  void addBuiltins();
  /// Registers the rule files compiled into the plugin without parsing them:
  /// each loads when require() finds a translation unit that can call one of
  /// its functions. (User files are checked against every built-in family,
  /// so a catalog with user files loads them all with addBuiltins().)
  void addBuiltinsOnDemand();
  /// Loads the built-in files registered on demand that name a function
  /// whose name is an identifier of \p Ids, with the files whose families
  /// they extend. Logically const: the catalog answers every question about
  /// a call the translation unit can make as if all of them were loaded.
  void require(const IdentifierTable &Ids) const;

  /// The acquire rule \p E (a call, member call, `new` expression or
  /// constructor call) matches, or null.
  const Acquire *matchAcquire(const Expr *E) const;
  const Acquire *matchAcquire(const CallExpr *Call) const;
  /// The release rule \p E (a call, member call or `delete` expression)
  /// matches, or null. Free and member calls alike.
  const Release *matchRelease(const Expr *E) const;
  const Release *matchRelease(const CallExpr *Call) const;
  /// The ownership transfer \p Call matches with argument \p Arg, for
  /// \p Fam or a family of its handle kind, or null.
  const Transfer *transferOf(const CallExpr *Call, unsigned Arg,
                             const Family &Fam) const;
  /// The acquire rule naming the function \p Fn itself (`std::mutex::lock`),
  /// or null.
  const Acquire *acquireRuleFor(const FunctionDecl *Fn) const;
  /// The release rule naming the function \p Fn itself (`free`), or null.
  const Release *releaseRuleFor(const FunctionDecl *Fn) const;
  /// True if \p Fn is named by any acquire or release rule.
  bool isRuleFunction(const FunctionDecl *Fn) const;

  /// The families loaded so far (built-in files registered on demand and
  /// not yet required are not among them).
  const std::vector<std::unique_ptr<Family>> &families() const {
    return Families;
  }
  const std::vector<RuleError> &errors() const { return Errors; }

  /// The expression holding the handle of \p Call for \p Spec (`this` object,
  /// argument), or null when it is the return value or absent.
  static const Expr *handleExpr(const Expr *Call, const HandleSpec &Spec);

  /// Opaque lookup structure (by the last component of a rule's name).
  struct Index;

private:
  /// Indexes \p F's rules by name and takes ownership of it.
  void addFamily(std::unique_ptr<Family> F);
  /// Adds \p F's rules to the index.
  void indexFamily(Family &F);
  /// Rebuilds the index after an `extends:` entry grew a loaded family
  /// (which moves its rules in memory).
  void reindex();
  const FunctionDecl *calleeOf(const Expr *E, llvm::StringRef &Spelling) const;
  /// The rule \p Pick takes from the index entry \p E's callee matches.
  template <typename Rule, typename PickT>
  const Rule *matchRule(const Expr *E, PickT Pick) const;
  /// A built-in file registered by addBuiltinsOnDemand().
  struct OnDemandFile {
    const char *Name; ///< `<builtin>/stdio.yaml`
    llvm::StringRef Text;
    RuleFileNames Names;
    bool Loaded = false;
  };
  /// Loads OnDemand[I]; false when the file names a function its scan did
  /// not see (the scan cannot be trusted, so everything must load).
  bool loadOnDemand(size_t I);
  std::vector<std::unique_ptr<Family>> Families;
  std::vector<RuleError> Errors;
  std::unique_ptr<Index> Idx;
  std::vector<OnDemandFile> OnDemand;
  size_t OnDemandLeft = 0;
  mutable std::mutex OnDemandMu; ///< require() from checks on other threads
};

} // namespace clang::tidy::raii

#endif
