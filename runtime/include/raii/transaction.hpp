// raii-tidy runtime: transaction — commit when the scope is left normally,
// roll back when it is left by an exception. See docs/runtime/transaction.md.
//
// The rules, in full:
//  * Normal exit, still active: the destructor calls commit(). If that
//    throws, rollback() is attempted and the commit's exception propagates;
//    an exception from that rollback is dropped (the commit's is the cause).
//  * Exit by exception, still active: the destructor calls rollback(). It
//    runs during unwinding, so if it throws the program terminates.
//  * Explicit commit(): calls commit(); if that throws, the transaction
//    stays active and is marked failed, so the destructor rolls back (never
//    commits again), whatever way the scope is left.
//  * Explicit rollback(): marks the transaction finished, then calls
//    rollback(); it is not retried if it throws.
//  * If storing the callables throws, rollback is called (the transaction
//    was begun before the guard) and the exception propagates.
#ifndef RAII_TRANSACTION_HPP
#define RAII_TRANSACTION_HPP

#include <exception>
#include <type_traits>
#include <utility>

#include "detail/compressed.hpp"
#include "detail/exceptions.hpp"

namespace raii {

namespace detail {
struct commit_tag {};
struct rollback_tag {};
} // namespace detail

template <class Commit, class Rollback>
class [[nodiscard]] transaction
    : private detail::compressed<Commit, detail::commit_tag>,
      private detail::compressed<Rollback, detail::rollback_tag> {
  static_assert(std::is_invocable_v<std::remove_reference_t<Commit> &>,
                "raii::transaction: commit must be callable with no arguments");
  static_assert(std::is_invocable_v<std::remove_reference_t<Rollback> &>,
                "raii::transaction: rollback must be callable with no "
                "arguments");

  using commit_base = detail::compressed<Commit, detail::commit_tag>;
  using rollback_base = detail::compressed<Rollback, detail::rollback_tag>;
  using CS = typename commit_base::stored_type;
  using RS = typename rollback_base::stored_type;
  template <class F> using c_src = detail::move_if_noexcept_from_t<CS, F>;
  template <class F> using r_src = detail::move_if_noexcept_from_t<RS, F>;

  static constexpr bool nothrow_commit =
      std::is_nothrow_invocable_v<std::remove_reference_t<Commit> &>;
  static constexpr bool nothrow_rollback =
      std::is_nothrow_invocable_v<std::remove_reference_t<Rollback> &>;

public:
  enum class state : unsigned char {
    active,        // will commit on normal exit, roll back on exception
    commit_failed, // an explicit commit() threw: will roll back
    committed,
    rolled_back,
    released,      // neither will happen
  };

  template <class C, class R,
            class = std::enable_if_t<std::is_constructible_v<CS, c_src<C>> &&
                                     std::is_constructible_v<RS, r_src<R>>>>
  transaction(C &&commit_fn, R &&rollback_fn) noexcept(
      std::is_nothrow_constructible_v<CS, c_src<C>> &&
      std::is_nothrow_constructible_v<RS, r_src<R>>) RAII_DETAIL_FN_TRY
      : commit_base(static_cast<c_src<C>>(commit_fn)),
        rollback_base(static_cast<r_src<R>>(rollback_fn)) {
  } RAII_DETAIL_FN_CATCH({ (void)rollback_fn(); })

  transaction(transaction &&other) noexcept(
      std::is_nothrow_move_constructible_v<CS> &&
      std::is_nothrow_move_constructible_v<RS>)
      : commit_base(std::move_if_noexcept(other.commit_base::stored())),
        rollback_base(std::move_if_noexcept(other.rollback_base::stored())),
        uncaught_(other.uncaught_),
        state_(std::exchange(other.state_, state::released)) {}

  transaction(const transaction &) = delete;
  transaction &operator=(const transaction &) = delete;
  transaction &operator=(transaction &&) = delete;

  ~transaction() noexcept(nothrow_commit && nothrow_rollback) {
    if (state_ == state::active &&
        std::uncaught_exceptions() <= uncaught_) {
      state_ = state::committed;
      if constexpr (nothrow_commit) {
        (void)commit_base::get()();
      } else {
        RAII_DETAIL_TRY {
          (void)commit_base::get()();
        } RAII_DETAIL_CATCH { // NOLINT(raii-swallowed-exception): rethrown
          state_ = state::rolled_back;
          RAII_DETAIL_TRY {
            (void)rollback_base::get()();
          } RAII_DETAIL_CATCH {
            // Deliberately dropped: the commit's exception is the one
            // reported (see the header comment); nothing else can be done
            // with this one here.
          }
          // A failed commit propagates, as from Python's __exit__; the
          // destructor is noexcept(false) exactly then.
          RAII_DETAIL_RETHROW; // NOLINT(raii-exit-handler-throws)
        }
      }
    } else if (state_ == state::active || state_ == state::commit_failed) {
      state_ = state::rolled_back;
      (void)rollback_base::get()();
    }
  }

  // Commits now. Does nothing unless active. If commit throws, the
  // exception propagates and the destructor will roll back.
  void commit() {
    if (state_ != state::active)
      return;
    RAII_DETAIL_TRY {
      (void)commit_base::get()();
    } RAII_DETAIL_CATCH {
      state_ = state::commit_failed;
      RAII_DETAIL_RETHROW;
    }
    state_ = state::committed;
  }

  // Rolls back now, unless already committed, rolled back or released.
  void rollback() {
    if (state_ != state::active && state_ != state::commit_failed)
      return;
    state_ = state::rolled_back;
    (void)rollback_base::get()();
  }

  // Neither commit nor rollback will be called.
  void release() noexcept { state_ = state::released; }

  [[nodiscard]] state status() const noexcept { return state_; }
  [[nodiscard]] bool active() const noexcept {
    return state_ == state::active || state_ == state::commit_failed;
  }

private:
  int uncaught_ = std::uncaught_exceptions();
  state state_ = state::active;
};

template <class C, class R> transaction(C, R) -> transaction<C, R>;

} // namespace raii

#endif // RAII_TRANSACTION_HPP
