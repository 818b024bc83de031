// raii-tidy runtime: scope_exit, scope_fail, scope_success.
//
// P0052 / Library Fundamentals TS v3 <experimental/scope> semantics, with two
// deliberate differences (both as in Boost.Scope):
//  * the destructor is noexcept exactly when the action is nothrow-invocable,
//    so an action that throws on a normal exit propagates its exception;
//  * active() / set_active(bool) re-arm a released guard.
// See docs/runtime/scope_exit.md.
#ifndef RAII_SCOPE_EXIT_HPP
#define RAII_SCOPE_EXIT_HPP

#include <exception>
#include <type_traits>
#include <utility>

#include "detail/compressed.hpp"
#include "detail/exceptions.hpp"

namespace raii {
namespace detail {

// When a guard fires. Each condition is a tiny base class; the "always" one
// is empty, so scope_exit carries no exception counter.
struct run_always {
  static constexpr bool runs_if_construction_fails = true;
  constexpr bool should_run() const noexcept { return true; }
};

class run_on_failure {
public:
  static constexpr bool runs_if_construction_fails = true;
  bool should_run() const noexcept {
    return std::uncaught_exceptions() > count_;
  }

private:
  int count_ = std::uncaught_exceptions();
};

class run_on_success {
public:
  static constexpr bool runs_if_construction_fails = false;
  bool should_run() const noexcept {
    return std::uncaught_exceptions() <= count_;
  }

private:
  int count_ = std::uncaught_exceptions();
};

struct guard_action_tag {};

template <class EF, class Condition>
class basic_scope_guard : private compressed<EF, guard_action_tag>,
                          private Condition {
  static_assert(std::is_object_v<EF> || std::is_lvalue_reference_v<EF>,
                "raii scope guard: the action type must be an object type or "
                "an lvalue reference");
  static_assert(std::is_invocable_v<std::remove_reference_t<EF> &>,
                "raii scope guard: the action must be callable with no "
                "arguments");
  static_assert(std::is_destructible_v<EF>,
                "raii scope guard: the action must be destructible");

  using action_base = compressed<EF, guard_action_tag>;
  using stored = typename action_base::stored_type;

  template <class Fn> using source_t = move_if_noexcept_from_t<stored, Fn>;

public:
  template <class Fn,
            class = std::enable_if_t<
                !std::is_base_of_v<basic_scope_guard, remove_cvref_t<Fn>> &&
                std::is_constructible_v<stored, source_t<Fn>>>>
  explicit basic_scope_guard(Fn &&fn) noexcept(
      std::is_nothrow_constructible_v<stored, source_t<Fn>>)
      RAII_DETAIL_FN_TRY : action_base(static_cast<source_t<Fn>>(fn)) {
  }
  // P0052: if the callable cannot be stored, scope_exit and scope_fail run
  // it right away (the resource it guards is already acquired); the
  // exception then propagates. scope_success does not run it.
  RAII_DETAIL_FN_CATCH({
    if constexpr (Condition::runs_if_construction_fails)
      (void)fn();
  })

  basic_scope_guard(basic_scope_guard &&other) noexcept(
      std::is_nothrow_move_constructible_v<stored> ||
      std::is_nothrow_copy_constructible_v<stored>)
      : action_base(std::move_if_noexcept(other.action_base::stored())),
        Condition(static_cast<const Condition &>(other)),
        active_(other.active_) {
    // Only now that the callable was transferred does the source let go; if
    // the transfer threw, the source is still armed and will run.
    other.active_ = false;
  }

  basic_scope_guard(const basic_scope_guard &) = delete;
  basic_scope_guard &operator=(const basic_scope_guard &) = delete;
  basic_scope_guard &operator=(basic_scope_guard &&) = delete;

  ~basic_scope_guard() noexcept(
      std::is_nothrow_invocable_v<std::remove_reference_t<EF> &>) {
    if (active_ && Condition::should_run())
      (void)action_base::get()();
  }

  // Disarms the guard: the action will not run.
  void release() noexcept { active_ = false; }
  // Whether the action would run (given its condition) on destruction.
  [[nodiscard]] bool active() const noexcept { return active_; }
  // Arms or disarms the guard. Re-arming a moved-from guard runs a
  // moved-from callable: that is the caller's responsibility.
  void set_active(bool active) noexcept { active_ = active; }

private:
  bool active_ = true;
};

} // namespace detail

// Runs its action when the scope is left by any path.
template <class EF>
class [[nodiscard]] scope_exit
    : public detail::basic_scope_guard<EF, detail::run_always> {
  using base = detail::basic_scope_guard<EF, detail::run_always>;

public:
  using base::base;
};

// Runs its action only when the scope is left by an exception: more
// exceptions are in flight than when the guard was constructed.
template <class EF>
class [[nodiscard]] scope_fail
    : public detail::basic_scope_guard<EF, detail::run_on_failure> {
  using base = detail::basic_scope_guard<EF, detail::run_on_failure>;

public:
  using base::base;
};

// Runs its action only when the scope is left normally.
template <class EF>
class [[nodiscard]] scope_success
    : public detail::basic_scope_guard<EF, detail::run_on_success> {
  using base = detail::basic_scope_guard<EF, detail::run_on_success>;

public:
  using base::base;
};

template <class EF> scope_exit(EF) -> scope_exit<EF>;
template <class EF> scope_fail(EF) -> scope_fail<EF>;
template <class EF> scope_success(EF) -> scope_success<EF>;

} // namespace raii

#endif // RAII_SCOPE_EXIT_HPP
