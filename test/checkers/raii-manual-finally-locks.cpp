// The standard guard that adopts the lock, spelled for C++14 (no class
// template argument deduction) and chosen in either guard style; in
// RaiiGuardStyle 'raii' a lock the guard cannot adopt falls back to
// raii::scope_exit, which calls the unlock as the code does.
// RUN: %check_raii --compile-fixed %s raii-manual-finally %t -- -std=c++14
// RUN: %check_raii --prefix RAII --compile-fixed --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s raii-manual-finally %t.raii -- -std=c++17 -isystem %raii_runtime_include

#include <mutex>
#include <shared_mutex>
// RAII-FIXES: #include <raii/scope_exit.hpp>

std::mutex m;
std::shared_timed_mutex sm;
void work();

void positiveLock() {
  m.lock();
  try {
    work();
  } catch (...) {
    m.unlock();
    throw;
  }
  m.unlock();
}
// CHECK-MESSAGES: :[[@LINE-8]]:3: warning: hand-written finally: the cleanup in 'catch (...)' is repeated after the 'try'; declare a std::lock_guard before the body instead [raii-manual-finally]
// CHECK-FIXES: {
// CHECK-FIXES: std::lock_guard<std::mutex> lock_m(m, std::adopt_lock);
// RAII-MESSAGES: :[[@LINE-11]]:3: warning: hand-written finally: the cleanup in 'catch (...)' is repeated after the 'try'; declare a std::lock_guard before the body instead [raii-manual-finally]
// RAII-FIXES: {
// RAII-FIXES: std::lock_guard lock_m(m, std::adopt_lock);

void positiveSharedLock() {
  sm.lock_shared();
  try {
    work();
  } catch (...) {
    sm.unlock_shared();
    throw;
  }
  sm.unlock_shared();
}
// CHECK-MESSAGES: :[[@LINE-8]]:3: warning: hand-written finally: {{.*}} declare a std::shared_lock before the body instead
// CHECK-FIXES: {
// CHECK-FIXES: std::shared_lock<std::shared_timed_mutex> lock_sm(sm, std::adopt_lock);
// RAII-MESSAGES: :[[@LINE-11]]:3: warning: hand-written finally: {{.*}} declare a std::shared_lock before the body instead
// RAII-FIXES: {
// RAII-FIXES: std::shared_lock lock_sm(sm, std::adopt_lock);

void positiveNotAdjacent(int &n) {
  m.lock();
  ++n;
  try {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: hand-written finally: {{.*}} declare a std::lock_guard before the body instead
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix offered: 'm' is not locked right before the 'try', where 'std::lock_guard' would adopt the lock
  // RAII-MESSAGES: :[[@LINE-3]]:3: warning: hand-written finally: {{.*}} declare a raii::scope_exit before the body instead
    work();
  } catch (...) {
    m.unlock();
    throw;
  }
  m.unlock();
}
// RAII-FIXES: {
// RAII-FIXES: raii::scope_exit guard([&] { m.unlock(); });

// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: throw;
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: sm.unlock_shared();
// CHECK-DELETED: throw;
// CHECK-DELETED: sm.unlock_shared();
// RAII-DELETED: } catch (...) {
// RAII-DELETED: m.unlock();
// RAII-DELETED: throw;
// RAII-DELETED: m.unlock();
// RAII-DELETED: } catch (...) {
// RAII-DELETED: sm.unlock_shared();
// RAII-DELETED: throw;
// RAII-DELETED: sm.unlock_shared();
// RAII-DELETED: } catch (...) {
// RAII-DELETED: m.unlock();
// RAII-DELETED: throw;
// RAII-DELETED: m.unlock();
