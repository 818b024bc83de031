// RUN: %check_raii --compile-fixed %s raii-unnamed-guard %t -- -std=c++17 -isystem %mock_include

#include <mutex>
#include <shared_mutex>
#include <raii/scope_exit.hpp>

std::mutex m;
std::mutex other;
std::shared_mutex sm;
std::recursive_mutex rm;
void work();

// ---- positive: temporaries destroyed at once ------------------------------

void positiveBraced() {
  std::lock_guard<std::mutex>{m};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' temporary is destroyed at the end of the statement and guards nothing; give it a name to hold it until the end of the scope [raii-unnamed-guard]
  // CHECK-FIXES: std::lock_guard<std::mutex> lock_m{m};
  work();
}

void positiveTryToLock() {
  std::unique_lock<std::mutex>(m, std::try_to_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' temporary is destroyed
  // CHECK-FIXES: std::unique_lock<std::mutex> lock_m(m, std::try_to_lock);
  work();
}

void positiveScopedLockCTAD() {
  std::scoped_lock{m, other};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::scoped_lock' temporary is destroyed
  // CHECK-FIXES: std::scoped_lock lock_m_other{m, other};
  work();
}

void positiveSharedLock() {
  std::shared_lock<std::shared_mutex>{sm};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::shared_lock<std::shared_mutex>' temporary is destroyed
  // CHECK-FIXES: std::shared_lock<std::shared_mutex> lock_sm{sm};
  work();
}

void positiveScopeExit(int &counter) {
  raii::scope_exit([&] { ++counter; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'raii::scope_exit' temporary is destroyed
  // CHECK-FIXES: raii::scope_exit guard([&] { ++counter; });
  work();
}

void positiveNameTaken() {
  int lock_m = 0;
  (void)lock_m;
  std::lock_guard<std::mutex>{m};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
  // CHECK-FIXES: std::lock_guard<std::mutex> lock_m2{m};
}

struct Account {
  std::mutex mu_;
  std::mutex m_state;
  int balance = 0;
  void deposit(int n) {
    std::lock_guard<std::mutex>{mu_};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
    // CHECK-FIXES: std::lock_guard<std::mutex> lock_mu{mu_};
    balance += n;
  }
  void withdraw(int n) {
    std::lock_guard<std::mutex>{this->m_state};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
    // CHECK-FIXES: std::lock_guard<std::mutex> lock_state{this->m_state};
    balance -= n;
  }
};

void positiveRecursiveRelocked() {
  // Locking a recursive mutex again is fine, so the fix stays.
  std::lock_guard<std::recursive_mutex>{rm};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::recursive_mutex>' temporary is destroyed
  // CHECK-FIXES: std::lock_guard<std::recursive_mutex> lock_rm{rm};
  rm.lock();
  rm.unlock();
}

// ---- positive, fix withheld -----------------------------------------------

void positiveRelockedLater() {
  std::lock_guard<std::mutex>{m};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
  work();
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: no fix offered: a named guard would still hold the lock here, where it is locked again
  m.unlock();
}

void positiveGuardedAgainLater(bool b) {
  std::lock_guard<std::mutex>{m};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
  if (b) {
    std::unique_lock<std::mutex> again(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:34: note: no fix offered: a named guard would still hold the lock here, where it is locked again
  }
}

void positiveUnlockedLater() {
  std::unique_lock<std::mutex>(m, std::adopt_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::unique_lock<std::mutex>' temporary is destroyed
  m.unlock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: no fix offered: a named guard would still hold the lock here, where it is unlocked by hand
}

void positiveUnbracedBody(bool b) {
  if (b)
    std::lock_guard<std::mutex>{m};
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
}

#define LOCK_IT(mx) std::lock_guard<std::mutex>{mx}
void positiveMacro() {
  LOCK_IT(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
}

// ---- templates: the definition is checked once, instantiations are not ----

template <class M> void positiveTemplate(M &mx) {
  std::lock_guard<M>{mx};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<M>' temporary is destroyed
  // CHECK-FIXES: std::lock_guard<M> lock_mx{mx};
  work();
}
template void positiveTemplate<std::mutex>(std::mutex &);
template void positiveTemplate<std::recursive_mutex>(std::recursive_mutex &);

// ---- negative -------------------------------------------------------------

void negativeNamed() {
  std::lock_guard<std::mutex> held(m);
  std::scoped_lock both{m, other};
  raii::scope_exit on_exit([] {});
  work();
}

int negativeStatementExpression() {
  return ({ work(); std::unique_lock<std::mutex>(m, std::defer_lock); }).owns_lock();
}

void negativeBoundToReference() {
  const auto &ref = std::lock_guard<std::mutex>(m);
  (void)ref;
  auto &&rref = std::unique_lock<std::mutex>(m, std::defer_lock);
  (void)rref;
}

std::unique_lock<std::mutex> negativeReturned() {
  return std::unique_lock<std::mutex>(m);
}

void take(std::unique_lock<std::mutex> lock);
void negativeArgument() { take(std::unique_lock<std::mutex>(m)); }

struct Trivial {
  explicit Trivial(std::mutex &) {}
};
void negativeTrivialDestructor() { Trivial{m}; }

void negativeDefaultConstructed() { std::unique_lock<std::mutex>{}; }

#define NAMED_GUARD(mx) std::lock_guard<std::mutex> macro_guard(mx)
void negativeMacroNamed() { NAMED_GUARD(m); }

// ---- naming ---------------------------------------------------------------

void namingSiblingBlocks(bool b) {
  if (b) {
    std::lock_guard<std::mutex>{m};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
    // CHECK-FIXES: std::lock_guard<std::mutex> lock_m{m};
    work();
  } else {
    std::lock_guard<std::mutex>{m};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
    // CHECK-FIXES: std::lock_guard<std::mutex> lock_m{m};
    work();
  }
}

void namingNested() {
  int lock_other = 0;
  {
    std::lock_guard<std::mutex>{other};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
    // CHECK-FIXES: std::lock_guard<std::mutex> lock_other2{other};
    ++lock_other;
  }
}

std::mutex stats;
std::mutex sm2;
int lock_stats();
void namingHidesGlobalFunction() {
  std::lock_guard<std::mutex>{stats};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
  // CHECK-FIXES: std::lock_guard<std::mutex> lock_stats2{stats};
  work();
}

// ---- every statement position is seen -------------------------------------

auto namespaceScopeLambda = [] {
  std::lock_guard<std::mutex>{m};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
  // CHECK-FIXES: std::lock_guard<std::mutex> lock_m{m};
  work();
};

void positionsInsideFunction(int n) {
  auto inner = [] {
    std::lock_guard<std::mutex>{other};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
    // CHECK-FIXES: std::lock_guard<std::mutex> lock_other{other};
    work();
  };
  inner();
  switch (n) {
  case 1:
    // No fix: a declaration here would be jumped over by later case labels.
    std::lock_guard<std::mutex>{stats};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
    break;
  }
  do
    std::lock_guard<std::mutex>{m};
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
  while (--n > 0);
  int v = ({ std::lock_guard<std::mutex>{sm2}; n; });
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::lock_guard<std::mutex>' temporary is destroyed
  // CHECK-FIXES: int v = ({ std::lock_guard<std::mutex> lock_sm2{sm2}; n; });
  (void)v;
}
