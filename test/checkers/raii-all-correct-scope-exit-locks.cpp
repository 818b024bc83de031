// A lock taken by a call and handed to a scope guard whose action releases
// it (what the raii::scope_exit fix writes) is correct RAII: every raii-*
// check at once, zero findings, also in callers (the guard takes the lock
// over, so the function is no acquire wrapper).
// RUN: %check_raii %s 'raii-release-skipped,raii-use-guard,raii-double-release,raii-mismatched-release,raii-reacquire,raii-unnamed-guard,raii-swallowed-exception,raii-exit-handler-throws,raii-manual-finally' %t -- -std=c++17 -isystem %raii_runtime_include

#include <pthread.h>
#include <raii/scope_exit.hpp>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int counter;
void work();

void guarded() {
  pthread_mutex_lock(&m);
  raii::scope_exit lock_m([&] { pthread_mutex_unlock(&m); });
  work();
}

void releasedEarly() {
  pthread_mutex_lock(&m);
  raii::scope_exit lock_m([&] { pthread_mutex_unlock(&m); });
  ++counter;
  pthread_mutex_unlock(&m);
  lock_m.release();
  work();
}

int earlyReturn(bool bail) {
  pthread_mutex_lock(&m);
  raii::scope_exit lock_m([&] { (void)pthread_mutex_unlock(&m); });
  if (bail)
    return -1;
  work();
  return 0;
}

struct Account {
  pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
  int balance = 0;
  void deposit(int n) {
    pthread_mutex_lock(&mu);
    raii::scope_exit lock_mu([&] { pthread_mutex_unlock(&mu); });
    balance += n;
  }
};

void callers(Account &a) {
  guarded();
  releasedEarly();
  (void)earlyReturn(true);
  a.deposit(1);
  pthread_mutex_lock(&m); // not held: guarded() released it
  raii::scope_exit lock_m([&] { pthread_mutex_unlock(&m); });
  a.deposit(2);
}
