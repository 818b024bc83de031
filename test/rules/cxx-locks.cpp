// The lock families of rules/qt.yaml, rules/boost-thread.yaml and
// rules/abseil.yaml on mock classes, with the guard each style names.
// Functions declared without a body may throw here, as they do in a project
// that throws somewhere (the file has no throw or try of its own).
// RUN: %check_raii --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' %s raii-release-skipped,raii-reacquire,raii-mismatched-release %t -- -std=c++17 -isystem %S/Inputs/api
// RUN: %check_raii --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' --prefix STD %s raii-use-guard %t.std -- -std=c++17 -isystem %S/Inputs/api
// RUN: %check_raii --prefix RAII --config="{CheckOptions: {RaiiUnseenCallsMayThrow: true, RaiiGuardStyle: raii}}" %s raii-use-guard %t.raii -- -std=c++17 -isystem %S/Inputs/api

#include <cxx_locks.h>

bool work();

QMutex qm;
QRecursiveMutex qrm;
QReadWriteLock qrw;
boost::mutex bm;
boost::recursive_mutex brm;
boost::shared_mutex bsm;
absl::Mutex am;

int positiveQMutex() {
  qm.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qm' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  if (work())
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: release of 'qm' is skipped when 'work' throws an exception
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 'qm' is skipped by this return
  qm.unlock();
  return 0;
}

void correctQMutex() noexcept {
  qm.lock();
  // STD-MESSAGES: :[[@LINE-1]]:3: warning: 'qm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // RAII-MESSAGES: :[[@LINE-2]]:3: warning: 'qm' is acquired by 'lock' and released by hand; hold it in 'QMutexLocker' instead [raii-use-guard]
  // RAII-FIXES: QMutexLocker lock_qm(&qm);
  work();
  qm.unlock();
  // RAII-DELETED: qm.unlock();
}

void negativeQMutexTry() noexcept {
  if (!qm.tryLock())
    return;
  qm.unlock();
}

void positiveQMutexTwice() noexcept {
  qm.lock();
  qm.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qm' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'qm' was first acquired here
  qm.unlock();
  qm.unlock();
}

// Recursive: no re-acquire, no double release; the outer pair is still a
// manual pair a guard would hold.
void negativeQRecursiveMutexTwice() noexcept {
  qrm.lock();
  // STD-MESSAGES: :[[@LINE-1]]:3: warning: 'qrm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // RAII-MESSAGES: :[[@LINE-2]]:3: warning: 'qrm' is acquired by 'lock' and released by hand; hold it in 'QMutexLocker' instead [raii-use-guard]
  // STD-MESSAGES: :[[@LINE-3]]:3: note: no automatic fix: 'qrm' is locked more than once in this function
  // RAII-MESSAGES: :[[@LINE-4]]:3: note: no automatic fix: 'qrm' is locked more than once in this function
  qrm.lock();
  qrm.unlock();
  qrm.unlock();
}

void negativeGuarded() {
  QMutexLocker<QMutex> locker(&qm);
  work();
}

int positiveReadWriteLock() {
  qrw.lockForRead();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qrw' acquired by 'lockForRead' is not released on every path; hold it in 'QReadLocker or QWriteLocker' to release it automatically [raii-release-skipped]
  if (work())
    return 1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: release of 'qrw' is skipped when 'work' throws an exception
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 'qrw' is skipped by this return
  qrw.unlock();
  return 0;
}

int positiveBoost() {
  bm.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'bm' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'bm' is skipped when 'work' throws an exception
  bm.unlock();
  return 0;
}

void correctBoostShared() noexcept {
  bsm.lock_shared();
  // STD-MESSAGES: :[[@LINE-1]]:3: warning: 'bsm' is acquired by 'lock_shared' and released by hand; hold it in 'std::shared_lock' instead [raii-use-guard]
  // RAII-MESSAGES: :[[@LINE-2]]:3: warning: 'bsm' is acquired by 'lock_shared' and released by hand; hold it in 'boost::shared_lock' instead [raii-use-guard]
  // (The stand-in header declares no boost::shared_lock.)
  // RAII-MESSAGES: :[[@LINE-4]]:3: note: no automatic fix: 'boost::shared_lock' is not declared in this translation unit with a constructor taking the lock
  work();
  bsm.unlock_shared();
}

void mismatchedBoostShared() noexcept {
  bsm.lock_shared();
  bsm.unlock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'bsm' acquired by 'lock_shared' is released by 'unlock'; release it with 'boost::shared_mutex::unlock_shared' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'bsm' acquired here
}

void negativeBoostRecursive() noexcept {
  brm.lock();
  // STD-MESSAGES: :[[@LINE-1]]:3: warning: 'brm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // RAII-MESSAGES: :[[@LINE-2]]:3: warning: 'brm' is acquired by 'lock' and released by hand; hold it in 'boost::lock_guard' instead [raii-use-guard]
  // STD-MESSAGES: :[[@LINE-3]]:3: note: no automatic fix: 'brm' is locked more than once in this function
  // RAII-MESSAGES: :[[@LINE-4]]:3: note: no automatic fix: 'brm' is locked more than once in this function
  brm.lock();
  brm.unlock();
  brm.unlock();
}

int positiveAbsl() {
  am.Lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'am' acquired by 'Lock' is not released on every path; hold it in 'absl::MutexLock' to release it automatically [raii-release-skipped]
  // (The stand-in header declares no absl::MutexLock.)
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: no automatic fix: 'absl::MutexLock' is not declared in this translation unit with a constructor taking the lock
  if (work())
    return 1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: release of 'am' is skipped when 'work' throws an exception
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 'am' is skipped by this return
  am.Unlock();
  return 0;
}

void correctAbslReader() noexcept {
  am.ReaderLock();
  // STD-MESSAGES: :[[@LINE-1]]:3: warning: 'am' is acquired by 'ReaderLock' and released by hand; hold it in 'absl::ReaderMutexLock' instead [raii-use-guard]
  // RAII-MESSAGES: :[[@LINE-2]]:3: warning: 'am' is acquired by 'ReaderLock' and released by hand; hold it in 'absl::ReaderMutexLock' instead [raii-use-guard]
  // STD-MESSAGES: :[[@LINE-3]]:3: note: no automatic fix: 'absl::ReaderMutexLock' is not declared in this translation unit with a constructor taking the lock
  // RAII-MESSAGES: :[[@LINE-4]]:3: note: no automatic fix: 'absl::ReaderMutexLock' is not declared in this translation unit with a constructor taking the lock
  work();
  am.ReaderUnlock();
}

void positiveAbslTwice() noexcept {
  am.Lock();
  am.Lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'am' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'am' was first acquired here
  am.Unlock();
  am.Unlock();
}

// The rewrites into guards (fixed lines, then deleted lines, in order):
// CHECK-FIXES: #include <mutex>
// CHECK-FIXES: std::lock_guard lock_qm(qm);
// CHECK-FIXES: std::lock_guard lock_bm(bm);
// CHECK-DELETED: qm.unlock();
// CHECK-DELETED: bm.unlock();

// STD-FIXES: #include <shared_mutex>
// STD-FIXES: #include <mutex>
// STD-FIXES: std::lock_guard lock_qm(qm);
// STD-FIXES: std::shared_lock lock_bsm(bsm);
// STD-DELETED: qm.unlock();
// STD-DELETED: bsm.unlock_shared();
