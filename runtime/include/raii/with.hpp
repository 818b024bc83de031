// raii-tidy runtime: with(cm, body) — Python's `with` statement.
//
//   result = raii::with(cm, [](auto& value) { ...; return x; });
//
// calls cm.enter(), then body(value) with what enter() returned (or body()
// when enter() returns void), then cm.exit(e) with the exception the body
// threw (a null std::exception_ptr when it returned). exit() may return
// void (it never suppresses) or bool: true swallows the body's exception.
// This is the one exit handler in C++ that sees, and decides about, the
// exception in flight. See docs/runtime/with.md.
#ifndef RAII_WITH_HPP
#define RAII_WITH_HPP

#include <exception>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace raii {
namespace detail {

template <class CM>
using enter_result_t = decltype(std::declval<CM &>().enter());
template <class CM>
using exit_result_t =
    decltype(std::declval<CM &>().exit(std::declval<std::exception_ptr>()));

template <class Body, class Enter>
struct body_result {
  using type = std::invoke_result_t<Body, Enter &>;
};
template <class Body> struct body_result<Body, void> {
  using type = std::invoke_result_t<Body>;
};

// What with() returns when exit() may suppress: the body's value, or
// nothing when the exception was swallowed. References are kept as
// std::reference_wrapper, rvalue references as values.
template <class R> struct maybe_result {
  using type = std::optional<std::remove_cv_t<std::remove_reference_t<R>>>;
};
template <class R> struct maybe_result<R &> {
  using type = std::optional<std::reference_wrapper<R>>;
};

template <class R, bool MaySuppress> struct with_result {
  using type = R;
};
template <class R> struct with_result<R, true> {
  using type = typename maybe_result<R>::type;
};
template <> struct with_result<void, true> {
  using type = void;
};

// Runs the body (through `run`, which returns R) and the exit handler.
template <class R, class CM, class Run>
typename with_result<R, std::is_same_v<exit_result_t<CM>, bool>>::type
run_with(CM &cm, Run &run) {
  constexpr bool may_suppress = std::is_same_v<exit_result_t<CM>, bool>;
  if constexpr (std::is_void_v<R>) {
    try {
      run();
    } catch (...) {
      if constexpr (may_suppress) {
        if (cm.exit(std::current_exception()))
          return;
      } else {
        (void)cm.exit(std::current_exception());
      }
      throw;
    }
    (void)cm.exit(std::exception_ptr());
  } else if constexpr (may_suppress) {
    typename maybe_result<R>::type result;
    try {
      result.emplace(run());
    } catch (...) {
      if (cm.exit(std::current_exception()))
        return result; // empty: the exception was swallowed
      throw;
    }
    (void)cm.exit(std::exception_ptr());
    return result;
  } else {
    // exit() cannot suppress: return exactly what the body returned. The
    // normal-path exit() is outside the try, so it is never called twice.
    auto guarded = [&]() -> R {
      try {
        return run();
      } catch (...) {
        (void)cm.exit(std::current_exception());
        throw;
      }
    };
    decltype(auto) r = guarded();
    (void)cm.exit(std::exception_ptr());
    if constexpr (std::is_reference_v<R>)
      return static_cast<R>(r);
    else
      return r;
  }
}

} // namespace detail

// cm: any object (lvalue or rvalue) with enter() and
// exit(std::exception_ptr). Returns what body returns; when exit() returns
// bool and body returns a value, returns std::optional of it (empty when an
// exception was suppressed; references come back as reference_wrapper).
// If enter() throws, neither body nor exit() runs (as in Python). If exit()
// throws, its exception propagates (replacing the body's, if any).
template <class CM, class Body>
auto with(CM &&cm, Body &&body) -> typename detail::with_result<
    typename detail::body_result<Body &,
                                 detail::enter_result_t<std::remove_reference_t<CM>>>::type,
    std::is_same_v<detail::exit_result_t<std::remove_reference_t<CM>>, bool>>::type {
  using cm_t = std::remove_reference_t<CM>;
  using enter_t = detail::enter_result_t<cm_t>;
  using exit_t = detail::exit_result_t<cm_t>;
  using result_t = typename detail::body_result<Body &, enter_t>::type;
  static_assert(std::is_void_v<exit_t> || std::is_same_v<exit_t, bool>,
                "raii::with: exit(std::exception_ptr) must return void or "
                "bool (true suppresses the exception); an int status would "
                "be ambiguous");

  if constexpr (std::is_void_v<enter_t>) {
    cm.enter();
    auto run = [&]() -> result_t { return std::invoke(body); };
    return detail::run_with<result_t>(cm, run);
  } else {
    // Kept alive until with() returns, like Python's `as` target.
    decltype(auto) value = cm.enter();
    auto run = [&]() -> result_t { return std::invoke(body, value); };
    return detail::run_with<result_t>(cm, run);
  }
}

} // namespace raii

#endif // RAII_WITH_HPP
