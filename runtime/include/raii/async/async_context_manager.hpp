// raii-tidy runtime: async_context_manager<Task, T> — Python's
// @asynccontextmanager as a C++20 coroutine. The code before co_yield is
// the enter, the yielded value what enter() yields, the code after it the
// exit; the body's exception is rethrown at the co_yield, so a try/catch
// around it handles or suppresses it as in Python:
//
//   raii::async_context_manager<asio::awaitable<void>, connection>
//   connected(pool &p) {
//     connection c = co_await p.acquire();     // enter
//     std::exception_ptr failed;
//     try {
//       co_yield c;                            // the body runs here
//     } catch (...) {
//       failed = std::current_exception();     // no co_await in a handler
//     }
//     co_await p.give_back(c);                 // exit, on every path
//     if (failed) std::rethrow_exception(failed);
//   }
//   co_await raii::async_with(connected(pool), [&](connection &c) -> ... );
//
// Task is the caller's task type (any result). The generator may co_await
// any awaitable that task type can await, asio::awaitable included: each
// co_await in it is handed to enter()/exit() — coroutines of type Task —
// which await it and resume the generator with the result (a trampoline).
// So it needs no executor of its own and works with any library.
// RAII_REQUIRES_CXX20
#ifndef RAII_ASYNC_ASYNC_CONTEXT_MANAGER_HPP
#define RAII_ASYNC_ASYNC_CONTEXT_MANAGER_HPP

#if !defined(__cpp_impl_coroutine) || !__has_include(<coroutine>)
#error "<raii/async.hpp> needs C++20 coroutines (-std=c++20)"
#else

#include <coroutine>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "../context_manager.hpp"
#include "task_traits.hpp"

