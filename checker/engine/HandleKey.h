//===- HandleKey.h - which object or handle an expression names -----------===//
//
// A HandleKey names what an acquire or release acts on as a root followed by
// steps: a variable (local, parameter or global) or `this`, then fields and
// array elements (a constant index, or a variable the function never
// changes). `m`, `(m)`, `&m`, `*&m`, `this->mu_` and `mu_` inside a member,
// a local reference or pointer that only ever names another object (a
// copy of a handle variable only while that variable gets no other value
// after it), and a local that is only ever a copy of a handle variable
// holding one handle or written with it by one chained assignment (`a = b
// = malloc(n)`) all give one key, and so does a call of a function whose
// whole body returns one of its parameters, for that argument
// (`sk_X509_push(sk, x)` passes `ossl_check_X509_type(x)`).
// Keys are interned per function in a KeyTable; the engine compares ids.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_HANDLEKEY_H
#define RAII_TIDY_ENGINE_HANDLEKEY_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <vector>

namespace clang::tidy::raii {

class BodyIndex;

struct HandleKey {
  struct Step {
    enum KindT : uint8_t { Decl, This, ConstIndex, VarIndex } Kind;
    const void *Ptr = nullptr; ///< the ValueDecl for Decl and VarIndex
    uint64_t Index = 0;        ///< for ConstIndex
    bool operator==(const Step &O) const {
      return Kind == O.Kind && Ptr == O.Ptr && Index == O.Index;
    }
    /// The variable or field a Decl step names, else null.
    const ValueDecl *decl() const {
      return Kind == Decl ? static_cast<const ValueDecl *>(Ptr) : nullptr;
    }
  };
  llvm::SmallVector<Step, 3> Steps;

  bool operator==(const HandleKey &O) const { return Steps == O.Steps; }
  bool empty() const { return Steps.empty(); }
  /// The root variable, or null for `this`-based keys.
  const ValueDecl *root() const {
    return Steps.empty() ? nullptr : Steps[0].decl();
  }
  bool isThisBased() const {
    return !Steps.empty() && Steps[0].Kind == Step::This;
  }
  void addDecl(const ValueDecl *D);
  void addThis() { Steps.push_back({Step::This, nullptr, 0}); }
  void addIndex(uint64_t I) { Steps.push_back({Step::ConstIndex, nullptr, I}); }
  void addVarIndex(const ValueDecl *D);
  void append(const HandleKey &K) {
    Steps.append(K.Steps.begin(), K.Steps.end());
  }
};

/// The keys of one function, by id.
class KeyTable {
public:
  unsigned intern(const HandleKey &K);
  /// The id of \p K, or ~0u if no acquisition or release uses it.
  unsigned find(const HandleKey &K) const;
  const HandleKey &operator[](unsigned Id) const { return Keys[Id]; }

private:
  std::vector<HandleKey> Keys;
};

/// Computes keys for the expressions of one function body.
class KeyBuilder {
public:
  KeyBuilder(const BodyIndex &Body, ASTContext &Ctx) : Body(Body), Ctx(Ctx) {}

  /// The key of the object \p E denotes. With \p StripDeref, `&x` and `*x`
  /// name `x` (a lock's object, however it is passed). False when \p E names
  /// no stable object (a call's result, an index that changes).
  bool keyOf(const Expr *E, HandleKey &K, bool StripDeref) const;

  /// \p V holds handles of its own (an acquire's result is stored in it):
  /// never read through as an alias of another variable.
  void addHandleRoot(const ValueDecl *V) {
    HandleRoots.insert(cast<ValueDecl>(V->getCanonicalDecl()));
  }
  bool isHandleRoot(const ValueDecl *V) const {
    return HandleRoots.count(cast<ValueDecl>(V->getCanonicalDecl()));
  }
  /// The handle variable local \p D only ever holds a copy of (given one
  /// value besides constants: `fd = err;` after `err = -1; err =
  /// socket(..)`), also through locals that only copy it in turn (`copy =
  /// fd; int inner = copy;`); null if none.
  const ValueDecl *copiedHandle(const ValueDecl *D) const;
  /// Handle variable \p Src holds one handle: its one value besides
  /// constants, blocks \p Copies point into, and values replacing the one
  /// they were made from.
  bool oneValue(const ValueDecl *Src,
                llvm::ArrayRef<const ValueDecl *> Copies) const;
  /// The handle variable a chained assignment (`a = b = acquire()`) wrote
  /// together with local \p D, D's only write, and never given another
  /// value; null if none.
  const ValueDecl *chainedHandle(const ValueDecl *D) const;

private:
  bool build(const Expr *E, HandleKey &K, bool StripDeref,
             unsigned Depth) const;
  const BodyIndex &Body;
  ASTContext &Ctx;
  llvm::DenseSet<const ValueDecl *> HandleRoots;
};

/// \p E without parentheses, implicit casts and explicit casts that keep the
/// value: `free((void *)p)`, `close(static_cast<int>(fd))` name `p` / `fd`;
/// a statement expression stands for its last statement's value (`({ ..;
/// __p; })`, GLib's `g_new0` when optimising); `*(&x)` is x.
const Expr *ignoreValueCasts(const Expr *E);

/// \p A and \p B are one object written the same way, read without
/// effects (`*buf`, `v[i]`, `s->p[k]`).
bool sameLvalue(const Expr *A, const Expr *B, ASTContext &Ctx);

/// The argument \p E passes on when it calls a function whose whole body
/// returns one of its parameters (`return p;`, `return (T *)p;`): OpenSSL's
/// `ossl_check_X509_type(x)` inside `sk_X509_push(sk, x)`; or a copy of the
/// C library's, which returns its destination (`strcat(path, name)`,
/// `memcpy(dst, src, n)`); \p E otherwise.
/// Value casts are stripped on the way.
const Expr *ignoreIdentityCalls(const Expr *E);

/// The integer value of constant \p E (a null pointer constant is 0), or
/// nullopt: what `-1`, `NULL`, `nullptr` and `0` compare and store as.
std::optional<int64_t> constantValue(const Expr *E, ASTContext &Ctx);

/// A global variable, a local array, a pointer parameter, or a field
/// reached from a parameter, a global or `this`: what it holds was not
/// acquired by the function while an acquisition is still held (storing
/// the handle there would have handed it off; a parameter holds the
/// caller's value as long as the function has not written it, which the
/// caller checks where it matters: trueMeansAcquired).
bool notAcquiredHere(const Expr *E);

/// `fileno(stdin)`, `fileno(stdout)`, `fileno(stderr)` of the C library's
/// streams: the descriptor a comparison compares with, 0 to 2 (not a
/// constant: the stream may have been closed).
std::optional<int64_t> standardStreamNumber(const Expr *E);

/// The number \p E names where a comparison or a close by number reads it:
/// a constant (constantValue), or a standard stream's descriptor
/// (standardStreamNumber).
std::optional<int64_t> numberNamed(const Expr *E, ASTContext &Ctx);

} // namespace clang::tidy::raii

#endif
