// raii-tidy runtime: retry_lock — a lock guard that polls try_lock() until it
// succeeds, a timeout passes, or (non-blocking) at once. Built for locks that
// cannot block, such as a distributed lock with a TTL. See
// docs/runtime/retry_lock.md.
#ifndef RAII_RETRY_LOCK_HPP
#define RAII_RETRY_LOCK_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <ratio>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

namespace raii {

// Base of the errors retry_lock throws.
class lock_error : public std::runtime_error {
public:
  lock_error(const std::string &what, std::size_t attempts)
      : std::runtime_error(what), attempts_(attempts) {}
  // How many times try_lock() was called before giving up.
  [[nodiscard]] std::size_t attempts() const noexcept { return attempts_; }

private:
  std::size_t attempts_;
};

// The timeout passed before try_lock() succeeded.
class lock_timeout : public lock_error {
public:
  using lock_error::lock_error;
};

// Non-blocking mode: the single try_lock() failed.
class would_block : public lock_error {
public:
  using lock_error::lock_error;
};

// Tag selecting non-blocking mode: one attempt, then would_block.
struct non_blocking_t {
  explicit non_blocking_t() = default;
};
inline constexpr non_blocking_t non_blocking{};

namespace detail {
template <class L, class = void> struct has_try_lock : std::false_type {};
template <class L>
struct has_try_lock<L, std::void_t<decltype(bool(std::declval<L &>().try_lock())),
                                   decltype(std::declval<L &>().unlock())>>
    : std::true_type {};

// The default way to wait between attempts.
struct thread_sleeper {
  template <class Rep, class Period>
  void operator()(std::chrono::duration<Rep, Period> d) const {
    std::this_thread::sleep_for(d);
  }
};

// Converts d to To, clamping to To::min() / To::max() where duration_cast
// would overflow (milliseconds::max() in nanoseconds, hours(3'000'000) in
// a 64-bit nanosecond count).
template <class To, class Rep, class Period>
constexpr To saturating_duration_cast(std::chrono::duration<Rep, Period> d) noexcept {
  using to_rep = typename To::rep;
  using factor = std::ratio_divide<Period, typename To::period>;
  using common = std::common_type_t<Rep, to_rep, std::intmax_t>;
  constexpr bool exact_integer =
      !std::chrono::treat_as_floating_point_v<Rep> &&
      !std::chrono::treat_as_floating_point_v<to_rep> &&
      std::is_signed_v<common> && (factor::den == 1 || factor::num == 1);
  if constexpr (exact_integer) {
    const auto c = static_cast<common>(d.count());
    const auto hi = static_cast<common>(To::max().count());
    const auto lo = static_cast<common>(To::min().count());
    if constexpr (factor::den == 1) { // d's ticks are factor::num of To's
      constexpr auto num = static_cast<common>(factor::num);
      if (c > hi / num)
        return To::max();
      if (c < lo / num)
        return To::min();
      return To(static_cast<to_rep>(c * num));
    } else { // each To tick is factor::den of d's: dividing cannot grow
      const common q = c / static_cast<common>(factor::den);
      if (q > hi)
        return To::max();
      if (q < lo)
        return To::min();
      return To(static_cast<to_rep>(q));
    }
  } else {
    // Floating point or an unusual ratio: compare in long double.
    using wide = std::chrono::duration<long double, typename To::period>;
    const wide w = std::chrono::duration_cast<wide>(d);
    if (!(w < wide(To::max())))
      return To::max();
    if (!(w > wide(To::min())))
      return To::min();
    return std::chrono::duration_cast<To>(w);
  }
}

// When to try again: the deadline and interval of one acquisition, shared
// by retry_lock and async_retry_lock (which differ only in how they wait).
// The deadline counts from construction; a timeout of duration::max(), or
// one past Clock::time_point::max(), means forever.
template <class Clock> class retry_schedule {
public:
  using duration = typename Clock::duration;

  retry_schedule(duration timeout, duration interval)
      : interval_(interval <= duration::zero() ? duration(1) : interval) {
    if (timeout < duration::zero())
      timeout = duration::zero();
    const auto start = Clock::now();
    // Guard the addition: a huge timeout means "forever", not an overflow.
    deadline_ = timeout == duration::max() ||
                        start > Clock::time_point::max() - timeout
                    ? Clock::time_point::max()
                    : start + timeout;
  }

  // After a failed attempt: how long to wait before the next one (the
  // interval, less near the deadline), or nothing once the deadline has
  // passed.
  std::optional<duration> next_wait() const {
    const auto now = Clock::now();
    if (now >= deadline_)
      return std::nullopt;
    const auto left = deadline_ - now;
    return left < interval_ ? left : interval_;
  }

private:
  duration interval_;
  typename Clock::time_point deadline_;
};
} // namespace detail

// Lockable: any type with `bool try_lock()` and `unlock()`.
// Clock: a chrono clock (now(), time_point, duration); a test can pass a
// fake one. Sleep: called with a Clock::duration to wait between attempts;
// a test's fake advances the fake clock. Every constructor that waits takes
// a Sleep object as its last argument.
template <class Lockable, class Clock = std::chrono::steady_clock,
          class Sleep = detail::thread_sleeper>
class [[nodiscard]] retry_lock {
  static_assert(detail::has_try_lock<Lockable>::value,
                "raii::retry_lock: the lockable must have try_lock() "
                "returning something convertible to bool, and unlock()");

public:
  using duration = typename Clock::duration;

