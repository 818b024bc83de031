// raii-tidy runtime: closing(obj) calls obj.close() when the scope is left,
// like Python's contextlib.closing; owned_closing(make()) owns the object
// too, for Python's `with closing(urlopen(url)) as page:`. Both are also
// context managers for with() and exit_stack::enter_context. See
// docs/runtime/closing.md.
#ifndef RAII_CLOSING_HPP
#define RAII_CLOSING_HPP

#include <exception>
#include <memory>
#include <type_traits>
#include <utility>

namespace raii {

namespace detail {
template <class T, class = void> struct has_close : std::false_type {};
template <class T>
struct has_close<T, std::void_t<decltype(std::declval<T &>().close())>>
    : std::true_type {};
} // namespace detail

// Refers to (never owns) an object with a close() member and calls it on
// destruction unless released. The destructor is noexcept exactly when
// close() is; a close() that throws while an exception unwinds the scope
// terminates the program, as any throwing destructor does.
template <class T> class [[nodiscard]] closing {
  static_assert(detail::has_close<T>::value,
                "raii::closing: the object must have a close() member "
                "callable with no arguments");

public:
  explicit closing(T &obj) noexcept : obj_(std::addressof(obj)) {}
  // A temporary would be closed after it is gone.
  closing(T &&) = delete;

  closing(closing &&other) noexcept : obj_(std::exchange(other.obj_, nullptr)) {}
  closing(const closing &) = delete;
  closing &operator=(const closing &) = delete;
  closing &operator=(closing &&) = delete;

  ~closing() noexcept(noexcept(std::declval<T &>().close())) {
    if (obj_)
      (void)obj_->close();
  }

  // The object, as Python's `with closing(x) as y` binds y to x.
  [[nodiscard]] T &get() const noexcept { return *obj_; }
  T &operator*() const noexcept { return *obj_; }
  T *operator->() const noexcept { return obj_; }

  // close() will not be called; returns the object.
  T &release() noexcept { return *std::exchange(obj_, nullptr); }
  [[nodiscard]] bool active() const noexcept { return obj_ != nullptr; }

  // Context-manager protocol: enter() is the object; exit() closes it now
  // (once) and never suppresses.
  T &enter() const noexcept { return *obj_; }
  void exit(const std::exception_ptr &) noexcept(
      noexcept(std::declval<T &>().close())) {
    if (obj_)
      (void)std::exchange(obj_, nullptr)->close();
  }

private:
  T *obj_;
};

template <class T> closing(T &) -> closing<T>;

// Owns an object with a close() member (moved in, usually a temporary from
// a factory) and calls close() on destruction unless released. The same
// exception rules as closing: noexcept exactly when close() is.
template <class T> class [[nodiscard]] owned_closing {
  static_assert(std::is_object_v<T> && !std::is_const_v<T>,
                "raii::owned_closing: T must be a non-const object type");
  static_assert(detail::has_close<T>::value,
                "raii::owned_closing: the object must have a close() member "
                "callable with no arguments");

public:
  // Takes the object (moved or copied in). If that throws, nothing is
  // owned and close() is not called: the argument is still its owner's.
  template <class U = T,
            class = std::enable_if_t<std::is_constructible_v<T, U &&> &&
                                     !std::is_same_v<std::decay_t<U>, owned_closing>>>
  explicit owned_closing(U &&obj) noexcept(std::is_nothrow_constructible_v<T, U &&>)
      : obj_(std::forward<U>(obj)) {}

  // The moved-from guard is inactive (its moved-from object is not closed).
  owned_closing(owned_closing &&other) noexcept(
      std::is_nothrow_move_constructible_v<T>)
      : obj_(std::move(other.obj_)), active_(std::exchange(other.active_, false)) {}
  owned_closing(const owned_closing &) = delete;
  owned_closing &operator=(const owned_closing &) = delete;
  owned_closing &operator=(owned_closing &&) = delete;

  ~owned_closing() noexcept(noexcept(std::declval<T &>().close())) {
    if (active_)
      (void)obj_.close();
  }

  [[nodiscard]] T &get() noexcept { return obj_; }
  [[nodiscard]] const T &get() const noexcept { return obj_; }
  T &operator*() noexcept { return obj_; }
  T *operator->() noexcept { return std::addressof(obj_); }

  // close() will not be called; moves the object out.
  T release() noexcept(std::is_nothrow_move_constructible_v<T>) {
    active_ = false;
    return std::move(obj_);
  }
  [[nodiscard]] bool active() const noexcept { return active_; }

  // Context-manager protocol, as closing's.
  T &enter() noexcept { return obj_; }
  void exit(const std::exception_ptr &) noexcept(
      noexcept(std::declval<T &>().close())) {
    if (std::exchange(active_, false))
      (void)obj_.close();
  }

private:
  T obj_;
  bool active_ = true;
};

template <class T> owned_closing(T) -> owned_closing<T>;

} // namespace raii

#endif // RAII_CLOSING_HPP
