// raii-tidy runtime: async_exit_stack<Task> — Python's
// contextlib.AsyncExitStack for any task type.
//
// Awaitable cleanups, async exit handlers and async context managers (and
// their synchronous counterparts) are pushed at run time and awaited last in
// first out by `co_await stack.aclose()`, or by exit(e) when the stack is
// itself the manager of async_with(). Every entry runs even if one throws;
// exceptions are handled exactly as raii::exit_stack handles them (the first
// stays pending, later ones go to suppressed(), an exit handler may
// suppress the pending one).
//
// Task names the caller's task type (any result: asio::awaitable<void>,
// my_task<int>); each entry runs as a coroutine of that type with result
// bool, so it can await whatever the caller's coroutines can.
//
// A destructor cannot co_await: entries still on the stack when it is
// destroyed are destroyed without running. Close it (aclose(), or let
// async_with() drive it) on every path. See docs/runtime/async.md.
// RAII_REQUIRES_CXX20
#ifndef RAII_ASYNC_ASYNC_EXIT_STACK_HPP
#define RAII_ASYNC_ASYNC_EXIT_STACK_HPP

#if !defined(__cpp_impl_coroutine) || !__has_include(<coroutine>)
#error "<raii/async.hpp> needs C++20 coroutines (-std=c++20)"
#else

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "async_with.hpp"
#include "task_traits.hpp"

