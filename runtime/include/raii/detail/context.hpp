// raii-tidy runtime: the context-manager protocol, shared by with(),
// exit_stack::enter_context and the context-manager adapters.
//
// A context manager is an object with enter() (any result, void included)
// and exit(std::exception_ptr) returning void (never suppresses) or bool
// (true suppresses the exception it was given).
#ifndef RAII_DETAIL_CONTEXT_HPP
#define RAII_DETAIL_CONTEXT_HPP

#include <exception>
#include <type_traits>
#include <utility>

namespace raii::detail {

template <class CM>
using enter_result_t = decltype(std::declval<CM &>().enter());
template <class CM>
using exit_result_t =
    decltype(std::declval<CM &>().exit(std::declval<std::exception_ptr>()));

template <class CM, class = void>
struct is_context_manager : std::false_type {};
template <class CM>
struct is_context_manager<CM, std::void_t<enter_result_t<CM>, exit_result_t<CM>>>
    : std::true_type {};

// How an enter() result reaches a body: as an lvalue (a prvalue is kept in
// a variable first); void passes nothing and stays void.
template <class E> struct enter_arg {
  using type = std::remove_reference_t<E> &;
};
template <> struct enter_arg<void> {
  using type = void;
};
template <class E> using enter_arg_t = typename enter_arg<E>::type;

// Whether CM's exit() can suppress (returns bool). Any other non-void result
// is rejected where a manager is used: is an int 0 "ok" or "do not suppress"?
template <class CM>
inline constexpr bool may_suppress_v = std::is_same_v<exit_result_t<CM>, bool>;
template <class CM>
inline constexpr bool valid_exit_v =
    std::is_void_v<exit_result_t<CM>> || may_suppress_v<CM>;

// Calls a handler with the exception; true when it suppresses it.
template <class H>
bool call_exit_handler(H &h, const std::exception_ptr &e) {
  if constexpr (std::is_same_v<decltype(h(e)), bool>) {
    return h(e);
  } else {
    (void)h(e);
    return false;
  }
}

template <class CM> bool call_exit(CM &cm, const std::exception_ptr &e) {
  if constexpr (may_suppress_v<CM>) {
    return cm.exit(e);
  } else {
    (void)cm.exit(e);
    return false;
  }
}

} // namespace raii::detail

#endif // RAII_DETAIL_CONTEXT_HPP
