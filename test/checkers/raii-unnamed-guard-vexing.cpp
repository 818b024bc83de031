// RUN: %check_raii --compile-fixed %s raii-unnamed-guard %t -- -std=c++17 -Wno-vexing-parse -isystem %mock_include
// std::scoped_lock(m) (class template argument deduction) is in
// raii-unnamed-guard-vexing-ctad.cpp: not every supported clang accepts it.

#include <mutex>
#include <shared_mutex>

std::mutex m;
std::shared_mutex sm;
void work();

// ---- positive: the parentheses declare a new guard named like the mutex ---

void positiveUniqueLock() {
  std::unique_lock<std::mutex>(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this declares a new variable 'm' of type 'std::unique_lock<std::mutex>' that hides the outer 'm' and locks nothing; name the guard and pass 'm' to it [raii-unnamed-guard]
  // CHECK-FIXES: std::unique_lock<std::mutex> lock_m(m);
  work();
}

void positiveSharedLock() {
  std::shared_lock<std::shared_mutex>(sm);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this declares a new variable 'sm' of type 'std::shared_lock<std::shared_mutex>' that hides the outer 'sm'
  // CHECK-FIXES: std::shared_lock<std::shared_mutex> lock_sm(sm);
  work();
}

void positiveSpaceBeforeParen(std::mutex &param) {
  if (true) {
    std::unique_lock<std::mutex> (param);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: this declares a new variable 'param' of type 'std::unique_lock<std::mutex>' that hides the outer 'param'
    // CHECK-FIXES: std::unique_lock<std::mutex> lock_param(param);
  }
}

void positiveLocal() {
  std::mutex local;
  {
    std::unique_lock<std::mutex>(local);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: this declares a new variable 'local' of type 'std::unique_lock<std::mutex>' that hides the outer 'local'
    // CHECK-FIXES: std::unique_lock<std::mutex> lock_local(local);
    work();
  }
}

struct Queue {
  std::mutex mu;
  int size = 0;
  void push() {
    std::unique_lock<std::mutex>(mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: this declares a new variable 'mu' of type 'std::unique_lock<std::mutex>' that hides the outer 'mu'
    // CHECK-FIXES: std::unique_lock<std::mutex> lock_mu(mu);
    ++size;
  }
};

// ---- positive, fix withheld -----------------------------------------------

void positiveNameUsedLater() {
  std::unique_lock<std::mutex>(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this declares a new variable 'm' of type 'std::unique_lock<std::mutex>' that hides the outer 'm'
  m.unlock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: no fix offered: this use refers to the new variable; after naming the guard it would refer to the outer one
}

void positiveLockedAgain() {
  std::unique_lock<std::mutex>(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this declares a new variable 'm' of type 'std::unique_lock<std::mutex>' that hides the outer 'm'
  ::m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: no fix offered: a named guard would still hold the lock here, where it is locked again
}

std::mutex *pm;
void positivePointer() {
  std::unique_lock<std::mutex>(pm);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this declares a new variable 'pm' of type 'std::unique_lock<std::mutex>' that hides the outer 'pm'
}

#define VEXING(mx) std::unique_lock<std::mutex>(mx)
void positiveMacro() {
  VEXING(m);
}

// ---- negative -------------------------------------------------------------

void negativeNamedGuard() { std::unique_lock<std::mutex> lock(m); }

void negativeNoOuterName() {
  // Declares a deferred guard named `fresh`; nothing is hidden.
  std::unique_lock<std::mutex>(fresh);
  (void)fresh;
}

int counter;
void negativeShadowsNonLockable() {
  // Hides an int, not a mutex: odd but not a lost lock.
  std::unique_lock<std::mutex>(counter);
}

void negativeUnparenthesized() {
  std::unique_lock<std::mutex> m;
  (void)m;
}

template <class M> void negativeTemplateInstantiation(M &mx) {
  std::unique_lock<M> lock(mx);
}
template void negativeTemplateInstantiation(std::mutex &);
