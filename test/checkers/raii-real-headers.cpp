// The checks on real libstdc++ and glibc headers (no mocks).
// Functions declared without a body may throw here, as they do in a project
// that throws somewhere (the file has no throw or try of its own).
// RUN: %check_raii --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' %s 'raii-release-skipped,raii-use-guard,raii-double-release,raii-mismatched-release,raii-reacquire' %t -- -std=c++20

#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <mutex>
#include <pthread.h>
#include <semaphore>
#include <shared_mutex>
#include <thread>
#include <unistd.h>

std::mutex m;
std::timed_mutex tm;
std::recursive_mutex rm;
std::shared_mutex sm;
std::counting_semaphore<4> sem(4);
pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
void work();
bool ok() noexcept;

void stdMutexException() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'work' throws an exception
  m.unlock();
}

void sharedPair() {
  sm.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sm' is acquired by 'lock_shared' and released by hand; hold it in 'std::shared_lock' instead [raii-use-guard]
  (void)ok();
  sm.unlock_shared();
}

bool timedTry() {
  if (!tm.try_lock_for(std::chrono::milliseconds(5)))
    return false;
  tm.unlock();
  return true;
}

void semaphoreSkipped() {
  sem.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sem' acquired by 'acquire' is not released on every path; hold it in a scope guard to release it automatically [raii-release-skipped]
  if (!ok())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'sem' is skipped by this return
  sem.release();
}

// A recursive mutex taken again under its guard: one level deeper, released
// by hand, no reacquire and no double release.
void recursiveOk() {
  std::lock_guard<std::recursive_mutex> g(rm);
  rm.lock();
  rm.unlock();
}

void guardThenLock() {
  std::scoped_lock g(m);
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'm' is held by guard 'g' since here
  m.unlock();
}

int glibcFile(const char *path) {
  FILE *f = std::fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path
  if (f == nullptr)
    return -1;
  if (std::fgetc(f) == EOF)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  std::fclose(f);
  return 0;
}

int glibcFdCorrect(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  char c;
  ssize_t n = read(fd, &c, 1); // glibc's read is not __THROW: C linkage
  if (n < 0) {
    close(fd);
    return -2;
  }
  close(fd);
  return static_cast<int>(n);
  // CHECK-MESSAGES: :[[@LINE-11]]:12: warning: 'fd' is acquired by 'open' and released by hand; hold it in a scope guard instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-12]]:12: note: no automatic fix: 'raii::unique_fd' needs the raii runtime, and <raii/handles.hpp> is not on the include path
}

void glibcDoubleFree() {
  char *p = static_cast<char *>(std::malloc(4));
  std::free(p);
  std::free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'p' was first released here
}

void dirLeak(const char *p) {
  DIR *d = opendir(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'd' acquired by 'opendir' is never released [raii-release-skipped]
  if (d)
    readdir(d);
}

void pthreadCorrect() {
  pthread_mutex_lock(&pm);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pm' is acquired by 'pthread_mutex_lock' and released by hand; hold it in a scope guard instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: no standard guard calls 'pthread_mutex_unlock'; RaiiGuardStyle 'raii' rewrites it into a runtime guard
  (void)ok();
  pthread_mutex_unlock(&pm);
}

void mismatchedArray() {
  int *a = new int[3];
  delete a;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'a' acquired by 'new[]' is released by 'delete'; release it with 'delete[]' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'a' acquired here
}

void uniqueLockNegative() {
  std::unique_lock<std::mutex> lk(m);
  lk.unlock();
  work();
}

// The rewrites into guards (fixed lines, then deleted lines, in order):
// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::shared_lock lock_sm(sm);
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &std::fclose);
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: sm.unlock_shared();
// CHECK-DELETED: std::fclose(f);

// A semaphore acquired and released by nothing in the function, which a
// thread it starts releases: a completion signal taken, no leak.
int negativeCompletionSemaphore() {
  std::binary_semaphore done(0);
  std::thread t([&] { done.release(); });
  done.acquire();
  t.join();
  return 0;
}

// Twin: no one else can release a semaphore the function keeps to itself.
int positiveUnsharedSemaphore() {
  std::binary_semaphore alone(0);
  alone.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'alone' acquired by 'acquire' is never released [raii-release-skipped]
  return 0;
}
