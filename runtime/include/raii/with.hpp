// raii-tidy runtime: with(cm, body) — Python's `with` statement.
//
//   result = raii::with(cm, [](auto& value) { ...; return x; });
//
// calls cm.enter(), then body(value) with what enter() returned (or body()
// when enter() returns void), then cm.exit(e) with the exception the body
// threw (a null std::exception_ptr when it returned). exit() may return
// void (it never suppresses) or bool: true swallows the body's exception.
// This is the one exit handler in C++ that sees, and decides about, the
// exception in flight.
//
//   raii::with(a, b, [](auto& va, auto& vb) { ... });
//
// is Python's `with a, b:`: entered left to right, exited right to left,
// each exit() seeing what the inner ones left pending. See
// docs/runtime/with.md.
#ifndef RAII_WITH_HPP
#define RAII_WITH_HPP

#include <exception>
#include <functional>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include "detail/context.hpp"

namespace raii {
namespace detail {

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

// --- with(a, b, ..., body) ---------------------------------------------------
namespace detail {

template <class T>
using remove_cvref_t = std::remove_cv_t<std::remove_reference_t<T>>;

// One level's outcome: the body's value, or nothing when a manager
// suppressed the exception. void is a token, references reference_wrapper.
struct body_done {};
template <class R>
using outcome_value_t = std::conditional_t<
    std::is_void_v<R>, body_done,
    std::conditional_t<std::is_lvalue_reference_v<R>,
                       std::reference_wrapper<std::remove_reference_t<R>>,
                       std::remove_cv_t<std::remove_reference_t<R>>>>;
template <class R> using outcome_t = std::optional<outcome_value_t<R>>;

// The body's result given the managers' enter() results, each passed as
// an lvalue; void results pass nothing.
template <class Body, class Args, class... CMs> struct nested_body_result;
template <class Body, class... Args>
struct nested_body_result<Body, std::tuple<Args...>> {
  using type = std::invoke_result_t<Body &, Args...>;
};
template <class Args, class Arg> struct append_arg {
  using type = Args;
};
template <class... Args, class Arg>
struct append_arg<std::tuple<Args...>, Arg &> {
  using type = std::tuple<Args..., Arg &>;
};
template <class Body, class... Args, class CM, class... CMs>
struct nested_body_result<Body, std::tuple<Args...>, CM, CMs...> {
  using next = typename append_arg<std::tuple<Args...>,
                                   enter_arg_t<enter_result_t<CM>>>::type;
  using type = typename nested_body_result<Body, next, CMs...>::type;
};

// Runs inner() inside cm's scope: cm.exit(e) with inner's exception, or
// with null after it returned. A suppressed exception gives an empty
// outcome; an exception from exit() propagates to the enclosing level.
template <class R, class CM, class Inner>
outcome_t<R> exit_around(CM &cm, Inner &&inner) {
  outcome_t<R> result;
  try {
    outcome_t<R> r = inner();
    if (r)
      result.emplace(std::move(*r));
  } catch (...) {
    if (call_exit(cm, std::current_exception()))
      return outcome_t<R>();
    throw;
  }
  (void)call_exit(cm, std::exception_ptr());
  return result;
}

// Level I of N: enters manager I, runs the next level in its scope.
template <class R, std::size_t I, std::size_t N, class CMs, class Body,
          class... Vals>
outcome_t<R> enter_nested(CMs &cms, Body &body, Vals &...vals) {
  if constexpr (I == N) {
    if constexpr (std::is_void_v<R>) {
      std::invoke(body, vals...);
      return outcome_t<R>(std::in_place);
    } else {
      return outcome_t<R>(std::in_place, std::invoke(body, vals...));
    }
  } else {
    auto &cm = std::get<I>(cms);
    using cm_t = std::remove_reference_t<decltype(cm)>;
    if constexpr (std::is_void_v<enter_result_t<cm_t>>) {
      cm.enter();
      return exit_around<R>(
          cm, [&] { return enter_nested<R, I + 1, N>(cms, body, vals...); });
    } else {
      // Kept alive until this manager exits, like Python's `as` target.
      auto &&value = cm.enter();
      return exit_around<R>(cm, [&] {
        return enter_nested<R, I + 1, N>(cms, body, vals..., value);
      });
    }
  }
}

template <class Args, class Is> struct nested_with;
template <class... Args, std::size_t... Is>
struct nested_with<std::tuple<Args...>, std::index_sequence<Is...>> {
  static constexpr std::size_t n = sizeof...(Is); // managers; the body is last
  using all = std::tuple<Args...>;
  template <std::size_t I>
  using cm_t = std::remove_reference_t<std::tuple_element_t<I, all>>;
  using body_t = std::remove_reference_t<std::tuple_element_t<n, all>>;
  using result_t =
      typename nested_body_result<body_t, std::tuple<>, cm_t<Is>...>::type;
  static constexpr bool may_suppress = (may_suppress_v<cm_t<Is>> || ...);
  static constexpr bool valid = (valid_exit_v<cm_t<Is>> && ...);
  // An rvalue reference from the body would name a moved copy that dies
  // inside with(): it comes back as a value.
  using kept_t = std::conditional_t<std::is_rvalue_reference_v<result_t>,
                                    remove_cvref_t<result_t>, result_t>;
  using type = typename with_result<kept_t, may_suppress>::type;
};

} // namespace detail

// with(a, b, ..., body): Python's `with a, b:`. Managers are entered left to
// right and exited right to left; body gets every non-void enter() result
// as an lvalue, in order. Each exit() sees the exception left pending by
// the inner managers and the body (null if none): one that suppresses hides
// it from the outer ones; one that throws replaces it. If a manager's
// enter() throws, the managers already entered exit with that exception.
// Returns as with(cm, body) does: std::optional of the body's result (void
// stays void) when any exit() returns bool, the result itself otherwise.
template <class CM1, class CM2, class Third, class... Rest>
auto with(CM1 &&a, CM2 &&b, Third &&third, Rest &&...rest) ->
    typename detail::nested_with<
        std::tuple<CM1, CM2, Third, Rest...>,
        std::make_index_sequence<sizeof...(Rest) + 2>>::type {
  using info = detail::nested_with<std::tuple<CM1, CM2, Third, Rest...>,
                                   std::make_index_sequence<sizeof...(Rest) + 2>>;
  static_assert(info::valid,
                "raii::with: every exit(std::exception_ptr) must return void "
                "or bool (true suppresses the exception)");
  using R = typename info::result_t;
  auto args = std::forward_as_tuple(a, b, third, rest...);
  auto &body = std::get<info::n>(args);
  auto outcome =
      detail::enter_nested<R, 0, info::n>(args, body);
  if constexpr (info::may_suppress || std::is_void_v<R>) {
    if constexpr (!std::is_void_v<R>)
      return outcome;
  } else if constexpr (std::is_lvalue_reference_v<R>) {
    return outcome->get();
  } else {
    return std::move(*outcome);
  }
}

} // namespace raii

#endif // RAII_WITH_HPP