namespace raii {

template <class Task> class async_exit_stack {
  using bool_task = rebind_task_t<Task, bool>;
  using void_task = rebind_task_t<Task, void>;
  using error_task = rebind_task_t<Task, std::exception_ptr>;

  // One registered cleanup. run() awaits it with the exception pending at
  // its turn and yields true when it suppresses that exception.
  struct entry {
    virtual ~entry() = default;
    virtual bool_task run(std::exception_ptr pending) = 0;
  };

  template <class F> struct async_callback final : entry {
    F f;
    explicit async_callback(F fn) : f(std::move(fn)) {}
    bool_task run(std::exception_ptr) override {
      co_await std::invoke(f);
      co_return false;
    }
  };
  template <class H> struct async_exit_handler final : entry {
    H h;
    explicit async_exit_handler(H fn) : h(std::move(fn)) {}
    bool_task run(std::exception_ptr pending) override {
      using result = await_result_t<std::invoke_result_t<H &, std::exception_ptr>>;
      if constexpr (std::is_same_v<result, bool>) {
        co_return co_await std::invoke(h, pending);
      } else {
        co_await std::invoke(h, pending);
        co_return false;
      }
    }
  };
  template <class F> struct sync_callback final : entry {
    F f;
    explicit sync_callback(F fn) : f(std::move(fn)) {}
    bool_task run(std::exception_ptr) override {
      (void)std::invoke(f);
      co_return false;
    }
  };
  template <class H> struct sync_exit_handler final : entry {
    H h;
    explicit sync_exit_handler(H fn) : h(std::move(fn)) {}
    bool_task run(std::exception_ptr pending) override {
      co_return detail::call_exit_handler(h, pending);
    }
  };
  // An owned async context manager; exit() runs only if enter() completed.
  template <class CM> struct context final : entry {
    CM cm;
    bool entered = false;
    explicit context(CM &&c) : cm(std::move(c)) {}
    bool_task run(std::exception_ptr pending) override {
      if (!entered)
        co_return false;
      if constexpr (detail::async_may_suppress_v<CM>) {
        co_return co_await cm.exit(pending);
      } else {
        co_await cm.exit(pending);
        co_return false;
      }
    }
  };

  // What enter_async_context yields: enter()'s result; a reference as a
  // std::reference_wrapper, since task types such as Asio's cannot yield
  // references.
  template <class E>
  using entered_t =
      std::conditional_t<std::is_reference_v<E>,
                         std::reference_wrapper<std::remove_reference_t<E>>, E>;

public:
  async_exit_stack() = default;
  // Takes over other's entries; other is left empty. References returned by
  // enter_async_context stay valid (entries live on the heap).
  async_exit_stack(async_exit_stack &&other) noexcept
      : entries_(std::exchange(other.entries_, {})),
        suppressed_(std::exchange(other.suppressed_, {})) {}
  // Assignment would have to close this stack first, which needs a co_await.
  async_exit_stack &operator=(async_exit_stack &&) = delete;
  async_exit_stack(const async_exit_stack &) = delete;
  async_exit_stack &operator=(const async_exit_stack &) = delete;

  // Entries still here are destroyed without running: no co_await is
  // possible in a destructor. (Objects they own are destroyed, so a pushed
  // guard's synchronous destructor does run.)
  ~async_exit_stack() = default;

  // Registers f: `co_await f()` at close (push_async_callback).
  template <class F> void push_async_callback(F &&f) {
    using T = std::decay_t<F>;
    static_assert(std::is_invocable_v<T &>,
                  "raii::async_exit_stack::push_async_callback: the callback "
                  "must be callable with no arguments and return an "
                  "awaitable");
    add(std::make_unique<async_callback<T>>(std::forward<F>(f)));
  }

  // Registers h: `co_await h(e)` at close with the exception pending at its
  // turn (null if none); if that yields bool, true suppresses it
  // (push_async_exit).
  template <class H> void push_async_exit(H &&h) {
    using T = std::decay_t<H>;
    static_assert(std::is_invocable_v<T &, std::exception_ptr>,
                  "raii::async_exit_stack::push_async_exit: the handler must "
                  "be callable with a std::exception_ptr and return an "
                  "awaitable");
    using result = await_result_t<std::invoke_result_t<T &, std::exception_ptr>>;
    static_assert(std::is_void_v<result> || std::is_same_v<result, bool>,
                  "raii::async_exit_stack::push_async_exit: the handler's "
                  "awaitable must yield void or bool (true suppresses the "
                  "exception)");
    add(std::make_unique<async_exit_handler<T>>(std::forward<H>(h)));
  }

  // Registers a synchronous f() (callback).
  template <class F> void callback(F &&f) {
    using T = std::decay_t<F>;
    static_assert(std::is_invocable_v<T &>,
                  "raii::async_exit_stack::callback: the callback must be "
                  "callable with no arguments");
    add(std::make_unique<sync_callback<T>>(std::forward<F>(f)));
  }

  // Registers a synchronous h(e) returning void or bool (push).
  template <class H> void push_exit(H &&h) {
    using T = std::decay_t<H>;
    static_assert(std::is_invocable_v<T &, const std::exception_ptr &>,
                  "raii::async_exit_stack::push_exit: the handler must be "
                  "callable with a std::exception_ptr");
    using result = std::invoke_result_t<T &, const std::exception_ptr &>;
    static_assert(std::is_void_v<result> || std::is_same_v<result, bool>,
                  "raii::async_exit_stack::push_exit: the handler must "
                  "return void or bool (true suppresses the exception)");
    add(std::make_unique<sync_exit_handler<T>>(std::forward<H>(h)));
  }

  // Takes ownership of an async context manager (an rvalue), awaits its
  // enter() and yields the result (a reference as std::reference_wrapper;
  // it stays valid until the manager's exit()). Its exit(e) is awaited at
  // close as an exit handler. If enter() throws, exit() is not awaited and
  // the manager is destroyed (enter_async_context). Nothing happens until
  // the returned task is awaited.
  template <class CM>
  auto enter_async_context(CM &&cm)
      -> rebind_task_t<Task, entered_t<detail::async_enter_result_t<
                                 std::remove_reference_t<CM>>>> {
    using T = std::remove_cvref_t<CM>;
    static_assert(!std::is_lvalue_reference_v<CM>,
                  "raii::async_exit_stack::enter_async_context: pass the "
                  "context manager as an rvalue; the stack owns it");
    static_assert(detail::async_context_manager_protocol<T>,
                  "raii::async_exit_stack::enter_async_context: needs "
                  "enter() and exit(std::exception_ptr) returning awaitables");
    static_assert(detail::async_valid_exit_v<T>,
                  "raii::async_exit_stack::enter_async_context: exit()'s "
                  "awaitable must yield void or bool");
    return enter_context_impl<T>(std::move(cm));
  }

  // Awaits every entry, most recently pushed first, and leaves the stack
  // empty. If entries throw, all still run; the first exception (from the
  // most recently pushed entry that threw) propagates unchanged — unless an
  // exit handler pushed before suppresses it — and later ones are kept in
  // suppressed() until the next close. Closing from an entry while the
  // stack closes throws std::logic_error (recorded like any other failure).
  void_task aclose() {
    std::exception_ptr left = co_await unwind(std::exception_ptr());
    if (left)
      std::rethrow_exception(left);
  }

  // The async context-manager protocol, so the stack works with
  // async_with(): enter() yields the stack; exit(e) awaits every entry with
  // e pending and yields true if an exit handler suppressed e, false if e is
  // still pending (or was null and nothing threw); throws the exception an
  // entry threw when e was null or had been suppressed.
  rebind_task_t<Task, std::reference_wrapper<async_exit_stack>> enter() {
    co_return std::ref(*this);
  }
  bool_task exit(std::exception_ptr e) {
    std::exception_ptr left = co_await unwind(e);
    if (left == e)
      co_return false;
    if (!left)
      co_return true;
    std::rethrow_exception(left);
  }

  // Moves every entry into a new stack and returns it (pop_all).
  [[nodiscard]] async_exit_stack pop_all() noexcept {
    async_exit_stack result;
    result.entries_ = std::exchange(entries_, {});
    return result;
  }

  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
  // Exceptions from entries after the first one in the last close.
  [[nodiscard]] const std::vector<std::exception_ptr> &
  suppressed() const noexcept {
    return suppressed_;
  }

private:
  void add(std::unique_ptr<entry> e) {
    if (closing_)
      throw std::logic_error("raii::async_exit_stack: cannot add entries "
                             "while the stack is closing");
    entries_.push_back(std::move(e));
  }

  template <class T>
  rebind_task_t<Task, entered_t<detail::async_enter_result_t<T>>>
  enter_context_impl(T cm) {
    using E = detail::async_enter_result_t<T>;
    auto owned = std::make_unique<context<T>>(std::move(cm));
    context<T> &c = *owned;
    add(std::move(owned));
    const std::size_t mark = entries_.size();
    std::exception_ptr failed;
    try {
      if constexpr (std::is_void_v<E>) {
        co_await c.cm.enter();
        c.entered = true;
        co_return;
      } else if constexpr (std::is_reference_v<E>) {
        E value = co_await c.cm.enter();
        c.entered = true;
        co_return std::ref(value);
      } else {
        E value = co_await c.cm.enter();
        c.entered = true;
        co_return value;
      }
    } catch (...) {
      failed = std::current_exception();
    }
    // Undo the entry if it is still the most recent one (enter() may have
    // pushed others): not entered, so it is only destroyed.
    if (entries_.size() == mark && !closing_ && entries_.back().get() == &c)
      entries_.pop_back();
    std::rethrow_exception(failed);
  }

  // Awaits every entry with `pending` as the exception in flight; yields
  // what is still pending at the end. Entries' exceptions are recorded,
  // never propagated from here.
  error_task unwind(std::exception_ptr pending) {
    if (closing_)
      co_return std::make_exception_ptr(std::logic_error(
          "raii::async_exit_stack: aclose() called while the stack is "
          "closing"));
    suppressed_.clear();
    closing_ = true;
    while (!entries_.empty()) {
      std::unique_ptr<entry> e = std::move(entries_.back());
      entries_.pop_back();
      // A failure when nothing is pending becomes the pending exception;
      // one while something is pending goes to suppressed().
      auto record = [&](std::exception_ptr thrown) {
        if (!pending) {
          pending = std::move(thrown);
          return;
        }
        try {
          suppressed_.push_back(std::move(thrown));
        } catch (...) {
          // Out of memory while recording a secondary failure: dropped.
        }
      };
      std::exception_ptr thrown;
      bool suppress = false;
      try {
        suppress = co_await e->run(pending);
      } catch (...) {
        thrown = std::current_exception();
      }
      if (thrown)
        record(std::move(thrown));
      else if (suppress)
        pending = nullptr;
      try {
        e.reset(); // an owned manager's destructor may throw too
      } catch (...) {
        record(std::current_exception());
      }
    }
    closing_ = false;
    co_return pending;
  }

  std::vector<std::unique_ptr<entry>> entries_;
  std::vector<std::exception_ptr> suppressed_;
  bool closing_ = false;
};

} // namespace raii

#endif // coroutines
#endif // RAII_ASYNC_ASYNC_EXIT_STACK_HPP
