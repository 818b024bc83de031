// raii-tidy runtime: closing(obj) calls obj.close() when the scope is left,
// like Python's contextlib.closing. See docs/runtime/closing.md.
#ifndef RAII_CLOSING_HPP
#define RAII_CLOSING_HPP

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

private:
  T *obj_;
};

template <class T> closing(T &) -> closing<T>;

} // namespace raii

#endif // RAII_CLOSING_HPP
