// Qt's QMutex in RaiiGuardStyle raii: its family's guard is QMutexLocker,
// which takes the mutex by pointer (Qt 5 declares QMutexLocker(QBasicMutex
// *), a base of QMutex) and can unlock early. A manual pair becomes
// `QMutexLocker lock_m(&m);`, a release followed by more code
// `lock_m.unlock()`. The program drives every path against the real
// QtCore: before the fix the leaking paths leave two mutexes held (ORIG),
// after it none, and each is held exactly where it was (another thread
// probes it; a failure to start it terminates).
// RUN: %check_raii --run-fixed --link=-lQt5Core --link=-pthread --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s 'raii-use-guard,raii-release-skipped' %t -- -std=c++17 -fPIC -pthread -I/usr/include/x86_64-linux-gnu/qt5
// RUN: %clangxx -std=c++17 -fPIC -pthread -I/usr/include/x86_64-linux-gnu/qt5 %s -lQt5Core -o %t.orig
// RUN: not %t.orig | FileCheck %s --check-prefix=ORIG
// ORIG: leaked: 2
// In the default style the standard guard holds a QMutex:
// RUN: %check_raii --prefix STD --compile-fixed %s 'raii-use-guard,raii-release-skipped' %t.std -- -std=c++17 -fPIC -I/usr/include/x86_64-linux-gnu/qt5

#include <QtCore/QMutex>
#include <cstdio>
#include <thread>
// STD-FIXES: #include <mutex>

QMutex m1, m2, m3;
int counter, failures;

bool held(QMutex &m) noexcept {
  bool busy = false;
  std::thread t([&] {
    if (m.tryLock())
      m.unlock();
    else
      busy = true;
  });
  t.join();
  return busy;
}
void expect(bool got, bool want) noexcept { failures += got != want; }

void pair() {
  m1.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm1' is acquired by 'lock' and released by hand; hold it in 'QMutexLocker' instead [raii-use-guard]
  // CHECK-FIXES: QMutexLocker lock_m1(&m1);
  // STD-MESSAGES: :[[@LINE-3]]:3: warning: 'm1' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // STD-FIXES: std::lock_guard lock_m1(m1);
  expect(held(m1), true);
  ++counter;
  m1.unlock();
  // CHECK-DELETED: m1.unlock();
  // STD-DELETED: m1.unlock();
}

int leak(bool bail) {
  m2.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm2' acquired by 'lock' is not released on every path; hold it in 'QMutexLocker' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+6]]:5: note: release of 'm2' is skipped by this return
  // CHECK-FIXES: QMutexLocker lock_m2(&m2);
  // STD-MESSAGES: :[[@LINE-4]]:3: warning: 'm2' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // STD-MESSAGES: :[[@LINE+3]]:5: note: release of 'm2' is skipped by this return
  // STD-FIXES: std::lock_guard lock_m2(m2);
  if (bail)
    return -1;
  ++counter;
  m2.unlock();
  // CHECK-DELETED: m2.unlock();
  // STD-DELETED: m2.unlock();
  return 0;
}

int early(bool bail) {
  m3.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm3' acquired by 'lock' is not released on every path; hold it in 'QMutexLocker' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+6]]:5: note: release of 'm3' is skipped by this return
  // CHECK-FIXES: QMutexLocker lock_m3(&m3);
  // STD-MESSAGES: :[[@LINE-4]]:3: warning: 'm3' acquired by 'lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
  // STD-MESSAGES: :[[@LINE+3]]:5: note: release of 'm3' is skipped by this return
  // STD-FIXES: std::unique_lock lock_m3(m3);
  if (bail)
    return -1;
  m3.unlock();
  // CHECK-FIXES: lock_m3.unlock();
  // STD-FIXES: lock_m3.unlock();
  expect(held(m3), false); // the rest runs unlocked, as before
  return ++counter;
}

int main() {
  pair();
  leak(false);
  leak(true); // leaks m2 before the fix
  int leaked = held(m2);
  if (leaked)
    m2.unlock();
  early(false);
  early(true); // leaks m3 before the fix
  leaked += held(m3);
  if (held(m3))
    m3.unlock();
  leaked += held(m1);
  std::printf("leaked: %d\n", leaked);
  if (counter != 1 + 1 + 1)
    ++failures;
  return failures + leaked;
}
