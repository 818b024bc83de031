// Compile test: user types whose cleanup results are [[nodiscard]] compile
// warning-free (-Werror) through every runtime component that calls them.
// The runtime drops such results on purpose, with (void), because a guard's
// destructor has nowhere to return them. (Issue 12, defect 3.)
#include <raii/closing.hpp>
#include <raii/exit_stack.hpp>
#include <raii/make_context.hpp>
#include <raii/retry_lock.hpp>
#include <raii/scope_exit.hpp>
#include <raii/transaction.hpp>
#include <raii/unique_resource.hpp>
#include <raii/with.hpp>

#include <exception>

namespace {

struct [[nodiscard]] status {
  int code;
};

struct connection {
  [[nodiscard]] bool close() noexcept { return true; }
};

struct lease {
  bool try_lock() noexcept { return true; }
  [[nodiscard]] status unlock() noexcept { return {0}; }
};

struct session {
  [[nodiscard]] int enter() { return 1; }
  [[nodiscard]] bool exit(std::exception_ptr) { return false; }
};

struct plain_session {
  void enter() {}
  [[nodiscard]] status exit_status() { return {0}; }
  void exit(std::exception_ptr) { (void)exit_status(); }
};

struct action {
  [[nodiscard]] status operator()() const noexcept { return {0}; }
};

struct deleter {
  [[nodiscard]] status operator()(int) const noexcept { return {0}; }
};

} // namespace

int main() {
  {
    connection c;
    raii::closing g(c);
  }
  {
    lease l;
    raii::retry_lock a(l);
    a.unlock();
    raii::retry_lock b(l, std::chrono::seconds(1));
  }
  {
    session s;
    raii::with(s, [](int) {});
    (void)raii::with(s, [](int v) { return v; });
    plain_session p;
    raii::with(p, [] {});
  }
  {
    raii::scope_exit e{action{}};
    raii::scope_fail f{action{}};
    raii::scope_success s{action{}};
  }
  {
    raii::transaction tx{action{}, action{}};
    raii::transaction tx2{action{}, action{}};
    tx2.commit();
    raii::transaction tx3{action{}, action{}};
    tx3.rollback();
  }
  {
    raii::exit_stack stack;
    stack.callback(action{});
    stack.push(raii::scope_exit{action{}});
    stack.close();
  }
  {
    raii::owned_closing oc{connection{}};
    connection c;
    raii::with(raii::closing(c), [](connection &) {});
    raii::with(raii::owned_closing(connection{}), [](connection &) {});
  }
  {
    session a;
    session b;
    raii::with(a, b, [](int, int) {});
    plain_session p;
    raii::with(p, a, [](int) {});
  }
  {
    raii::exit_stack stack;
    (void)stack.enter_context(session{});
    stack.push_exit([](std::exception_ptr) {});
    raii::with(stack, [](raii::exit_stack &) {});
  }
  {
    auto cm = raii::make_context([] { return status{1}; },
                                 [](status &, std::exception_ptr) {});
    raii::with(cm, [](status &) {});
    auto bare = raii::make_context([] { return status{1}; }, [] {});
    raii::with(bare, [](status &) {});
  }
  {
    raii::unique_resource r(1, deleter{});
    r.reset();
    r.reset(2);
  }
  return 0;
}
