//===- StorageOrigin.h - pointers a function shows are not heap memory ----===//
//
// Whether a pointer released as heap memory (`free(p)`, `delete p`) is one
// the function itself made point at storage no allocator gave out: a local
// or static variable or array (`p = buf`, `&x`), a string literal,
// `alloca`, or an object built by placement `new` in such storage. Releasing
// it is undefined behaviour (CWE-590).
//
// The origin is read off the released expression, through a local pointer
// of the function every write of which (by name: its address is never
// taken, no lambda captures it) stores such an address or null (`data =
// NULL; ... data = dataBuffer;`), the last write before the release in the
// source being such an address. One write of anything else (a call, a
// parameter, arithmetic) and the origin is unknown: no finding. Nor is
// there one for a release under a test of the pointer against another
// value (`if (p != stackbuf) free(p);`).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_STORAGEORIGIN_H
#define RAII_TIDY_ENGINE_STORAGEORIGIN_H

#include "engine/BodyIndex.h"
#include <memory>
#include <optional>

namespace clang::tidy::raii {

struct StorageOrigin {
  enum KindT { Local, Static, Literal, Alloca };
  KindT Kind;
  const Expr *Where;           ///< the expression taking the address
  const VarDecl *Var = nullptr; ///< Local, Static: the variable
  bool Part = false;           ///< a member or element of Var (`s.buf`)
  /// The pointer variable \p Where is stored into (`data = buffer`), if
  /// the address reaches the release through one.
  const VarDecl *Holder = nullptr;
};

/// A release of heap memory (`free`, `delete`, a wrapper of them) whose
/// handle points at such storage.
struct NonHeapRelease {
  const Expr *ReleaseExpr;
  const Expr *Handle; ///< the released argument
  StorageOrigin Origin;
};

class Origins;

/// The origins of the pointers one function releases: the body's writes
/// are found once, on the first question, for every local pointer.
class StorageOrigins {
public:
  explicit StorageOrigins(const BodyIndex &Body);
  ~StorageOrigins();
  /// Where \p Released points, when the body shows it is storage no
  /// allocator gave out.
  std::optional<StorageOrigin> of(const Expr *Released);

private:
  const BodyIndex &Body;
  std::unique_ptr<Origins> Impl;
};

} // namespace clang::tidy::raii

#endif
