// May a function with no body in the translation unit throw? With
// RaiiUnseenCallsMayThrow `auto` (the default) one of the project's (declared
// outside system headers) may only if the project's own code, outside system
// headers, has a throw or a try; a library's may. `true` and `false` decide
// for every such function. A header's function that throws is evidence
// where the unit refers to it; a try is where its block calls one of the
// project's functions; a throw of std::bad_alloc (an allocator's) is not,
// unless RaiiAllocationMayThrow says allocation throws.
// Real <mutex>.
// RUN: %check_raii %s 'raii-release-skipped,raii-use-guard' %t -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys
// RUN: %check_raii --prefix=THROWS %s 'raii-release-skipped,raii-use-guard' %t.throws -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys -DPROJECT_THROWS
// RUN: %check_raii %s 'raii-release-skipped,raii-use-guard' %t.unref -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys -DPROJECT_THROWS_UNREFERENCED
// RUN: %check_raii --prefix=THROWS %s 'raii-release-skipped,raii-use-guard' %t.virtual -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys -DPROJECT_THROWS_VIRTUAL
// RUN: %check_raii %s 'raii-release-skipped,raii-use-guard' %t.libcatch -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys -DLIBRARY_CATCHES
// RUN: %check_raii --prefix=THROWS %s 'raii-release-skipped,raii-use-guard' %t.cbcatch -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys -DCALLBACK_CATCHES
// RUN: %check_raii --prefix=THROWS %s 'raii-release-skipped,raii-use-guard' %t.catches -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys -DPROJECT_CATCHES
// RUN: %check_raii %s 'raii-release-skipped,raii-use-guard' %t.net -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys -DPROJECT_SAFETY_NET
// RUN: %check_raii --prefix=THROWS %s 'raii-release-skipped,raii-use-guard' %t.netcall -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys -DPROJECT_NET_AROUND_CALL
// RUN: %check_raii %s 'raii-release-skipped,raii-use-guard' %t.oom -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys -DPROJECT_OUT_OF_MEMORY
// RUN: %check_raii --prefix=THROWS --config='{CheckOptions: {RaiiAllocationMayThrow: true}}' %s 'raii-release-skipped,raii-use-guard' %t.oomthrows -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys -DPROJECT_OUT_OF_MEMORY
// RUN: %check_raii --prefix=THROWS --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' %s 'raii-release-skipped,raii-use-guard' %t.true -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys
// RUN: %check_raii --prefix=NEVER --config='{CheckOptions: {RaiiUnseenCallsMayThrow: false}}' %s 'raii-release-skipped,raii-use-guard' %t.false -- -std=c++17 -I %S/Inputs/unseen -isystem %S/Inputs/unseen-sys -DPROJECT_THROWS

#include <library_api.h>
#include <exception>
#include <mutex>
#include <new>
#include <project_api.h>

std::mutex m;

#ifdef PROJECT_THROWS
// The unit calls the header's function that throws: it takes part in the
// project's exceptions. (Where it never refers to it, that function is the
// project's other code, as a function of another file is.)
void checked(bool ok) { project_check(ok); }
#endif

#ifdef CALLBACK_CATCHES
// A try around a callback expects what the project's code behind it
// throws.
int callbackGuarded(void (*cb)()) {
  try {
    cb();
    return 0;
  } catch (const std::exception &) {
    return 1;
  }
}
#endif

#ifdef PROJECT_CATCHES
// The project catches around a call of its own: it uses exceptions even
// where it throws none.
void guarded() {
  try {
    project_step();
  } catch (...) {
  }
}
#endif

#ifdef LIBRARY_CATCHES
// A try around the library's calls alone expects the library's exceptions
// (powertop's stream operations under `catch (const std::exception &)`):
// no evidence.
int libraryGuarded() {
  try {
    library_step();
    return 0;
  } catch (const std::exception &) {
    return 1;
  } catch (...) {
    return 2;
  }
}
#endif

#ifdef PROJECT_NET_AROUND_CALL
// The same net around a call of the project's own expects that call to
// throw.
int runStep() {
  try {
    project_step();
    return 0;
  } catch (const std::bad_alloc &) {
    return 1;
  } catch (...) {
    return 2;
  }
}
#endif

