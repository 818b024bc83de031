//===- CalleeBodies.h - what the file's functions do with arguments -------===//
//
// Reads the bodies of the translation unit's own functions to tell what
// they do with a parameter, or a member with `this`: store it where it
// outlives the call, release it, pass it on to a taker, or only borrow it.
// HandOff.cpp asks these when it decides the fate of an argument or of the
// object a member is called on, and they ask HandOff.cpp in turn of the
// calls they find. The scans of a body are answered once per translation
// unit (per parameter or member, and family).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_CALLEEBODIES_H
#define RAII_TIDY_ENGINE_CALLEEBODIES_H

#include "catalog/RuleCatalog.h"
#include "engine/HandOff.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include <optional>

namespace clang::tidy::raii {

/// True if \p FD's body stores its parameter \p Param where it outlives the
/// call: assigned to anything but a local variable, or given to a
/// container's insertion member or an assignment operator of an object that
/// is not a local. Asked once per parameter and translation unit.
bool storesParameter(const FunctionDecl *FD, unsigned Param);
/// Forgets every answer of this file (at the start of a translation unit:
/// the last one's declarations are gone).
void clearStoredParameters();

/// The function \p CE calls has a body in the translation unit that stores
/// its argument \p I where it outlives the call, and no argument beside it
/// is the caller's local storage it could be stored in instead
/// (`cursor_init(&c, &it->link)`).
bool calleeStoresArgument(const CallExpr *CE, unsigned I);

/// True if \p Def's body may give what its pointer parameter \p Param
/// points to another value: `*pp` or `pp[i]` used other than as a value
/// (assigned, bound to a reference, `std::swap(*pp, q)`, its address
/// taken), or the pointer let go anywhere but a read through it or a
/// comparison (passed on, copied, returned), where what happens to it is
/// not followed. Asked once per parameter and translation unit.
bool writesThroughParameter(const FunctionDecl *Def, unsigned Param);

/// What \p Def's body does with element \p Index of the array its pointer
/// parameter \p Param points to (`close_both(fds)`: `close(p[0]);
/// close(p[1]);`), for a \p Fam handle in it: released, or given to a
/// function that does not only borrow it (maybe taken); stored where it
/// outlives the call, or given to a function that stores it (stored);
/// tested, read, given to the library or to a function that only borrows
/// it (borrowed). A release by an index that is not constant may be of any
/// element (maybe taken). Nullopt where the body, releasing none, lets the
/// element or the pointer go where this does not follow (a copy into a
/// local, a return, another index that is not constant, the pointer
/// passed on or moved).
std::optional<ArgFate> elementFate(const FunctionDecl *Def, unsigned Param,
                                   uint64_t Index, const Family &Fam,
                                   const RuleCatalog &Cat);

/// \p LValue is storage of a local variable of its function (`v`, `s.f`,
/// `a[i]` of a local array), which does not outlive the call.
bool inLocal(const Expr *LValue);

/// \p Obj, an object a member is called on, may lie outside the function's
/// locals: reached through a pointer, or not a local's storage.
bool outsideLocals(const Expr *Obj);

/// True if a release of a \p Fam handle in \p Def's body names its
/// parameter \p Param, never assigned there (`fclose(f)`, `free((void
/// *)p)`, `delete static_cast<T *>(p)`), on whatever path. (`data =
/// fopen(..); fclose(data);` closes a handle of the callee's own;
/// `CloseHandle((HANDLE)f)` no stream.)
bool releasesParameter(const FunctionDecl *Def, unsigned Param,
                       const Family &Fam, const RuleCatalog &Cat);

/// True if \p Def's body does nothing with its parameter \p Param that
/// could keep or release a handle of \p Fam: a function of the file that
/// only reads through the pointer borrows it, whatever the family says of
/// calls in general. Releases it on some path, stores it, returns it,
/// copies it or passes it on to a callee that may take it: false. Asked
/// once per parameter and family; recursion answers false.
bool onlyBorrows(const FunctionDecl *Def, unsigned Param, const Family &Fam,
                 const RuleCatalog &Cat, ASTContext &Ctx);

/// As onlyBorrows, of `this` in the member (or constructor) \p Def: false
/// when it deletes `this` on some path, stores it outside the object,
/// copies it, gives it to a constructor or to a call that may take it, or
/// captures it in a lambda; reading members through it, `*this`, `return
/// this;`, storing it in the object's own fields, and calling members that
/// only borrow it in turn, the member itself or members the file does not
/// define are borrows. Round a cycle of other members it answers false.
bool onlyBorrowsThis(const CXXMethodDecl *Def, const Family &Fam,
                     const RuleCatalog &Cat, ASTContext &Ctx);

/// True if \p Def's body gives its parameter \p Param, as it is, to a call
/// that may take or keep a \p Fam handle. Asked once per parameter and
/// family; recursion answers false.
bool forwardsToTaker(const FunctionDecl *Def, unsigned Param,
                     const Family &Fam, const RuleCatalog &Cat,
                     ASTContext &Ctx);

/// True if \p Def's body may copy the bytes its `const void *` parameter
/// \p Param points to where they outlive the call: gives it to `memcpy` /
/// `memmove` as the source, to a function that is not the library's, or
/// stores it. (Given `&p`, those bytes are the handle.)
bool copiesPointee(const FunctionDecl *Def, unsigned Param);

/// True if an object bound to parameter \p Param of \p FD may be kept
/// beyond the call: a non-const lvalue reference of a function (not an
/// operator) that is not the library's, whose body the file lacks or may
/// keep the object's address — a constructor's member initialisers too:
/// takes it (`&buffer`, `std::addressof`; not to compare it, `this ==
/// &other`, nor for a library function to fill, `memset(&h, ..)`), or
/// binds the object to such a parameter of another function in turn (a
/// few calls deep).
bool mayKeepBoundObject(const FunctionDecl *FD, unsigned Param);

/// True if \p Call gives the variable \p V, as it is, to `dup2` or `dup3`
/// as the descriptor to copy, onto a target that may be a standard
/// descriptor (not a constant outside 0 to 2): directly, or through a
/// function of the file whose body does so with the parameter \p V is
/// given to (vsftpd's `vsf_sysutil_dupfd2(fd, 0)`), a few calls deep.
bool dupsOnto(const CallExpr *Call, const ValueDecl *V, ASTContext &Ctx);

} // namespace clang::tidy::raii

#endif
