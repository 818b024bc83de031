// raii-tidy runtime: make_context(enter, exit) — a context manager from two
// functions, the C++17 answer to Python's @contextmanager:
//
//   auto opened = raii::make_context(
//       [&] { return checked_fopen(path, "r"); },                // enter
//       [](std::FILE *f, std::exception_ptr) { std::fclose(f); }); // exit
//   raii::with(opened, [](std::FILE *f) { ... });
//
// enter() stores what the enter function returns and hands the body a
// reference to it; exit(e) calls the exit function with that value and e.
// See docs/runtime/make_context.md (C++20: context_manager.hpp).
#ifndef RAII_MAKE_CONTEXT_HPP
#define RAII_MAKE_CONTEXT_HPP

#include <exception>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "detail/context.hpp"

namespace raii {

// Enter: callable with no arguments, returning the value (or void, or a
// reference). Exit: callable as exit(value&, std::exception_ptr) when
// there is a value, else as exit(std::exception_ptr), else as exit() — in
// that order of preference; returning void, or bool to suppress.
template <class Enter, class Exit> class [[nodiscard]] function_context {
  static_assert(std::is_invocable_v<Enter &>,
                "raii::make_context: enter must be callable with no arguments");

  using enter_t = std::invoke_result_t<Enter &>;
  using value_t = std::conditional_t<
      std::is_lvalue_reference_v<enter_t>,
      std::reference_wrapper<std::remove_reference_t<enter_t>>,
      std::remove_cv_t<std::remove_reference_t<enter_t>>>;
  using ref_t = detail::enter_arg_t<enter_t>;

  template <class Ref, class = void> struct exit_takes : std::false_type {};
  template <class Ref>
  struct exit_takes<Ref, std::enable_if_t<!std::is_void_v<Ref>>>
      : std::is_invocable<Exit &, Ref, std::exception_ptr> {};

  static constexpr bool takes_value = exit_takes<ref_t>::value;
  static constexpr bool takes_exception =
      std::is_invocable_v<Exit &, std::exception_ptr>;
  static constexpr bool takes_nothing = std::is_invocable_v<Exit &>;
  static_assert(takes_value || takes_exception || takes_nothing,
                "raii::make_context: exit must be callable as exit(value&, "
                "std::exception_ptr), exit(std::exception_ptr) or exit()");

public:
  template <class E, class X>
  function_context(E &&enter_fn, X &&exit_fn) noexcept(
      std::is_nothrow_constructible_v<Enter, E> &&
      std::is_nothrow_constructible_v<Exit, X>)
      : enter_(std::forward<E>(enter_fn)), exit_(std::forward<X>(exit_fn)) {}

  ref_t enter() {
    if constexpr (std::is_void_v<enter_t>) {
      (void)enter_();
    } else {
      value_.emplace(enter_());
      if constexpr (std::is_lvalue_reference_v<enter_t>)
        return value_->get();
      else
        return *value_;
    }
  }

  // Calls the exit function once per enter(); the stored value is
  // destroyed after it returned.
  auto exit(std::exception_ptr e) {
    if constexpr (takes_value) {
      auto &v = value_ref();
      using r = decltype(exit_(v, std::move(e)));
      static_assert(std::is_void_v<r> || std::is_same_v<r, bool>,
                    "raii::make_context: exit must return void or bool");
      if constexpr (std::is_same_v<r, bool>) {
        const bool swallow = exit_(v, std::move(e));
        value_.reset();
        return swallow;
      } else {
        (void)exit_(v, std::move(e));
        value_.reset();
      }
    } else if constexpr (takes_exception) {
      using r = decltype(exit_(std::move(e)));
      static_assert(std::is_void_v<r> || std::is_same_v<r, bool>,
                    "raii::make_context: exit must return void or bool");
      if constexpr (std::is_same_v<r, bool>) {
        const bool swallow = exit_(std::move(e));
        value_.reset();
        return swallow;
      } else {
        (void)exit_(std::move(e));
        value_.reset();
      }
    } else {
      (void)exit_();
      value_.reset();
    }
  }

private:
  ref_t value_ref() noexcept {
    if constexpr (std::is_lvalue_reference_v<enter_t>)
      return value_->get();
    else
      return *value_;
  }

  struct no_value {};
  Enter enter_;
  Exit exit_;
  std::optional<std::conditional_t<std::is_void_v<enter_t>, no_value, value_t>>
      value_;
};

// A context manager calling enter_fn on enter() and exit_fn on exit(e).
template <class Enter, class Exit>
function_context<std::decay_t<Enter>, std::decay_t<Exit>>
make_context(Enter &&enter_fn, Exit &&exit_fn) noexcept(
    std::is_nothrow_constructible_v<std::decay_t<Enter>, Enter> &&
    std::is_nothrow_constructible_v<std::decay_t<Exit>, Exit>) {
  return function_context<std::decay_t<Enter>, std::decay_t<Exit>>(
      std::forward<Enter>(enter_fn), std::forward<Exit>(exit_fn));
}

} // namespace raii

#endif // RAII_MAKE_CONTEXT_HPP