#ifdef PROJECT_OUT_OF_MEMORY
// The project's own allocators throw std::bad_alloc (a replacement
// operator new, tcmalloc's; a shared-memory pool, jackd2's): allocation
// fails by exception, which says nothing of its other functions. No
// evidence.
#include <cstdlib>
void *operator new(std::size_t n) {
  if (void *p = std::malloc(n))
    return p;
  throw std::bad_alloc();
}
void *poolAlloc(std::size_t n, bool full) {
  if (full)
    throw std::bad_array_new_length();
  return std::malloc(n);
}
// tcmalloc's retry through the new handler: what it rethrows is a
// bad_alloc too.
void *retryAlloc(std::size_t n, std::new_handler nh, bool nothrow) {
  try {
    nh();
  } catch (const std::bad_alloc &) {
    if (!nothrow)
      throw;
    return nullptr;
  }
  return std::malloc(n);
}
#endif

#ifdef PROJECT_SAFETY_NET
// A safety net around a whole program (nghttp2's run_app) expects the
// allocator's and the library's exceptions, not the project's: no
// evidence.
int runGuarded() {
  try {
    library_step();
    return 0;
  } catch (const std::bad_alloc &) {
    return 1;
  } catch (const std::exception &) {
    return 2;
  } catch (...) {
    return 3;
  }
}
#endif

void projectCall() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // THROWS-MESSAGES: :[[@LINE-2]]:3: warning: 'm' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // NEVER-MESSAGES: :[[@LINE-3]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  project_step();
  // THROWS-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'project_step' throws an exception
  m.unlock();
}

void virtualCall(Stage &s, int n) {
  int *p = new int(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'p' is acquired by 'new' and released by hand; hold it in 'std::unique_ptr<int>' instead [raii-use-guard]
  // THROWS-MESSAGES: :[[@LINE-2]]:12: warning: 'p' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<int>' to release it automatically [raii-release-skipped]
  // NEVER-MESSAGES: :[[@LINE-3]]:12: warning: 'p' is acquired by 'new' and released by hand; hold it in 'std::unique_ptr<int>' instead [raii-use-guard]
  if (n < 0) {
    delete p;
    return;
  }
  s.run();
  // THROWS-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'run' throws an exception
  delete p;
}

void pointerCall(void (*step)()) {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // THROWS-MESSAGES: :[[@LINE-2]]:3: warning: 'm' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // NEVER-MESSAGES: :[[@LINE-3]]:3: warning: 'm' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  step();
  // THROWS-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when the call throws an exception
  // NEVER-MESSAGES: :[[@LINE-2]]:3: note: release of 'm' is skipped when the call throws an exception
  m.unlock();
}

void noexceptPointerCall(void (*step)() noexcept) {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // THROWS-MESSAGES: :[[@LINE-2]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // NEVER-MESSAGES: :[[@LINE-3]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  step();
  m.unlock();
}

void libraryCall() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // THROWS-MESSAGES: :[[@LINE-2]]:3: warning: 'm' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // NEVER-MESSAGES: :[[@LINE-3]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  library_step();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'library_step' throws an exception
  // THROWS-MESSAGES: :[[@LINE-2]]:3: note: release of 'm' is skipped when 'library_step' throws an exception
  m.unlock();
}

// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::unique_ptr<int> delete_p(p);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: delete p;
// CHECK-DELETED: delete p;
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: m.unlock();

// THROWS-FIXES: #include <memory>
// THROWS-FIXES: std::lock_guard lock_m(m);
// THROWS-FIXES: std::unique_ptr<int> delete_p(p);
// THROWS-FIXES: std::lock_guard lock_m(m);
// THROWS-FIXES: std::lock_guard lock_m(m);
// THROWS-FIXES: std::lock_guard lock_m(m);
// THROWS-DELETED: m.unlock();
// THROWS-DELETED: delete p;
// THROWS-DELETED: delete p;
// THROWS-DELETED: m.unlock();
// THROWS-DELETED: m.unlock();
// THROWS-DELETED: m.unlock();

// NEVER-FIXES: #include <memory>
// NEVER-FIXES: std::lock_guard lock_m(m);
// NEVER-FIXES: std::unique_ptr<int> delete_p(p);
// NEVER-FIXES: std::lock_guard lock_m(m);
// NEVER-FIXES: std::lock_guard lock_m(m);
// NEVER-FIXES: std::lock_guard lock_m(m);
// NEVER-DELETED: m.unlock();
// NEVER-DELETED: delete p;
// NEVER-DELETED: delete p;
// NEVER-DELETED: m.unlock();
// NEVER-DELETED: m.unlock();
// NEVER-DELETED: m.unlock();
