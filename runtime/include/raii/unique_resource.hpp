// raii-tidy runtime: unique_resource and make_unique_resource_checked.
//
// P0052 / Library Fundamentals TS v3 semantics, extended (as Boost.Scope
// does) with optional resource traits that name the "no resource" value, so
// the ownership flag lives in the value itself and a handle such as
// unique_fd never calls close(-1). See docs/runtime/unique_resource.md.
#ifndef RAII_UNIQUE_RESOURCE_HPP
#define RAII_UNIQUE_RESOURCE_HPP

#include <cstddef>
#include <type_traits>
#include <utility>

#include "detail/compressed.hpp"
#include "detail/exceptions.hpp"

namespace raii {

// --- resource traits --------------------------------------------------------
//
// A traits class T for resource type R provides
//   static R make_default() noexcept;            // the "no resource" value
//   static bool is_allocated(const R&) noexcept; // does the value own anything
// With traits, unique_resource stores no flag: a value for which
// is_allocated() is false owns nothing and is never passed to the deleter.

// "No resource" is one specific value (nullptr, -1, INVALID_HANDLE_VALUE...).
template <auto Invalid> struct sentinel_traits {
  static constexpr auto make_default() noexcept { return Invalid; }
  template <class R> static constexpr bool is_allocated(const R &r) noexcept {
    return !(r == Invalid);
  }
};

// Pointers: null owns nothing.
using null_traits = sentinel_traits<nullptr>;

// POSIX file descriptors: every negative value owns nothing, the default is -1.
struct fd_traits {
  static constexpr int make_default() noexcept { return -1; }
  static constexpr bool is_allocated(int fd) noexcept { return fd >= 0; }
};

template <class R, class D, class Traits = void> class unique_resource;

namespace detail {

struct resource_tag {};
struct deleter_tag {};

// Resource and deleter are held in base classes so each can react to the
// failure of its own initialisation (P0052 says who is then called), while
// earlier subobjects are still alive.
template <class R> class resource_box : public compressed<R, resource_tag> {
  using base = compressed<R, resource_tag>;

public:
  resource_box() = default;

  template <class RR, class OnFail>
  resource_box(RR &&r, [[maybe_unused]] OnFail &&on_fail) noexcept(
      std::is_nothrow_constructible_v<base, RR>) RAII_DETAIL_FN_TRY
      : base(std::forward<RR>(r)) {
  } RAII_DETAIL_FN_CATCH({ on_fail(); })
};

template <class D> class deleter_box : public compressed<D, deleter_tag> {
  using base = compressed<D, deleter_tag>;

public:
  deleter_box() = default;

  template <class DD, class OnFail>
  deleter_box(DD &&d, [[maybe_unused]] OnFail &&on_fail) noexcept(
      std::is_nothrow_constructible_v<base, DD>) RAII_DETAIL_FN_TRY
      : base(std::forward<DD>(d)) {
  } RAII_DETAIL_FN_CATCH({ on_fail(); })
};

// Without traits ownership is a flag; with traits it is empty.
template <bool HasFlag> struct ownership_flag {
  bool owns_ = false;
};
template <> struct ownership_flag<false> {};

struct checked_tag {};

template <class T> struct is_pointer_to_object : std::false_type {};
template <class T>
struct is_pointer_to_object<T *>
    : std::bool_constant<!std::is_void_v<std::remove_cv_t<T>>> {};

} // namespace detail

// Owns a resource of type R (an object type, or an lvalue reference when no
// traits are given) and releases it with the deleter D on destruction,
// reset() or move-assignment.
template <class R, class D, class Traits>
class unique_resource
    : private detail::resource_box<R>,
      private detail::deleter_box<D>,
      private detail::ownership_flag<std::is_void_v<Traits>> {
  static_assert(std::is_object_v<R> || std::is_lvalue_reference_v<R>,
                "raii::unique_resource: R must be an object type or an "
                "lvalue reference");
  static_assert(std::is_object_v<D> || std::is_lvalue_reference_v<D>,
                "raii::unique_resource: D must be an object type or an "
                "lvalue reference");
  static_assert(std::is_invocable_v<std::remove_reference_t<D> &,
                                    std::remove_reference_t<R> &>,
                "raii::unique_resource: the deleter must be callable with "
                "the resource");
  static_assert(std::is_void_v<Traits> || std::is_object_v<R>,
                "raii::unique_resource: resource traits need an object type");

  static constexpr bool has_traits = !std::is_void_v<Traits>;

  using res_box = detail::resource_box<R>;
  using del_box = detail::deleter_box<D>;
  using RS = typename res_box::stored_type;
  using DS = typename del_box::stored_type;
  using res_ref = std::remove_reference_t<R> &;

  template <class RR> using res_src = detail::move_if_noexcept_from_t<RS, RR>;
  template <class DD> using del_src = detail::move_if_noexcept_from_t<DS, DD>;

  static constexpr bool nothrow_delete =
      std::is_nothrow_invocable_v<std::remove_reference_t<D> &, res_ref>;

  template <class RR, class DD>
  static constexpr bool constructible_from =
      std::is_constructible_v<RS, res_src<RR>> &&
      std::is_constructible_v<DS, del_src<DD>>;
  template <class RR, class DD>
  static constexpr bool nothrow_constructible_from =
      std::is_nothrow_constructible_v<RS, res_src<RR>> &&
      std::is_nothrow_constructible_v<DS, del_src<DD>>;

public:
  // Owns nothing.
  template <class RR = RS, class DD = DS,
            class = std::enable_if_t<std::is_default_constructible_v<RR> &&
                                     std::is_default_constructible_v<DD>>>
  unique_resource() noexcept(std::is_nothrow_default_constructible_v<RS> &&
                             std::is_nothrow_default_constructible_v<DS>)
      : res_box(), del_box() {
    if constexpr (has_traits)
      res_box::get() = Traits::make_default();
  }

  // Takes ownership of r (with traits: only if Traits::is_allocated(r)).
  // If storing r throws, d(r) is called; if storing d throws, d is called on
  // the stored resource. Either way the exception propagates.
  template <class RR, class DD,
            class = std::enable_if_t<constructible_from<RR, DD>>>
  unique_resource(RR &&r, DD &&d) noexcept(nothrow_constructible_from<RR, DD>)
      : unique_resource(detail::checked_tag{}, std::forward<RR>(r),
                        std::forward<DD>(d), owns_value(r)) {}

  // Takes ownership of r with a default-constructed deleter:
  // `raii::unique_fd fd(::open(...));`.
  template <class RR,
            class = std::enable_if_t<
                !std::is_base_of_v<unique_resource, detail::remove_cvref_t<RR>> &&
                std::is_default_constructible_v<DS> &&
                constructible_from<RR, DS>>>
  explicit unique_resource(RR &&r) noexcept(
      nothrow_constructible_from<RR, DS> &&
      std::is_nothrow_default_constructible_v<DS>)
      : unique_resource(std::forward<RR>(r), DS()) {}

  // P0052: resource and deleter are moved when that cannot throw, copied
  // otherwise. If the deleter copy throws after the resource was moved, the
  // resource is deleted and the source released. The source owns nothing
  // afterwards.
  unique_resource(unique_resource &&other) noexcept(
      std::is_nothrow_move_constructible_v<RS> &&
      std::is_nothrow_move_constructible_v<DS>)
      : res_box(std::move_if_noexcept(other.res_box::stored()), [] {}),
        del_box(std::move_if_noexcept(other.del_box::stored()), [&] {
          if constexpr (std::is_nothrow_move_constructible_v<RS>) {
            if (other.owns()) {
              (void)other.del_box::get()(res_box::get());
              other.disown();
            }
          }
        }) {
    if constexpr (has_traits) {
      other.res_box::get() = Traits::make_default();
    } else {
      this->owns_ = std::exchange(other.owns_, false);
    }
  }

  // Deletes the owned resource, then takes over other's. If copying a
  // member throws, other is left intact and *this owns nothing.
  unique_resource &operator=(unique_resource &&other) noexcept(
      nothrow_delete && std::is_nothrow_move_assignable_v<RS> &&
      std::is_nothrow_move_assignable_v<DS>) {
    if (this == &other)
      return *this;
    reset();
    if constexpr (std::is_nothrow_move_assignable_v<RS>) {
      if constexpr (std::is_nothrow_move_assignable_v<DS>) {
        res_box::stored() = std::move(other.res_box::stored());
        del_box::stored() = std::move(other.del_box::stored());
      } else {
        del_box::stored() = other.del_box::stored();
        res_box::stored() = std::move(other.res_box::stored());
      }
    } else {
      if constexpr (std::is_nothrow_move_assignable_v<DS>) {
        res_box::stored() = other.res_box::stored();
        del_box::stored() = std::move(other.del_box::stored());
      } else {
        res_box::stored() = other.res_box::stored();
        del_box::stored() = other.del_box::stored();
      }
    }
    if constexpr (has_traits) {
      other.res_box::get() = Traits::make_default();
    } else {
      this->owns_ = std::exchange(other.owns_, false);
    }
    return *this;
  }

  unique_resource(const unique_resource &) = delete;
  unique_resource &operator=(const unique_resource &) = delete;

  ~unique_resource() noexcept(nothrow_delete) { reset(); }

  // Deletes the owned resource, if any; owns nothing afterwards. Ownership
  // is given up before the deleter runs, so a deleter that throws is never
  // called twice for one resource.
  void reset() noexcept(nothrow_delete) {
    if (!owns())
      return;
    if constexpr (has_traits) {
      R old = std::move(res_box::get());
      res_box::get() = Traits::make_default();
      (void)del_box::get()(old);
    } else {
      this->owns_ = false;
      (void)del_box::get()(res_box::get());
    }
  }

  // Deletes the owned resource, then owns r. If storing r throws, the
  // deleter is called on r and the exception propagates.
  template <class RR,
            class = std::enable_if_t<
                std::is_assignable_v<RS &, RR> ||
                std::is_assignable_v<RS &, const std::remove_reference_t<RR> &>>>
  void reset(RR &&r) {
    reset();
    RAII_DETAIL_TRY {
      if constexpr (std::is_nothrow_assignable_v<RS &, RR>)
        res_box::stored() = std::forward<RR>(r);
      else
        res_box::stored() = std::as_const(r);
    } RAII_DETAIL_CATCH {
      if (owns_value(r))
        (void)del_box::get()(r);
      RAII_DETAIL_RETHROW;
    }
    if constexpr (!has_traits)
      this->owns_ = true;
  }

  // Gives up ownership without deleting. Without traits get() still returns
  // the resource afterwards (P0052); with traits the stored value becomes
  // Traits::make_default(), so read get() first.
  void release() noexcept { disown(); }

  [[nodiscard]] const std::remove_reference_t<R> &get() const noexcept {
    return res_box::get();
  }
  [[nodiscard]] const std::remove_reference_t<D> &get_deleter() const noexcept {
    return del_box::get();
  }

  // Whether a resource is owned (Boost.Scope calls this allocated()).
  [[nodiscard]] bool allocated() const noexcept { return owns(); }
  explicit operator bool() const noexcept { return owns(); }

  template <class RR = R,
            class = std::enable_if_t<detail::is_pointer_to_object<RR>::value>>
  std::add_lvalue_reference_t<std::remove_pointer_t<RR>> operator*() const
      noexcept {
    return *get();
  }
  template <class RR = R, class = std::enable_if_t<std::is_pointer_v<RR>>>
  R operator->() const noexcept {
    return get();
  }

private:
  template <class R2, class S, class D2>
  friend unique_resource<std::decay_t<R2>, std::decay_t<D2>>
  make_unique_resource_checked(R2 &&, const S &, D2 &&) noexcept(
      std::is_nothrow_constructible_v<std::decay_t<R2>, R2> &&
      std::is_nothrow_constructible_v<std::decay_t<D2>, D2>);

  template <class RR, class DD>
  unique_resource(detail::checked_tag, RR &&r, DD &&d, bool owns) noexcept(
      nothrow_constructible_from<RR, DD>)
      : res_box(static_cast<res_src<RR>>(r),
                [&] {
                  if (owns)
                    (void)d(r);
                }),
        del_box(static_cast<del_src<DD>>(d), [&] {
          if (owns)
            (void)d(res_box::get());
        }) {
    if constexpr (has_traits) {
      if (!owns)
        res_box::get() = Traits::make_default();
    } else {
      this->owns_ = owns;
    }
  }

  template <class RR> static bool owns_value([[maybe_unused]] const RR &r) noexcept {
    if constexpr (has_traits)
      return Traits::is_allocated(r);
    else
      return true;
  }

  bool owns() const noexcept {
    if constexpr (has_traits)
      return Traits::is_allocated(res_box::get());
    else
      return this->owns_;
  }

  void disown() noexcept {
    if constexpr (has_traits) {
      static_assert(std::is_nothrow_assignable_v<R &, decltype(Traits::make_default())>,
                    "raii::unique_resource: assigning the traits' default "
                    "value must not throw");
      res_box::get() = Traits::make_default();
    } else {
      this->owns_ = false;
    }
  }
};

template <class R, class D>
unique_resource(R, D) -> unique_resource<R, D>;

// Owns r unless r == invalid (then the deleter is never called on it). The
// result owns nothing also when storing r or d throws for an invalid r.
template <class R, class S, class D>
[[nodiscard]] unique_resource<std::decay_t<R>, std::decay_t<D>>
make_unique_resource_checked(R &&r, const S &invalid, D &&d) noexcept(
    std::is_nothrow_constructible_v<std::decay_t<R>, R> &&
    std::is_nothrow_constructible_v<std::decay_t<D>, D>) {
  const bool owns = !bool(r == invalid);
  return unique_resource<std::decay_t<R>, std::decay_t<D>>(
      detail::checked_tag{}, std::forward<R>(r), std::forward<D>(d), owns);
}

} // namespace raii

#endif // RAII_UNIQUE_RESOURCE_HPP
