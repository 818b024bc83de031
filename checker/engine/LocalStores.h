//===- LocalStores.h - handles stored into a local other than by name ----===//
//
// `struct conf c; c.buf = p;`: the handle now lives in a field of a local
// object, reached with `.` only, that the function neither copies over
// whole nor lends out by address, and that no cleanup or destructor frees.
// `char **pp = &data; .. *pp = p;`: it lives in the local `pp` only ever
// points to. Where nothing releases it before that place's scope ends,
// the handle is lost with it, as with a local variable. A union's members
// are one place (HandleKey): `u.first = p;` and `free(u.second)` name one
// handle.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_LOCALSTORES_H
#define RAII_TIDY_ENGINE_LOCALSTORES_H

#include "engine/FunctionContext.h"
#include <vector>

namespace clang::tidy::raii {

/// A store of a handle variable's value into a field of a local object,
/// or into a local through a pointer.
struct LocalStore {
  const BinaryOperator *Where; ///< `c.buf = p`, `*pp = p`
  const VarDecl *Object;       ///< c, or the local pp points to
  HandleKey To;                ///< c.buf, or that local
  HandleKey From;              ///< p
  bool Through = false;        ///< `*pp = p`
};

/// The stores of a variable's value into fields of objects
/// BodyIndex::ownedAggregate() accepts, or into the local
/// BodyIndex::pointeeLocal() names, as the variable's last use, in source
/// order.
std::vector<LocalStore> localStores(const FunctionContext &C);

} // namespace clang::tidy::raii

#endif
