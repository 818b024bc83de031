// Mock of the runtime's scope guards for fast lit tests.
#pragma once
namespace raii {
template <class F> class [[nodiscard]] scope_exit {
public:
  explicit scope_exit(F f) : f_(f) {}
  ~scope_exit() { if (active_) f_(); }
  scope_exit(const scope_exit &) = delete;
  void release() noexcept { active_ = false; }

private:
  F f_;
  bool active_ = true;
};
template <class F> scope_exit(F) -> scope_exit<F>;

template <class F> class [[nodiscard]] scope_fail {
public:
  explicit scope_fail(F f) : f_(f) {}
  ~scope_fail() {}
  scope_fail(const scope_fail &) = delete;

private:
  F f_;
};
template <class F> scope_fail(F) -> scope_fail<F>;
} // namespace raii
