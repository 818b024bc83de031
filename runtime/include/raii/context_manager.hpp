// raii-tidy runtime: context_manager<T> — Python's @contextmanager as a
// C++20 coroutine. The code before co_yield enters, the yielded value is
// what enter() returns, the code after it exits; the body's exception is
// rethrown at the co_yield, so try/catch around it works as in Python:
//
//   raii::context_manager<std::FILE *> opened(const char *path) {
//     std::FILE *f = std::fopen(path, "r");
//     if (!f) throw std::system_error(errno, std::generic_category(), path);
//     try {
//       co_yield f;
//     } catch (...) {
//       std::fclose(f);
//       throw;             // not suppressed; finish without throw: suppressed
//     }
//     std::fclose(f);
//   }
//   raii::with(opened("in.txt"), [](std::FILE *&f) { ... });
//
// C++20 only (not part of <raii/raii.hpp>). See docs/runtime/context_manager.md.
// RAII_REQUIRES_CXX20
#ifndef RAII_CONTEXT_MANAGER_HPP
#define RAII_CONTEXT_MANAGER_HPP

#if !defined(__cpp_impl_coroutine) || !__has_include(<coroutine>)
#error "<raii/context_manager.hpp> needs C++20 coroutines (-std=c++20); in C++17 use <raii/make_context.hpp>"
#else

#include <coroutine>
#include <exception>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace raii {

// What `co_yield {};` yields in a context_manager<void>.
struct no_value {};

// T: what the coroutine yields. An object type is yielded by value (moved
// or copied into the suspended co_yield) and enter() returns a reference
// to it; `U&` yields a reference to an object that outlives the yield; void
// yields `co_yield {};` and enter() returns nothing.
template <class T = void> class [[nodiscard]] context_manager {
  static_assert(!std::is_rvalue_reference_v<T>,
                "raii::context_manager: yield a value or an lvalue reference");

  using pointer = std::add_pointer_t<std::remove_reference_t<T>>;
  using yielded_type = std::conditional_t<std::is_void_v<T>, no_value, T>;

public:
  using reference =
      std::conditional_t<std::is_void_v<T>, void, std::add_lvalue_reference_t<T>>;

  class promise_type;
  using handle_type = std::coroutine_handle<promise_type>;

  // The suspended co_yield: holds an object value while the body runs and
  // rethrows the body's exception when resumed.
  template <class Held> class yield_awaiter {
  public:
    yield_awaiter(Held held, promise_type *p) noexcept(
        std::is_nothrow_move_constructible_v<Held>)
        : held_(std::move(held)), promise_(p) {}
    bool await_ready() const noexcept { return false; }
    void await_suspend(handle_type) noexcept {
      if constexpr (std::is_pointer_v<Held>)
        promise_->value_ = held_;
      else if constexpr (!std::is_void_v<T>)
        promise_->value_ = std::addressof(held_);
      promise_->yielded_ = true;
    }
    void await_resume() {
      promise_->yielded_ = false;
      if (promise_->thrown_in_)
        std::rethrow_exception(std::exchange(promise_->thrown_in_, nullptr));
    }

  private:
    Held held_;
    promise_type *promise_;
  };

  class promise_type {
  public:
    context_manager get_return_object() noexcept {
      return context_manager(handle_type::from_promise(*this));
    }
    // Lazy: nothing runs until enter().
    std::suspend_always initial_suspend() const noexcept { return {}; }
    // Kept alive after the end, so exit() can read what happened.
    std::suspend_always final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    void unhandled_exception() noexcept {
      thrown_out_ = std::current_exception();
    }

    // `co_yield v`: an object T is taken by value, a reference T binds to
    // v, and context_manager<void> takes `co_yield {};`.
    auto yield_value(yielded_type value) noexcept(
        !std::is_object_v<T> || std::is_nothrow_move_constructible_v<T>) {
      if constexpr (std::is_lvalue_reference_v<T>)
        return yield_awaiter<pointer>(std::addressof(value), this);
      else
        return yield_awaiter<yielded_type>(std::move(value), this);
    }

  private:
    friend class context_manager;
    template <class> friend class yield_awaiter;
    pointer value_ = nullptr;
    bool yielded_ = false;
    std::exception_ptr thrown_in_;  // the body's, rethrown at the co_yield
    std::exception_ptr thrown_out_; // what escaped the coroutine
  };

  context_manager(context_manager &&other) noexcept
      : h_(std::exchange(other.h_, nullptr)) {}
  context_manager(const context_manager &) = delete;
  context_manager &operator=(const context_manager &) = delete;
  context_manager &operator=(context_manager &&) = delete;

  // Destroys the coroutine frame. If exit() was never called after a
  // successful enter(), the coroutine's locals are destroyed (their
  // destructors run) but the code after co_yield does not.
  ~context_manager() {
    if (h_)
      h_.destroy();
  }

  // Runs the coroutine up to its co_yield and returns the yielded value.
  // An exception thrown before the co_yield propagates; finishing without
  // one throws std::logic_error (Python: "generator didn't yield").
  reference enter() {
    if (!h_ || h_.done())
      throw std::logic_error("raii::context_manager: entered twice");
    h_.resume();
    promise_type &p = h_.promise();
    if (p.thrown_out_)
      std::rethrow_exception(std::exchange(p.thrown_out_, nullptr));
    if (!p.yielded_)
      throw std::logic_error(
          "raii::context_manager: the coroutine ended without co_yield");
    if constexpr (!std::is_void_v<T>)
      return *p.value_;
  }

  // Resumes the coroutine after its co_yield, rethrowing e there if not
  // null. Returns true when the coroutine then finished normally although
  // e was given (it caught e: suppressed); false when it finished normally
  // without e, or let e escape. Any other exception escaping it propagates
  // (it replaces e). A second co_yield throws std::logic_error.
  bool exit(std::exception_ptr e) {
    // Misuse is reported by throwing, as Python raises RuntimeError here.
    if (!h_ || h_.done() || !h_.promise().yielded_)
      throw std::logic_error( // NOLINT(raii-exit-handler-throws)
          "raii::context_manager: exit() without a successful enter()");
    promise_type &p = h_.promise();
    p.thrown_in_ = e;
    h_.resume();
    if (!h_.done())
      throw std::logic_error( // NOLINT(raii-exit-handler-throws)
          "raii::context_manager: the coroutine yielded more than once");
    if (p.thrown_out_) {
      std::exception_ptr out = std::exchange(p.thrown_out_, nullptr);
      if (e && out == e)
        return false;
      std::rethrow_exception(out);
    }
    return static_cast<bool>(e);
  }

private:
  explicit context_manager(handle_type h) noexcept : h_(h) {}
  handle_type h_;
};

} // namespace raii

#endif // coroutines
#endif // RAII_CONTEXT_MANAGER_HPP
