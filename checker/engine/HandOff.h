//===- HandOff.h - does passing a handle to a callee give it away? --------===//
//
// The hand-off rules, in one place. Passing a handle as an argument:
//
//   - to a parameter of type `const T *` or `const T &`: borrowed, whatever
//     the family (but `T *const &` to a body of the file that stores it, as
//     below, is stored; and `&h` as `const void *` to a function that is
//     not the library's, which may copy the handle's bytes anywhere
//     (`buf_append(&table, &p, 1)`), maybe taken where the file does not
//     have its body or the body copies them: copiesPointee);
//   - by address (`&h`) to a non-const parameter, to a container's insertion
//     member, to an assignment operator, to a rule's `transfer` callee, or
//     together with a release function of its kind (`set_text(ctx, z,
//     sqlite3_free)`): taken;
//   - for `calls: take` families (heap memory), to any function that is not
//     a C library function, unless its body is in the translation unit and
//     only borrows the parameter (reads through it, tests it, overwrites
//     it, passes it on only to calls that borrow it: no release on any
//     path, no store, no return, no copy); and for every family, to a
//     function whose body the translation unit does not have and that is
//     not a library function (`sink(f)`): maybe taken — a hand-off unless
//     the function releases the handle itself on some path, so `use(buf);
//     free(buf);` still counts;
//   - to a function whose body the translation unit has and which stores
//     the parameter where it outlives the call (`c->sfd = sfd;`,
//     `current_ = v;`, `g_log = f;`, `list.push_back(p)` on a member), or
//     passes it on to such a function of the file: maybe taken, as above,
//     and the call a leak after it is blamed on rather than an earlier
//     borrower (`finalize(v); append(set, v);`). A store into the object
//     the parameter points to (`n->next = n`) keeps it nowhere;
//   - the address of a field of the block (`&it->list`) to a function of
//     the file: borrowed (it fills or reads the field) unless that function
//     stores its parameter (`list_add_tail(&it->list, head)`: the list
//     keeps the block through its node), itself or through a function of
//     the file it passes `&param->list` to (`queue_item(it)`);
//   - to `std::make_shared`, `std::make_unique`, `std::allocate_shared`
//     (Boost's too): maybe taken by the object they build;
//   - otherwise: borrowed.
//
// The object a member is called on (`re->Decref()`) is maybe taken when
// the member's body is not in the translation unit, or when it is and lets
// `this` go: deletes it on some path (`if (--refs == 0) delete this;`),
// stores it outside the object (`list.head = this;`,
// `observers.push_back(this)`), gives it to a constructor (`return new
// Sugs(this);`) or to a call that may take it, captures it in a lambda
// (a `const` member too: `if (--refs == 0) delete this;` on a mutable
// count); never a library member. A constructor of the file whose body
// lets `this` go registers the object it builds: `new Node(list)` is maybe
// taken there.
//
// Constructor arguments: when the object built is a local variable, a
// `const T *` / `const T &` parameter borrows (`std::string s(buf)`) and any
// other may take (`std::unique_ptr<T> u(p)`, `File f(fd)`); when the object
// goes anywhere else (`new Logger(fp)`, `*out = Slice(buf, n)`, returned,
// passed on), the handle goes with it, unless a library class gets it as
// `const T *` / `const T &` (`s.append(std::string(buf, n))` copies it).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_HANDOFF_H
#define RAII_TIDY_ENGINE_HANDOFF_H

#include "catalog/RuleCatalog.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

/// Stored: maybe taken by a function whose body stores the parameter where
/// it outlives the call: the likeliest keeper among the calls of a path.
enum class ArgFate { Borrowed, MaybeTaken, Stored, Taken };

/// True for `const T *` and `const T &` (and `T *const *`-free pointers to
/// const): the callee promises not to change what it is given.
bool isConstView(QualType T);

/// A library class's constructor given argument \p I of \p CE as `const T
/// *` or `const T &` copies or views it, wherever the object goes
/// (`buf->append(std::string(tbuf, n))`).
bool libraryCopies(const CXXConstructExpr *CE, unsigned I);

/// `write(fd, &p, sizeof p)`: the C library's \p Call sends all of pointer
/// p, argument \p I, down a pipe or socket (`write`, `send`, `sendto`,
/// `fwrite(&p, sizeof p, 1, f)`): to a thread of the process that reads it
/// and owns what it points to (pdns-recursor's thread messages), where the
/// call succeeded.
bool sendsPointer(const CallExpr *Call, unsigned I, ASTContext &Ctx);

/// What passing argument \p I of \p Call (a call or a construction) does
/// to a handle of \p Fam; \p AddrOf when the argument is `&handle`;
/// \p IntoLocal when \p Call constructs a local variable.
ArgFate argumentFate(const Expr *Call, unsigned I, bool AddrOf,
                     const Family &Fam, const RuleCatalog &Cat,
                     ASTContext &Ctx, bool IntoLocal = false);

/// What passing the object a \p Fam handle points to, as argument \p I of
/// \p Call (`c.AddFrame(track, *data)`), does to the handle: maybe taken
/// where, for a heap family, it binds a non-const reference to a class
/// type of a member (not an operator nor a `swap`) or a constructor that
/// is not the library's and whose body the file lacks or may keep the
/// object's address (mayKeepBoundObject); else borrowed (a free function, a
/// copy, a `const` view).
ArgFate pointeeFate(const Expr *Call, unsigned I, const Family &Fam);

/// What calling the member \p MC does to a \p Fam handle it is called on
/// (`re->Decref()`): maybe taken when the member's body is not in the
/// translation unit (unless `const`), or is and may let `this` go
/// (onlyBorrowsThis); a library member borrows.
ArgFate objectFate(const CXXMemberCallExpr *MC, const Family &Fam,
                   const RuleCatalog &Cat, ASTContext &Ctx);

} // namespace clang::tidy::raii

#endif
