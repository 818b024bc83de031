// Hand-written finally blocks inside lambdas (also at namespace scope), and
// `try` statements that are not directly in a compound statement.
// RUN: %check_raii --compile-fixed --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s raii-manual-finally %t -- -std=c++17 -isystem %raii_runtime_include

#include <stdexcept>
// CHECK-FIXES: #include <raii/scope_exit.hpp>

void release() noexcept;
void mayFail(bool fail) {
  if (fail)
    throw std::runtime_error("failed");
}

// ---- positive -------------------------------------------------------------

void positiveInLambda(bool fail) {
  auto run = [&] {
    try {
      mayFail(fail);
    } catch (...) {
      release();
      throw;
    }
    release();
  };
  // CHECK-MESSAGES: :[[@LINE-8]]:5: warning: hand-written finally: the cleanup in 'catch (...)' is repeated after the 'try'; declare a raii::scope_exit before the body instead [raii-manual-finally]
  // CHECK-FIXES: {
  // CHECK-FIXES: raii::scope_exit guard([&] { release(); });
  run();
}

auto atNamespaceScope = [](bool fail) {
  try {
    mayFail(fail);
  } catch (...) {
    release();
    throw;
  }
  release();
};
// CHECK-MESSAGES: :[[@LINE-8]]:3: warning: hand-written finally
// CHECK-FIXES: {
// CHECK-FIXES: raii::scope_exit guard([&] { release(); });

// ---- negative -------------------------------------------------------------

// Not directly in a compound statement: nothing follows it to compare.
void negativeIfBody(bool fail) {
  if (fail)
    try {
      mayFail(fail);
    } catch (...) {
      release();
      throw;
    }
  release();
}

// Template instantiations are not looked at twice.
template <class T> void negativeInstantiatedOnly(T t) {
  auto f = [&] {
    try {
      mayFail(t);
    } catch (const std::exception &) {
      release();
      throw;
    }
    release();
  };
  f();
}
template void negativeInstantiatedOnly<bool>(bool);

// What the fixes delete, in order:
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: release();
// CHECK-DELETED: throw;
// CHECK-DELETED: release();
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: release();
// CHECK-DELETED: throw;
// CHECK-DELETED: release();
