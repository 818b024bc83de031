// The raii runtime's own guards (real headers). The fixed program checks that
// each action now runs at the end of its scope instead of at once.
// RUN: %check_raii --run-fixed --link=-pthread %s raii-unnamed-guard %t -- -std=c++17 -Wno-unused-result -I %raii_runtime_include -pthread -iquote %S/Inputs

#include <mutex>
#include <raii/closing.hpp>
#include <raii/retry_lock.hpp>
#include <raii/scope_exit.hpp>
#include "lock_probe.h"

struct Stream {
  int closes = 0;
  void close() { ++closes; }
};

std::mutex m;

struct Counted {
  static int closes;
  void close() { ++closes; }
};
int Counted::closes = 0;

int main() {
  int failures = 0;
  int ran = 0;
  {
    raii::scope_exit([&] { ++ran; });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'raii::scope_exit' temporary is destroyed at the end of the statement and guards nothing; give it a name to hold it until the end of the scope [raii-unnamed-guard]
    // CHECK-FIXES: raii::scope_exit guard([&] { ++ran; });
    failures += ran != 0;
  }
  failures += ran != 1;

  Stream s;
  {
    raii::closing{s};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'raii::closing' temporary is destroyed
    // CHECK-FIXES: raii::closing guard{s};
    failures += s.closes != 0;
  }
  failures += s.closes != 1;

  {
    raii::owned_closing<Counted>{Counted{}};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'raii::owned_closing<Counted>' temporary is destroyed
    // CHECK-FIXES: raii::owned_closing<Counted> guard{Counted{}};
    failures += Counted::closes != 0;
  }
  failures += Counted::closes != 1;

  {
    raii::retry_lock{m};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'raii::retry_lock' temporary is destroyed
    // CHECK-FIXES: raii::retry_lock lock_m{m};
    failures += !heldElsewhere(m);
  }
  failures += heldElsewhere(m);
  return failures;
}
