// RUN: %check_raii %s raii-reacquire %t -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc

#include <mutex>
#include <pthread.h>

std::mutex m;
std::recursive_mutex rm;
pthread_mutex_t pm;
void quiet() noexcept;
bool cond() noexcept;

void positiveTwice() {
  m.lock();
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'm' was first acquired here
  m.unlock();
}

void positiveUnderGuard() {
  std::lock_guard<std::mutex> g(m);
  if (cond()) {
    m.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' is acquired again while this function already holds it
    // CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'm' is held by guard 'g' since here
    m.unlock();
  }
}

void positivePthread() {
  pthread_mutex_lock(&pm);
  quiet();
  pthread_mutex_lock(&pm);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pm' is acquired again while this function already holds it
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'pm' was first acquired here
  pthread_mutex_unlock(&pm);
}

// ---- negative ---------------------------------------------------------------

void negativeRecursive() {
  rm.lock();
  rm.lock();
  rm.unlock();
  rm.unlock();
}

void negativeReleasedBetween() {
  m.lock();
  m.unlock();
  m.lock();
  m.unlock();
}

void negativeGuardEnded() {
  {
    std::lock_guard<std::mutex> g(m);
  }
  m.lock();
  m.unlock();
}

void negativeUniqueLockUnlocked() {
  std::unique_lock<std::mutex> lk(m);
  lk.unlock();
  m.lock();
  m.unlock();
}

void negativeMaybeHeld() {
  if (cond())
    m.lock();
  if (!cond())
    m.lock();
}

void negativeTryLock() {
  m.lock();
  if (m.try_lock())
    m.unlock();
  m.unlock();
}
