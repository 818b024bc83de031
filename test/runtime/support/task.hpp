// Test support: task<T>, a minimal lazy coroutine task with no ties to any
// library, to show the async runtime works with a hand-written task type.
// Started when awaited (or by start()), resumes its awaiter when done by
// symmetric transfer, rethrows what escaped it, and may yield a reference.
// Unlike asio::awaitable it can await any awaiter.
#ifndef RAII_TEST_SUPPORT_TASK_HPP
#define RAII_TEST_SUPPORT_TASK_HPP

#include <coroutine>
#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace raii_test {

template <class T = void> class task;

namespace detail {

struct promise_base {
  std::coroutine_handle<> continuation = std::noop_coroutine();
  std::exception_ptr error;

  std::suspend_always initial_suspend() const noexcept { return {}; }
  struct final_awaiter {
    bool await_ready() const noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      return h.promise().continuation;
    }
    void await_resume() const noexcept {}
  };
  final_awaiter final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
};

template <class T> struct promise : promise_base {
  // A reference result is kept as a pointer.
  using stored = std::conditional_t<std::is_reference_v<T>,
                                    std::remove_reference_t<T> *, T>;
  std::optional<stored> value;
  task<T> get_return_object() noexcept;
  template <class U> void return_value(U &&u) {
    if constexpr (std::is_reference_v<T>)
      value.emplace(std::addressof(u));
    else
      value.emplace(std::forward<U>(u));
  }
  T result() {
    if (error)
      std::rethrow_exception(error);
    if constexpr (std::is_reference_v<T>)
      return static_cast<T>(**value);
    else
      return std::move(*value);
  }
};
template <> struct promise<void> : promise_base {
  task<void> get_return_object() noexcept;
  void return_void() const noexcept {}
  void result() {
    if (error)
      std::rethrow_exception(error);
  }
};

} // namespace detail

template <class T> class [[nodiscard]] task {
public:
  using promise_type = detail::promise<T>;
  using handle_type = std::coroutine_handle<promise_type>;

  explicit task(handle_type h) noexcept : h_(h) {}
  task(task &&other) noexcept : h_(std::exchange(other.h_, nullptr)) {}
  task &operator=(task &&) = delete;
  ~task() {
    if (h_)
      h_.destroy();
  }

  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept {
    h_.promise().continuation = awaiting;
    return h_;
  }
  T await_resume() { return h_.promise().result(); }

  // For tests driving a task by hand (see run() in loop.hpp).
  void start() { h_.resume(); }
  [[nodiscard]] bool done() const noexcept { return h_.done(); }
  T result() { return h_.promise().result(); }

private:
  handle_type h_;
};

template <class T>
task<T> detail::promise<T>::get_return_object() noexcept {
  return task<T>(task<T>::handle_type::from_promise(*this));
}
inline task<void> detail::promise<void>::get_return_object() noexcept {
  return task<void>(task<void>::handle_type::from_promise(*this));
}

} // namespace raii_test

#endif // RAII_TEST_SUPPORT_TASK_HPP