  static constexpr duration default_interval() noexcept {
    return std::chrono::duration_cast<duration>(std::chrono::milliseconds(10));
  }

  // Polls every `interval` until locked; throws lock_timeout once `timeout`
  // has passed (one last attempt is made at the deadline). A zero or
  // negative timeout makes exactly one attempt. A timeout too large for
  // Clock::duration (milliseconds::max(), hours(3'000'000)) waits forever.
  template <class Rep1, class Period1, class Rep2 = long long,
            class Period2 = std::milli>
  retry_lock(Lockable &lock, std::chrono::duration<Rep1, Period1> timeout,
             std::chrono::duration<Rep2, Period2> interval =
                 std::chrono::milliseconds(10),
             Sleep sleep = Sleep())
      : lock_(std::addressof(lock)) {
    if (!acquire(detail::saturating_duration_cast<duration>(timeout),
                 detail::saturating_duration_cast<duration>(interval), sleep))
      throw lock_timeout("raii::retry_lock: timed out waiting for the lock",
                         attempts_);
  }

  // Waits without a deadline, polling every default_interval(). (For
  // another interval pass a timeout of duration::max(): it means forever.)
  explicit retry_lock(Lockable &lock, Sleep sleep = Sleep())
      : lock_(std::addressof(lock)) {
    (void)acquire(duration::max(), default_interval(), sleep);
  }

  // One attempt; throws would_block if it fails.
  retry_lock(Lockable &lock, non_blocking_t) : lock_(std::addressof(lock)) {
    if (!attempt())
      throw would_block("raii::retry_lock: lock is held elsewhere", 1);
  }

  // One attempt, never throws lock_error: owns_lock() says whether it
  // succeeded (std::unique_lock's try_to_lock).
  retry_lock(Lockable &lock, std::try_to_lock_t) : lock_(std::addressof(lock)) {
    (void)attempt();
  }

  // Polls as the timeout constructor does, but when the timeout passes it
  // does not throw: owns_lock() is false.
  template <class Rep1, class Period1, class Rep2 = long long,
            class Period2 = std::milli>
  retry_lock(Lockable &lock, std::try_to_lock_t,
             std::chrono::duration<Rep1, Period1> timeout,
             std::chrono::duration<Rep2, Period2> interval =
                 std::chrono::milliseconds(10),
             Sleep sleep = Sleep())
      : lock_(std::addressof(lock)) {
    (void)acquire(detail::saturating_duration_cast<duration>(timeout),
                  detail::saturating_duration_cast<duration>(interval), sleep);
  }

  retry_lock(retry_lock &&other) noexcept
      : lock_(other.lock_), attempts_(other.attempts_),
        owns_(std::exchange(other.owns_, false)) {}
  retry_lock(const retry_lock &) = delete;
  retry_lock &operator=(const retry_lock &) = delete;
  retry_lock &operator=(retry_lock &&) = delete;

  // Unlocks if still owned. noexcept exactly when unlock() is: a
  // distributed lock's unlock may fail, and then it propagates (or
  // terminates if the scope is being unwound).
  ~retry_lock() noexcept(noexcept(std::declval<Lockable &>().unlock())) {
    if (owns_)
      (void)lock_->unlock();
  }

  // Unlocks early.
  void unlock() {
    if (owns_) {
      owns_ = false;
      (void)lock_->unlock();
    }
  }
  // Keeps the lock locked and stops managing it.
  Lockable *release() noexcept {
    owns_ = false;
    return lock_;
  }

  [[nodiscard]] bool owns_lock() const noexcept { return owns_; }
  explicit operator bool() const noexcept { return owns_; }
  // How many try_lock() calls the acquisition took (1 = at once).
  [[nodiscard]] std::size_t attempts() const noexcept { return attempts_; }
  [[nodiscard]] Lockable *mutex() const noexcept { return lock_; }

private:
  bool attempt() {
    ++attempts_;
    owns_ = static_cast<bool>(lock_->try_lock());
    return owns_;
  }

  // Polls until locked (true) or the deadline passes (false).
  bool acquire(duration timeout, duration interval, Sleep &sleep) {
    const detail::retry_schedule<Clock> schedule(timeout, interval);
    for (;;) {
      if (attempt())
        return true;
      const std::optional<duration> wait = schedule.next_wait();
      if (!wait)
        return false;
      sleep(*wait);
    }
  }

  Lockable *lock_;
  std::size_t attempts_ = 0;
  bool owns_ = false;
};

template <class L, class Rep1, class Period1>
retry_lock(L &, std::chrono::duration<Rep1, Period1>) -> retry_lock<L>;
template <class L, class Rep1, class Period1, class Rep2, class Period2>
retry_lock(L &, std::chrono::duration<Rep1, Period1>,
           std::chrono::duration<Rep2, Period2>) -> retry_lock<L>;
template <class L> retry_lock(L &, non_blocking_t) -> retry_lock<L>;
template <class L> retry_lock(L &, std::try_to_lock_t) -> retry_lock<L>;
template <class L, class Rep1, class Period1>
retry_lock(L &, std::try_to_lock_t, std::chrono::duration<Rep1, Period1>)
    -> retry_lock<L>;
template <class L, class Rep1, class Period1, class Rep2, class Period2>
retry_lock(L &, std::try_to_lock_t, std::chrono::duration<Rep1, Period1>,
           std::chrono::duration<Rep2, Period2>) -> retry_lock<L>;
template <class L> retry_lock(L &) -> retry_lock<L>;

} // namespace raii

#endif // RAII_RETRY_LOCK_HPP
