// Where scope-guard callbacks sit: nested in other lambdas and handlers, at
// namespace scope, generic. The check finds them from the guard side while
// walking each function, and asks the AST parent map only for a lambda
// outside every function body that may throw.
// RUN: %check_raii %s raii-exit-handler-throws %t -- -std=c++17 -isystem %mock_include

#include <exit_handlers.h>
#include <raii/scope_exit.hpp>

void validate(int v) {
  if (v < 0)
    throw std::runtime_error("negative");
}
void quiet() noexcept;

// ---- positive: callbacks nested in other code -----------------------------

void positiveGuardInLambda() {
  auto run = [] {
    raii::scope_exit guard([] { validate(1); });
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: call to 'validate' may throw out of the scope-guard callback; catch the exception inside and report it [raii-exit-handler-throws]
    // CHECK-MESSAGES: :[[@LINE-2]]:28: note: scope-guard callback declared here
  };
  run();
}

struct GuardInDestructor {
  ~GuardInDestructor() {
    auto g = gsl::finally([] { validate(2); });
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: call to 'validate' may throw out of the scope-guard callback
    // CHECK-MESSAGES: :[[@LINE-2]]:27: note: scope-guard callback declared here
  }
};

void positiveGuardInCallback() {
  raii::scope_exit outer([] {
    absl::Cleanup inner = [] { validate(3); };
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: call to 'validate' may throw out of the scope-guard callback
    // CHECK-MESSAGES: :[[@LINE-2]]:27: note: scope-guard callback declared here
    quiet();
  });
}

void positiveTemporaryGuard() {
  std::experimental::scope_exit(([] { validate(4); }));
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: call to 'validate' may throw out of the scope-guard callback
  // CHECK-MESSAGES: :[[@LINE-2]]:34: note: scope-guard callback declared here
}

void positiveGenericCallback() {
  raii::scope_exit guard([](auto... none) { validate(sizeof...(none)); });
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: call to 'validate' may throw out of the scope-guard callback
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: scope-guard callback declared here
}

// ---- positive: a guard at namespace scope ----------------------------------

raii::scope_exit atExit([] { validate(5); });
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: call to 'validate' may throw out of the scope-guard callback
// CHECK-MESSAGES: :[[@LINE-2]]:25: note: scope-guard callback declared here

// ---- negative -----------------------------------------------------------------

// A lambda inside a callback is not a callback.
void negativeLambdaInCallback() {
  raii::scope_exit guard([] {
    auto check = [] { validate(-1); };
    try {
      check();
    } catch (...) {
    }
  });
}

// Lambdas handed elsewhere, called, or at namespace scope.
template <class F> void apply(F f) { f(); }
void negativeOrdinaryUses() {
  apply([] { validate(-1); });
  [] { validate(-1); }();
  auto later = gsl::finally([] { quiet(); });
}
auto globalLambda = [] { validate(-1); };
struct WithMember {
  void (*callback)() = [] { validate(-1); };
};
