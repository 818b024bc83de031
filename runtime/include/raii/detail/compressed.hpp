// raii-tidy runtime: storage helper that costs no space for empty callables.
#ifndef RAII_DETAIL_COMPRESSED_HPP
#define RAII_DETAIL_COMPRESSED_HPP

#include <functional>
#include <type_traits>
#include <utility>

namespace raii::detail {

// Chooses how a member of type T is held:
//  * an empty, non-final class is inherited (empty base optimisation), so a
//    guard over a capture-less lambda is as small as its flag;
//  * an lvalue reference is held through std::reference_wrapper, so the
//    holder stays assignable;
//  * anything else is an ordinary member.
template <class T, class Tag,
          bool UseBase = std::is_class_v<T> && std::is_empty_v<T> &&
                         !std::is_final_v<T>>
class compressed {
public:
  using stored_type =
      std::conditional_t<std::is_reference_v<T>,
                         std::reference_wrapper<std::remove_reference_t<T>>, T>;

  template <class U, class = std::enable_if_t<
                         std::is_constructible_v<stored_type, U>>>
  explicit compressed(U &&u) noexcept(
      std::is_nothrow_constructible_v<stored_type, U>)
      : value_(std::forward<U>(u)) {}

  compressed() = default;

  std::remove_reference_t<T> &get() noexcept { return value_; }
  const std::remove_reference_t<T> &get() const noexcept { return value_; }
  stored_type &stored() noexcept { return value_; }

private:
  stored_type value_;
};

template <class T, class Tag> class compressed<T, Tag, true> : private T {
public:
  using stored_type = T;

  template <class U,
            class = std::enable_if_t<std::is_constructible_v<T, U>>>
  explicit compressed(U &&u) noexcept(std::is_nothrow_constructible_v<T, U>)
      : T(std::forward<U>(u)) {}

  compressed() = default;

  T &get() noexcept { return *this; }
  const T &get() const noexcept { return *this; }
  stored_type &stored() noexcept { return *this; }
};

template <class T>
using remove_cvref_t = std::remove_cv_t<std::remove_reference_t<T>>;

// "Move if that cannot throw, otherwise copy": the P0052 rule for taking a
// callable or resource so that the source stays intact when a copy throws.
template <class Stored, class Source>
using move_if_noexcept_from_t =
    std::conditional_t<!std::is_lvalue_reference_v<Source> &&
                           std::is_nothrow_constructible_v<Stored, Source>,
                       Source &&, std::remove_reference_t<Source> &>;

} // namespace raii::detail

#endif // RAII_DETAIL_COMPRESSED_HPP
