// Mock of the runtime's scope_success for fast lit tests (the other guards
// are in scope_exit.hpp).
#pragma once
namespace raii {
template <class F> class [[nodiscard]] scope_success {
public:
  explicit scope_success(F f) : f_(f) {}
  ~scope_success() noexcept(false) { f_(); }
  scope_success(const scope_success &) = delete;

private:
  F f_;
};
template <class F> scope_success(F) -> scope_success<F>;
} // namespace raii