namespace raii {

// T: what the coroutine yields. An object type is yielded by value (kept in
// the suspended co_yield) and enter() yields a std::reference_wrapper to it
// (async_with passes the body a T&); `U&` yields a reference to an object
// that outlives the yield; void yields `co_yield {};` and enter() yields
// nothing.
template <class Task, class T = void> class [[nodiscard]] async_context_manager {
  static_assert(!std::is_rvalue_reference_v<T>,
                "raii::async_context_manager: yield a value or an lvalue "
                "reference");

  using void_task = rebind_task_t<Task, void>;
  using bool_task = rebind_task_t<Task, bool>;
  using value_type = std::remove_reference_t<T>;
  using yielded_type = std::conditional_t<std::is_void_v<T>, no_value, T>;
  using entered_type =
      std::conditional_t<std::is_void_v<T>, void,
                         std::reference_wrapper<value_type>>;

public:
  class promise_type;
  using handle_type = std::coroutine_handle<promise_type>;

private:
  // A co_await inside the generator, handed to the driver: run() awaits
  // the awaitable in a Task coroutine and stores its result or exception.
  struct deferred {
    void_task (*run)(deferred *self);
    std::exception_ptr error;
  };

  template <class A> struct deferred_await : deferred {
    using result = await_result_t<A>;
    using stored = std::conditional_t<
        std::is_reference_v<result>, std::remove_reference_t<result> *,
        std::conditional_t<std::is_void_v<result>, bool, result>>;

    A awaitable;
    promise_type *promise;
    std::optional<stored> value;

    deferred_await(A &&a, promise_type *p)
        : deferred{&deferred_await::run_it, nullptr},
          awaitable(std::forward<A>(a)), promise(p) {}

    static void_task run_it(deferred *base) {
      auto *self = static_cast<deferred_await *>(base);
      if constexpr (std::is_void_v<result>) {
        co_await std::forward<A>(self->awaitable);
        self->value.emplace(true);
      } else if constexpr (std::is_reference_v<result>) {
        self->value.emplace(
            std::addressof(co_await std::forward<A>(self->awaitable)));
      } else {
        self->value.emplace(co_await std::forward<A>(self->awaitable));
      }
    }

    bool await_ready() const noexcept { return false; }
    void await_suspend(handle_type) noexcept { promise->pending_ = this; }
    result await_resume() {
      if (this->error)
        std::rethrow_exception(this->error);
      if constexpr (std::is_reference_v<result>)
        return static_cast<result>(**value);
      else if constexpr (!std::is_void_v<result>)
        return std::move(*value);
    }
  };

  // The suspended co_yield: holds an object value while the body runs and
  // rethrows the body's exception when resumed.
  template <class Held> struct yield_awaiter {
    Held held;
    promise_type *promise;
    bool await_ready() const noexcept { return false; }
    void await_suspend(handle_type) noexcept {
      if constexpr (std::is_pointer_v<Held>)
        promise->value_ = held;
      else if constexpr (!std::is_void_v<T>)
        promise->value_ = std::addressof(held);
      promise->yielded_ = true;
    }
    void await_resume() {
      promise->yielded_ = false;
      if (promise->thrown_in_)
        std::rethrow_exception(std::exchange(promise->thrown_in_, nullptr));
    }
  };

public:
  class promise_type {
  public:
    async_context_manager get_return_object() noexcept {
      return async_context_manager(handle_type::from_promise(*this));
    }
    // Lazy: nothing runs until enter().
    std::suspend_always initial_suspend() const noexcept { return {}; }
    // Kept alive after the end, so exit() can read what happened.
    std::suspend_always final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    void unhandled_exception() noexcept {
      thrown_out_ = std::current_exception();
    }

    auto yield_value(yielded_type value) noexcept(
        !std::is_object_v<T> || std::is_nothrow_move_constructible_v<T>) {
      if constexpr (std::is_lvalue_reference_v<T>)
        return yield_awaiter<value_type *>{std::addressof(value), this};
      else
        return yield_awaiter<yielded_type>{std::move(value), this};
    }

    // Every co_await in the generator is handed to the driver.
    template <class A> deferred_await<A> await_transform(A &&a) {
      return deferred_await<A>(std::forward<A>(a), this);
    }

  private:
    friend class async_context_manager;
    value_type *value_ = nullptr;
    deferred *pending_ = nullptr;
    bool yielded_ = false;
    std::exception_ptr thrown_in_;  // the body's, rethrown at the co_yield
    std::exception_ptr thrown_out_; // what escaped the coroutine
  };

  async_context_manager(async_context_manager &&other) noexcept
      : h_(std::exchange(other.h_, nullptr)) {}
  async_context_manager(const async_context_manager &) = delete;
  async_context_manager &operator=(const async_context_manager &) = delete;
  async_context_manager &operator=(async_context_manager &&) = delete;

  // Destroys the coroutine frame. If exit() was never awaited after a
  // successful enter(), the coroutine's locals are destroyed (their
  // destructors run) but the code after co_yield does not.
  ~async_context_manager() {
    if (h_)
      h_.destroy();
  }

  // Runs the coroutine up to its co_yield and yields the yielded value. An
  // exception thrown before the co_yield propagates; finishing without one
  // throws std::logic_error (Python: "generator didn't yield").
  rebind_task_t<Task, entered_type> enter() {
    if (!h_ || h_.done() || started_)
      throw std::logic_error("raii::async_context_manager: entered twice");
    started_ = true;
    co_await drive();
    promise_type &p = h_.promise();
    if (p.thrown_out_)
      std::rethrow_exception(std::exchange(p.thrown_out_, nullptr));
    if (!p.yielded_)
      throw std::logic_error(
          "raii::async_context_manager: the coroutine ended without co_yield");
    if constexpr (!std::is_void_v<T>)
      co_return std::ref(*p.value_);
  }

  // Resumes the coroutine after its co_yield, rethrowing e there if not
  // null. Yields true when the coroutine then finished normally although e
  // was given (it caught e: suppressed); false when it finished normally
  // without e, or let e escape. Any other exception escaping it propagates
  // (it replaces e). A second co_yield throws std::logic_error.
  bool_task exit(std::exception_ptr e) {
    if (!h_ || h_.done() || !h_.promise().yielded_)
      throw std::logic_error( // NOLINT(raii-exit-handler-throws)
          "raii::async_context_manager: exit() without a successful enter()");
    promise_type &p = h_.promise();
    p.thrown_in_ = e;
    co_await drive();
    if (!h_.done())
      throw std::logic_error( // NOLINT(raii-exit-handler-throws)
          "raii::async_context_manager: the coroutine yielded more than once");
    if (p.thrown_out_) {
      std::exception_ptr out = std::exchange(p.thrown_out_, nullptr);
      if (e && out == e)
        co_return false;
      std::rethrow_exception(out);
    }
    co_return static_cast<bool>(e);
  }

private:
  explicit async_context_manager(handle_type h) noexcept : h_(h) {}

  // Resumes the generator until it yields or finishes; each co_await it
  // reaches on the way is awaited here, in a coroutine of the caller's task
  // type, and the generator resumed with the outcome.
  void_task drive() {
    promise_type &p = h_.promise();
    for (;;) {
      p.pending_ = nullptr;
      h_.resume();
      deferred *d = p.pending_;
      if (d == nullptr)
        co_return; // at the co_yield, or finished
      try {
        co_await d->run(d);
      } catch (...) {
        d->error = std::current_exception();
      }
    }
  }

  handle_type h_;
  bool started_ = false;
};

} // namespace raii

#endif // coroutines
#endif // RAII_ASYNC_ASYNC_CONTEXT_MANAGER_HPP
