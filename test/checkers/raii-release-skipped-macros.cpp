// Acquisitions written through macros: the handle is named as written in the
// macro argument, and the warning points into the expansion.
// RUN: %check_raii --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' %s raii-release-skipped %t -- -std=c++17 -isystem %mock_include

#include <mutex>

std::mutex m;
void work();

#define LOCKED(mx) (mx).lock()
#define WITH_LOCK(mx, body) do { (mx).lock(); body; (mx).unlock(); } while (0)

int positiveMacroArgument(bool b) {
  LOCKED(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :10:20: note: expanded from macro 'LOCKED'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: no automatic fix: the lock is written in a macro
  if (b)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm' is skipped by this return
  m.unlock();
  return 0;
}

void positiveMacroBody() {
  WITH_LOCK(m, work());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :11:34: note: expanded from macro 'WITH_LOCK'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: no automatic fix: the lock is written in a macro
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: release of 'm' is skipped when 'work' throws an exception
}

struct Counter {
  std::mutex mu_;
  int n = 0;
  void negativeMacroPair() {
    WITH_LOCK(mu_, ++n);
  }
};
