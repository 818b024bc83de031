//===- CallbackRegistration.h - a library call keeping a callback's data --===//
//
// A library function given a function to call back and an untyped pointer
// to give it (`event_set(&ev, fd, EV_READ, on_read, conn)`, `g_idle_add(cb,
// data)`, `sqlite3_create_function(db, .., app, fn, ..)`) and named for
// registering it (a word `set`, `new`, `add`, `register`, ...) keeps the
// pointer for calls after it returns: the callback owns what it is given.
// One named otherwise may call back only before it returns (`qsort_r`,
// `sqlite3_exec`, `PEM_read_bio_X509(.., cb, u)`, `g_spawn_sync`) and
// borrows. The data is the untyped pointer that goes with the callback:
// the first after it, else the last before it (not an instance the call
// is about, `g_signal_connect_data(instance, .., cb, data, ..)`). A
// destroy notification (`void (*)(void *)`, cairo's `set_user_data(obj,
// key, data, destroy)`) is no such callback: what the function given for
// it does decides (engine/HandOff).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_CALLBACKREGISTRATION_H
#define RAII_TIDY_SUPPORT_CALLBACKREGISTRATION_H

namespace clang {
class ASTContext;
class CallExpr;
} // namespace clang

namespace clang::tidy::raii {

/// Argument \p I of \p Call is the data of a callback the callee registers:
/// the non-const `void *` parameter paired with the first function-pointer
/// parameter given a function, in a call of a function whose name has a
/// registering word (and no `sync`, `spawn`).
bool registersCallbackData(const CallExpr *Call, unsigned I,
                           const ASTContext &Ctx);

} // namespace clang::tidy::raii

#endif
