// raii-tidy runtime: what the async components need to know about the
// caller's task type, and nothing more. One place for:
//
//   rebind_task_t<Task, U>  the same task type with result U
//                           (asio::awaitable<void> -> asio::awaitable<int>);
//   await_result_t<A>       the type `co_await a` yields for an awaitable A;
//   unwrap_ref_t<T>         std::reference_wrapper<X> -> X&, which is how a
//                           task type that cannot carry references (Asio's)
//                           returns a reference from enter().
//
// Every async component is written as a coroutine of the caller's task type
// (see docs/runtime/async.md, "Any task type"), so these traits are the whole
// of its coupling to it.
// RAII_REQUIRES_CXX20
#ifndef RAII_ASYNC_TASK_TRAITS_HPP
#define RAII_ASYNC_TASK_TRAITS_HPP

#if !defined(__cpp_impl_coroutine) || !__has_include(<coroutine>)
#error "<raii/async.hpp> needs C++20 coroutines (-std=c++20)"
#else

#include <functional>
#include <type_traits>
#include <utility>

namespace raii {

// The task type Task with its result type replaced by U. The primary
// template handles every class template whose first parameter is the
// result (Tmpl<T, Rest...>): asio::awaitable<T, Executor>, cppcoro::task<T>,
// folly::coro::Task<T>, boost::asio::awaitable, most hand-written tasks.
// Specialise it for a task type of another shape.
template <class Task, class U> struct rebind_task {
  static_assert(sizeof(Task) == 0,
                "raii::rebind_task: the task type is not a class template "
                "whose first parameter is the result type; specialise "
                "raii::rebind_task<Task, U> for it");
};
template <template <class, class...> class Tmpl, class T, class... Rest,
          class U>
struct rebind_task<Tmpl<T, Rest...>, U> {
  using type = Tmpl<U, Rest...>;
};
template <class Task, class U>
using rebind_task_t = typename rebind_task<Task, U>::type;

namespace detail {

// operator co_await, member or free, else the object itself: the awaiter.
template <class A>
concept has_member_co_await =
    requires(A &&a) { static_cast<A &&>(a).operator co_await(); };
template <class A>
concept has_free_co_await =
    requires(A &&a) { operator co_await(static_cast<A &&>(a)); };

template <class A> decltype(auto) get_awaiter(A &&a) {
  if constexpr (has_member_co_await<A>)
    return static_cast<A &&>(a).operator co_await();
  else if constexpr (has_free_co_await<A>)
    return operator co_await(static_cast<A &&>(a));
  else
    return static_cast<A &&>(a);
}

} // namespace detail

// What `co_await std::declval<A>()` produces, read from the awaiter's
// await_resume(). (A promise's await_transform that changes the result is
// not seen; no task type in common use does that for its own tasks.)
template <class A>
using await_result_t =
    decltype(detail::get_awaiter(std::declval<A>()).await_resume());

template <class T> struct unwrap_ref {
  using type = T;
};
template <class X> struct unwrap_ref<std::reference_wrapper<X>> {
  using type = X &;
};
template <class T> using unwrap_ref_t = typename unwrap_ref<T>::type;

namespace detail {
// An enter() result as the body sees it: a reference_wrapper unwrapped.
template <class T> decltype(auto) unwrap(T &value) noexcept {
  if constexpr (std::is_same_v<unwrap_ref_t<std::remove_cv_t<T>>,
                               std::remove_cv_t<T>>)
    return (value);
  else
    return value.get();
}
} // namespace detail

} // namespace raii

#endif // coroutines
#endif // RAII_ASYNC_TASK_TRAITS_HPP
