// raii-tidy runtime: async_with(cm, body) — Python's `async with`.
//
//   auto r = co_await raii::async_with(cm, [&](auto& value) -> Task<int> {
//     ...; co_return x;
//   });
//
// awaits cm.enter(), then the awaitable body(value) (body() when enter()
// yields nothing), then — on every path — cm.exit(e) with the exception the
// body threw (a null std::exception_ptr when it completed). exit() yields
// void (never suppresses) or bool (true swallows the body's exception):
// __aenter__ / __aexit__. The exception is captured in a catch handler and
// exit() awaited after it, since C++ forbids co_await inside a handler.
//
// async_with is itself a coroutine of the caller's task type: by default the
// type the body returns, with its result replaced (rebind_task_t), so it can
// await whatever that task type can (an asio::awaitable awaits only
// asio::awaitable). See docs/runtime/async.md.
// RAII_REQUIRES_CXX20
#ifndef RAII_ASYNC_ASYNC_WITH_HPP
#define RAII_ASYNC_ASYNC_WITH_HPP

#if !defined(__cpp_impl_coroutine) || !__has_include(<coroutine>)
#error "<raii/async.hpp> needs C++20 coroutines (-std=c++20)"
#else

#include <exception>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "../with.hpp"
#include "task_traits.hpp"

