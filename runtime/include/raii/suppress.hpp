// raii-tidy runtime: suppress<E...> — Python's contextlib.suppress as a
// context manager for with() and exit_stack::enter_context:
//
//   raii::with(raii::suppress<std::out_of_range>(), [&] { v.at(i) = 0; });
//
// exit(e) returns true (swallows e) when e's exception is caught by one of
// `catch (const E&)`, so a base class suppresses its derived classes. See
// docs/runtime/suppress.md.
#ifndef RAII_SUPPRESS_HPP
#define RAII_SUPPRESS_HPP

#include <exception>

namespace raii {

template <class... E> class suppress {
  static_assert(sizeof...(E) > 0,
                "raii::suppress: name at least one exception type");

public:
  void enter() const noexcept {}

  // True when e is one of E... (or derived from one): the exception is
  // swallowed. Null or any other exception: false, it propagates.
  bool exit(const std::exception_ptr &e) const noexcept {
    return e && matches<E...>(e);
  }

private:
  template <class First, class... Rest>
  static bool matches(const std::exception_ptr &e) noexcept {
    try {
      std::rethrow_exception(e);
    } catch (const First &) {
      return true;
    } catch (...) {
      // Not a First: try the next type. The exception itself stays with
      // the caller, which rethrows it when exit() returns false.
      if constexpr (sizeof...(Rest) > 0)
        return matches<Rest...>(e);
      else
        return false;
    }
  }
};

} // namespace raii

#endif // RAII_SUPPRESS_HPP
