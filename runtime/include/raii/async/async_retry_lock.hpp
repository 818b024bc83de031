// raii-tidy runtime: async_retry_lock — retry_lock for coroutines. It polls
// try_lock() until it succeeds, a timeout passes, or (non-blocking) at once,
// and between attempts awaits a sleep the caller supplies, so the thread is
// never blocked:
//
//   auto sleep = [&](auto d) -> asio::awaitable<void> {
//     asio::steady_timer t(ex, d);
//     co_await t.async_wait(asio::use_awaitable);
//   };
//   raii::async_retry_lock guard(lease, sleep, 5s, 200ms);
//   co_await raii::async_with(guard, [&]() -> asio::awaitable<void> { ... });
//
// It is an async context manager: enter() acquires, exit(e) unlocks (never
// suppresses). try_lock() and unlock() may be synchronous (bool / void) or
// return awaitables (a distributed lock's network round trip), which are
// then awaited. Same options, errors and fake-clock testing as retry_lock
// (<raii/retry_lock.hpp>); see docs/runtime/async.md.
// RAII_REQUIRES_CXX20
#ifndef RAII_ASYNC_ASYNC_RETRY_LOCK_HPP
#define RAII_ASYNC_ASYNC_RETRY_LOCK_HPP

#if !defined(__cpp_impl_coroutine) || !__has_include(<coroutine>)
#error "<raii/async.hpp> needs C++20 coroutines (-std=c++20)"
#else

#include <chrono>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <ratio>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "../retry_lock.hpp"
#include "task_traits.hpp"

namespace raii {
namespace detail {

// try_lock() / unlock() answered on the spot, or by an awaitable.
template <class L>
inline constexpr bool sync_try_lock_v =
    std::is_convertible_v<decltype(std::declval<L &>().try_lock()), bool>;
template <class L>
inline constexpr bool sync_unlock_v =
    std::is_void_v<decltype(std::declval<L &>().unlock())>;

template <class L>
concept async_lockable = requires(L &l) {
  l.try_lock();
  l.unlock();
};

} // namespace detail

// Lockable: try_lock() yielding something convertible to bool, and
// unlock(); either may return an awaitable. Sleep: called with a
// Clock::duration, returns an awaitable that completes after (about) that
// long. Task: the task type of enter()/exit(); by default Sleep's awaitable
// type with its result rebound to void.
template <class Lockable, class Sleep, class Clock = std::chrono::steady_clock,
          class Task = rebind_task_t<
              std::remove_cvref_t<std::invoke_result_t<Sleep &, typename Clock::duration>>,
              void>>
class [[nodiscard]] async_retry_lock {
  static_assert(detail::async_lockable<Lockable>,
                "raii::async_retry_lock: the lockable must have try_lock() "
                "and unlock() (each may return an awaitable)");
  static_assert(std::is_invocable_v<Sleep &, typename Clock::duration>,
                "raii::async_retry_lock: the sleep must be callable with a "
                "Clock::duration and return an awaitable");

  using void_task = rebind_task_t<Task, void>;
  enum class mode : unsigned char { poll, one_attempt };

public:
  using duration = typename Clock::duration;

  static constexpr duration default_interval() noexcept {
    return std::chrono::duration_cast<duration>(std::chrono::milliseconds(10));
  }

  // enter() polls every `interval` until locked; throws lock_timeout once
  // `timeout` has passed (counted from enter(); one last attempt at the
  // deadline). A zero or negative timeout makes one attempt; one too large
  // for Clock::duration waits forever.
  template <class Rep1, class Period1, class Rep2 = long long,
            class Period2 = std::milli>
  async_retry_lock(Lockable &lock, Sleep sleep,
                   std::chrono::duration<Rep1, Period1> timeout,
                   std::chrono::duration<Rep2, Period2> interval =
                       std::chrono::milliseconds(10))
      : lock_(std::addressof(lock)), sleep_(std::move(sleep)),
        timeout_(detail::saturating_duration_cast<duration>(timeout)),
        interval_(detail::saturating_duration_cast<duration>(interval)) {}

  // enter() polls every default_interval() without a deadline.
  async_retry_lock(Lockable &lock, Sleep sleep)
      : lock_(std::addressof(lock)), sleep_(std::move(sleep)),
        timeout_(duration::max()), interval_(default_interval()) {}

  // enter() makes one attempt and throws would_block if it fails.
  async_retry_lock(Lockable &lock, Sleep sleep, non_blocking_t)
      : lock_(std::addressof(lock)), sleep_(std::move(sleep)),
        mode_(mode::one_attempt) {}

  // enter() makes one attempt and never throws lock_error: owns_lock()
  // says whether it succeeded.
  async_retry_lock(Lockable &lock, Sleep sleep, std::try_to_lock_t)
      : lock_(std::addressof(lock)), sleep_(std::move(sleep)),
        mode_(mode::one_attempt), throws_(false) {}

  // enter() polls as the timeout form does, but when the timeout passes it
  // does not throw: owns_lock() is false.
  template <class Rep1, class Period1, class Rep2 = long long,
            class Period2 = std::milli>
  async_retry_lock(Lockable &lock, Sleep sleep, std::try_to_lock_t,
                   std::chrono::duration<Rep1, Period1> timeout,
                   std::chrono::duration<Rep2, Period2> interval =
                       std::chrono::milliseconds(10))
      : lock_(std::addressof(lock)), sleep_(std::move(sleep)),
        timeout_(detail::saturating_duration_cast<duration>(timeout)),
        interval_(detail::saturating_duration_cast<duration>(interval)),
        throws_(false) {}