namespace raii {
namespace detail {

// The async context-manager protocol: enter() and exit(std::exception_ptr)
// return awaitables; exit()'s yields void or bool.
template <class CM>
using async_enter_t = decltype(std::declval<CM &>().enter());
template <class CM>
using async_exit_t =
    decltype(std::declval<CM &>().exit(std::declval<std::exception_ptr>()));
template <class CM>
using async_enter_result_t = await_result_t<async_enter_t<CM>>;
template <class CM>
using async_exit_result_t = await_result_t<async_exit_t<CM>>;

template <class CM>
concept async_context_manager_protocol = requires(CM &cm, std::exception_ptr e) {
  cm.enter();
  cm.exit(e);
};

template <class CM>
inline constexpr bool async_may_suppress_v =
    std::is_same_v<async_exit_result_t<CM>, bool>;
template <class CM>
inline constexpr bool async_valid_exit_v =
    std::is_void_v<async_exit_result_t<CM>> || async_may_suppress_v<CM>;

// An enter() result kept alive in the coroutine frame until exit(), like
// Python's `as` target: a value is stored, a reference remembered.
template <class E> class enter_holder {
public:
  template <class V> void set(V &&v) {
    if constexpr (std::is_reference_v<E>)
      held_ = std::addressof(v);
    else
      held_.emplace(std::forward<V>(v));
  }
  template <class Body> decltype(auto) call(Body &body) {
    return std::invoke(body, unwrap(*held_));
  }

private:
  std::conditional_t<std::is_reference_v<E>, std::remove_reference_t<E> *,
                     std::optional<E>>
      held_{};
};
template <> class enter_holder<void> {
public:
  template <class Body> decltype(auto) call(Body &body) {
    return std::invoke(body);
  }
};

// The awaitable the body returns, given enter()'s result.
template <class Body, class E> struct async_body_awaitable {
  using type = std::invoke_result_t<
      Body &, std::add_lvalue_reference_t<
                  unwrap_ref_t<std::remove_cvref_t<E>>>>;
};
template <class Body> struct async_body_awaitable<Body, void> {
  using type = std::invoke_result_t<Body &>;
};

template <class CM, class Body> struct async_with_types {
  using enter_t = async_enter_result_t<CM>;
  using body_awaitable = typename async_body_awaitable<Body, enter_t>::type;
  using body_result = await_result_t<body_awaitable>;
  static constexpr bool may_suppress = async_may_suppress_v<CM>;
  // As with(): std::optional of the body's value when exit() may suppress.
  using result = typename with_result<body_result, may_suppress>::type;
};

// Chooses the task type: deduce_task (the default) rebinds the body's.
struct deduce_task {};
template <class Task, class CM, class Body> struct async_with_task {
  using type = Task;
};
template <class CM, class Body> struct async_with_task<deduce_task, CM, Body> {
  using types = async_with_types<CM, Body>;
  using type = rebind_task_t<std::remove_cvref_t<typename types::body_awaitable>,
                             typename types::result>;
};

// The coroutine itself. CMRef is CM& for an lvalue manager and CM for an
// rvalue, which is then moved into (and lives in) the coroutine frame; the
// body is always a copy in the frame, so a lambda coroutine's captures stay
// alive until it completes.
template <class Task, class CMRef, class Body>
Task async_with_impl(CMRef cm, Body body) {
  using CM = std::remove_reference_t<CMRef>;
  using types = async_with_types<CM, Body>;
  using R = typename types::body_result;
  using result_t = typename types::result;

  enter_holder<typename types::enter_t> entered;
  // If enter() throws, neither the body nor exit() runs.
  if constexpr (std::is_void_v<typename types::enter_t>)
    co_await cm.enter();
  else
    entered.set(co_await cm.enter());

  std::exception_ptr error;
  [[maybe_unused]] std::conditional_t<std::is_void_v<R>, bool,
                                      typename maybe_result<R>::type>
      value{};
  try {
    if constexpr (std::is_void_v<R>)
      co_await entered.call(body);
    else
      value.emplace(co_await entered.call(body));
  } catch (...) {
    error = std::current_exception(); // no co_await in a handler
  }

  if (error) {
    // An exception from exit() propagates instead of the body's.
    if constexpr (types::may_suppress) {
      if (co_await cm.exit(error)) {
        if constexpr (std::is_void_v<result_t>)
          co_return;
        else
          co_return result_t(); // swallowed: no value
      }
    } else {
      co_await cm.exit(error);
    }
    std::rethrow_exception(error);
  }
  // Completed: exit(null); what it yields is ignored (as in Python).
  co_await cm.exit(std::exception_ptr());
  if constexpr (std::is_void_v<result_t>)
    co_return;
  else if constexpr (types::may_suppress)
    co_return std::move(value);
  else if constexpr (std::is_reference_v<R>)
    co_return static_cast<R>(value->get());
  else
    co_return std::move(*value);
}

} // namespace detail

// cm: an lvalue (used in place; it must outlive the returned task) or an
// rvalue (moved into the coroutine frame) with enter() and
// exit(std::exception_ptr) returning awaitables; exit()'s yields void or
// bool. body: a callable returning an awaitable, given enter()'s result as
// an lvalue (a std::reference_wrapper<X> result is passed as X&), or nothing
// when it is void. The result is a task that
//   - yields what the body yields, or, when exit() yields bool and the body
//     a value, std::optional of it (empty when the exception was swallowed);
//   - if enter() throws: throws that, having run neither body nor exit();
//   - if exit() throws: throws that (replacing the body's exception).
// Task: the task type of the returned coroutine; by default the body's
// awaitable type rebound to the result (asio::awaitable<int> ->
// asio::awaitable<std::optional<int>>). Nothing runs until it is awaited
// (for a lazy task type).
template <class Task = detail::deduce_task, class CM, class Body>
auto async_with(CM &&cm, Body &&body) -> typename detail::async_with_task<
    Task, std::remove_reference_t<CM>, std::decay_t<Body>>::type {
  using cm_t = std::remove_reference_t<CM>;
  static_assert(detail::async_context_manager_protocol<cm_t>,
                "raii::async_with: the context manager needs enter() and "
                "exit(std::exception_ptr), each returning an awaitable");
  static_assert(detail::async_valid_exit_v<cm_t>,
                "raii::async_with: the awaitable exit(std::exception_ptr) "
                "returns must yield void or bool (true suppresses the "
                "exception); an int status would be ambiguous");
  using task_t = typename detail::async_with_task<Task, cm_t,
                                                  std::decay_t<Body>>::type;
  using cm_ref = std::conditional_t<std::is_lvalue_reference_v<CM>, CM &,
                                    std::remove_cv_t<cm_t>>;
  return detail::async_with_impl<task_t, cm_ref, std::decay_t<Body>>(
      std::forward<CM>(cm), std::forward<Body>(body));
}

} // namespace raii

#endif // coroutines
#endif // RAII_ASYNC_ASYNC_WITH_HPP
