// Which exit handler a catch belongs to, seen while walking each function
// top-down: the innermost function or lambda around it decides.
// RUN: %check_raii %s raii-swallowed-exception %t -- -std=c++17 -isystem %mock_include

#include <exit_handlers.h>
#include <raii/scope_exit.hpp>

void mayFail();
void cleanup();

// ---- positive -------------------------------------------------------------

void positiveGuardInLambda() {
  auto run = [] {
    raii::scope_exit guard([] {
      try {
        cleanup();
      } catch (...) {
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: exception caught in scope-guard callback is silently swallowed; report it, keep std::current_exception(), or say in a comment that it is ignored intentionally [raii-swallowed-exception]
        // CHECK-MESSAGES: :[[@LINE-5]]:22: note: the callback runs when this scope guard exits
      }
    });
  };
  run();
}

void positiveGenericCallback() {
  auto guard = gsl::finally([](auto... none) {
    try {
      cleanup();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in scope-guard callback is silently swallowed
      // CHECK-MESSAGES: :[[@LINE-5]]:8: note: the callback runs when this scope guard exits
    }
  });
}

struct CastsToVoid {
  ~CastsToVoid() {
    try {
      mayFail();
    } catch (const std::exception &e) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in destructor of 'CastsToVoid' is silently swallowed
      (void)e;
    }
  }
};

struct DropsCurrentException {
  ~DropsCurrentException() {
    try {
      mayFail();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in destructor of 'DropsCurrentException' is silently swallowed
      std::current_exception();
    }
  }
};

// A guard at namespace scope: the rare case decided through the parent map.
raii::scope_exit atExit([] {
  try {
    cleanup();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exception caught in scope-guard callback is silently swallowed
    // CHECK-MESSAGES: :[[@LINE-5]]:18: note: the callback runs when this scope guard exits
  }
});

// ---- negative -------------------------------------------------------------

// A lambda in a destructor or in a callback is not the exit handler itself.
struct LambdaInDestructor {
  ~LambdaInDestructor() {
    auto f = [] {
      try {
        mayFail();
      } catch (...) {
      }
    };
    f();
  }
};

void negativeLambdaInCallback() {
  raii::scope_exit guard([] {
    auto f = [] {
      try {
        mayFail();
      } catch (const std::exception &) {
      }
    };
    try {
      f();
    } catch (...) {
      std::terminate();
    }
  });
}

struct KeepsCurrentException {
  std::exception_ptr saved;
  ~KeepsCurrentException() {
    try {
      mayFail();
    } catch (...) {
      auto p = std::current_exception();
    }
    try {
      mayFail();
    } catch (...) {
      saved = (std::current_exception());
    }
  }
};

auto globalLambda = [] {
  try {
    mayFail();
  } catch (...) {
  }
};