  async_retry_lock(async_retry_lock &&other) noexcept(
      std::is_nothrow_move_constructible_v<Sleep>)
      : lock_(other.lock_), sleep_(std::move(other.sleep_)),
        timeout_(other.timeout_), interval_(other.interval_),
        mode_(other.mode_), throws_(other.throws_),
        attempts_(other.attempts_), owns_(std::exchange(other.owns_, false)) {}
  async_retry_lock(const async_retry_lock &) = delete;
  async_retry_lock &operator=(const async_retry_lock &) = delete;
  async_retry_lock &operator=(async_retry_lock &&) = delete;

  // Still owned at destruction (exit() never awaited: the coroutine frame
  // was destroyed, or the guard was used without async_with): a synchronous
  // unlock() is called, as retry_lock does; an asynchronous one cannot be
  // awaited here, so the lock stays held (a distributed lock's TTL then
  // frees it).
  ~async_retry_lock() noexcept(!detail::sync_unlock_v<Lockable> ||
                               noexcept(std::declval<Lockable &>().unlock())) {
    if constexpr (detail::sync_unlock_v<Lockable>) {
      if (owns_)
        lock_->unlock();
    }
  }

  // Acquires the lock as the constructor chose; completes when locked, or
  // throws lock_timeout / would_block (the try_to_lock forms complete with
  // owns_lock() false instead). An exception from try_lock() or from the
  // sleep (a cancelled timer) propagates; the lock is then not held.
  void_task enter() {
    if (owns_)
      throw std::logic_error("raii::async_retry_lock: already locked");
    attempts_ = 0;
    const detail::retry_schedule<Clock> schedule(
        mode_ == mode::one_attempt ? duration::zero() : timeout_, interval_);
    for (;;) {
      ++attempts_;
      bool locked;
      if constexpr (detail::sync_try_lock_v<Lockable>)
        locked = static_cast<bool>(lock_->try_lock());
      else
        locked = static_cast<bool>(co_await lock_->try_lock());
      if (locked) {
        owns_ = true;
        co_return;
      }
      const std::optional<duration> wait = schedule.next_wait();
      if (!wait)
        break;
      co_await sleep_(*wait);
    }
    if (!throws_)
      co_return;
    if (mode_ == mode::one_attempt)
      throw would_block("raii::async_retry_lock: lock is held elsewhere",
                        attempts_);
    throw lock_timeout("raii::async_retry_lock: timed out waiting for the lock",
                       attempts_);
  }

  // Unlocks if owned; never suppresses the exception it is given.
  void_task exit(std::exception_ptr) { return unlock(); }

  // Unlocks early (if owned).
  void_task unlock() {
    if (!owns_)
      co_return;
    owns_ = false;
    if constexpr (detail::sync_unlock_v<Lockable>)
      lock_->unlock();
    else
      co_await lock_->unlock();
  }

  // Keeps the lock locked and stops managing it.
  Lockable *release() noexcept {
    owns_ = false;
    return lock_;
  }

  [[nodiscard]] bool owns_lock() const noexcept { return owns_; }
  explicit operator bool() const noexcept { return owns_; }
  // How many try_lock() calls the last enter() made (1 = at once).
  [[nodiscard]] std::size_t attempts() const noexcept { return attempts_; }
  [[nodiscard]] Lockable *mutex() const noexcept { return lock_; }

private:
  Lockable *lock_;
  Sleep sleep_;
  duration timeout_ = duration::zero();
  duration interval_ = default_interval();
  mode mode_ = mode::poll;
  bool throws_ = true;
  std::size_t attempts_ = 0;
  bool owns_ = false;
};

template <class L, class S, class Rep1, class Period1>
async_retry_lock(L &, S, std::chrono::duration<Rep1, Period1>)
    -> async_retry_lock<L, S>;
template <class L, class S, class Rep1, class Period1, class Rep2, class Period2>
async_retry_lock(L &, S, std::chrono::duration<Rep1, Period1>,
                 std::chrono::duration<Rep2, Period2>) -> async_retry_lock<L, S>;
template <class L, class S> async_retry_lock(L &, S) -> async_retry_lock<L, S>;
template <class L, class S>
async_retry_lock(L &, S, non_blocking_t) -> async_retry_lock<L, S>;
template <class L, class S>
async_retry_lock(L &, S, std::try_to_lock_t) -> async_retry_lock<L, S>;
template <class L, class S, class Rep1, class Period1>
async_retry_lock(L &, S, std::try_to_lock_t, std::chrono::duration<Rep1, Period1>)
    -> async_retry_lock<L, S>;
template <class L, class S, class Rep1, class Period1, class Rep2, class Period2>
async_retry_lock(L &, S, std::try_to_lock_t, std::chrono::duration<Rep1, Period1>,
                 std::chrono::duration<Rep2, Period2>) -> async_retry_lock<L, S>;

} // namespace raii

#endif // coroutines
#endif // RAII_ASYNC_ASYNC_RETRY_LOCK_HPP
