// The engine's precision on C++: parameters that borrow (`const T *`),
// exception edges decided by the one nothrow policy through visible bodies,
// members the translation unit cannot see, guard advice for a touch.
// RUN: %check_raii %s 'raii-release-skipped,raii-use-guard' %t -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct Str {
  Str(const char *s); // may throw (allocates)
  ~Str();
};
template <class T> struct Owner {
  explicit Owner(T *p); // takes ownership
  ~Owner();
};
struct Regexp {
  void Decref(); // defined in another file: may delete this
  int n = 0;
};
void use(char *b);
void show(const char *b); // defined in another file; may throw
void quiet() noexcept;

// ---- positive ---------------------------------------------------------------

void positiveConstParameterBorrows(const char *src) {
  char *buf = strdup(src);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'strdup' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: no automatic fix: 'buf' is passed to the constructor of 'Str', which may keep it
  Str s(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'buf' is skipped when the constructor of 'Str' throws an exception
  free(buf);
}

void positiveUseThenFree(const char *src) {
  char *buf = strdup(src);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'strdup' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: no automatic fix: 'buf' is passed to 'use', which may keep it
  use(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'buf' is skipped when 'use' throws an exception
  free(buf);
}

// A `const char *` parameter only views the block, as the analysis reads
// it: the guard may release it where the original leaked (ccache's
// `write_fd(fd, buf, n)`).
void positiveShownThenFree(const char *src) {
  char *buf = strdup(src);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'strdup' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-FIXES: {{^}}  std::unique_ptr<char, void (*)(void *)> free_buf(buf, &free);{{$}}
  show(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'buf' is skipped when 'show' throws an exception
  free(buf);
  // CHECK-DELETED: free(buf);
}

// A `const char *` parameter that a body of the file stores where it
// outlives the call keeps the block: the guard would free it under the
// global, so no fix.
static const char *g_shown;
static void remember(const char *b) { g_shown = b; }

void positiveRememberedThenFree(const char *src) {
  char *buf = strdup(src);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'strdup' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: no automatic fix: 'buf' is passed to 'remember', which may keep it
  remember(buf);
  show(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'buf' is skipped when 'show' throws an exception
  free(buf);
}

// ---- negative ---------------------------------------------------------------

static void log_line(const char *m) { printf("%s\n", m); }

void negativeCStyleHelperCannotThrow(const char *p, int n) {
  FILE *f = fopen(p, "r");
  if (!f)
    return;
  // CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
  log_line("opened");
  if (n < 0) {
    fclose(f);
    // CHECK-DELETED: fclose(f);
    return;
  }
  fclose(f);
  // CHECK-DELETED: fclose(f);
}
// CHECK-MESSAGES: :[[@LINE-13]]:13: warning: 'f' is acquired by 'fopen' and released by hand; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' instead [raii-use-guard]

void negativeOwnerTakesIt() {
  int *p = new int(1);
  Owner<int> o(p);
  quiet();
}

bool negativeMemberReleasesItself(int n) {
  Regexp *re = new Regexp;
  re->n = n;
  if (n < 0) {
    re->Decref();
    return false;
  }
  re->Decref();
  return true;
}

bool negativeExistenceCheck(const char *name) {
  FILE *f = fopen(name, "rb");
  if (f) {
    fclose(f);
    return true;
  }
  return false;
}

struct File {
  explicit File(FILE *f); // keeps f
  ~File();
};
struct Logger {
  explicit Logger(FILE *f);
};
struct View {
  View(const char *d, size_t n);
  const char *d;
};

void negativeLocalObjectMayTakeIt(const char *p) {
  FILE *f = fopen(p, "r");
  if (!f)
    return;
  File owner(f);
  quiet();
}

Logger *negativeNewObjectTakesIt(const char *p) {
  FILE *f = fopen(p, "w");
  if (!f)
    return nullptr;
  return new Logger(f);
}

void negativeViewStoredInOutParameter(View *out, size_t n) {
  char *buf = new char[n];
  *out = View(buf, n);
}

// A lock class of the project with its own spelling: its members are lock
// wrappers, but no standard guard fits it.
// CHECK-FIXES: #include <memory>
#include <mutex>
class PortMutex {
public:
  void Lock() { mu_.lock(); }
  void Unlock() { mu_.unlock(); }

private:
  std::mutex mu_;
};
PortMutex pm;
void negativeProjectLockClassNoStdGuard() {
  pm.Lock();
  quiet();
  pm.Unlock();
}
int positiveProjectLockClassSkipped(int e) {
  pm.Lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pm' acquired by 'Lock' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-15]]:17: note: 'Lock' acquires the resource here
  if (e)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'pm' is skipped by this return
  pm.Unlock();
  return 0;
}

// A field's address given to a function of this file fills the field; the
// block is not handed to it, so an exception from it leaks the block.
struct Names {
  char *first = nullptr;
  bool exact = false;
};
static void fill(const char *from, char **dst) {
  *dst = strdup(from); // may be replaced by a throwing allocation
  if (!*dst)
    throw 1;
}
Names *concat(const char *a) {
  Names *ab = new Names();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'ab' acquired by 'new' leaks when an exception is thrown before it is handed off [raii-release-skipped]
  fill(a, &ab->first);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'ab' is skipped when 'fill' throws an exception
  ab->exact = true;
  return ab;
}

// A release in the handler of the taking call's own exception is one where
// the call failed to take the object (inspircd's DNS::Manager::Process,
// which keeps the request or throws).
struct DnsException {};
struct DnsRequest {
  virtual ~DnsRequest();
};
struct DnsManager {
  virtual void process(DnsRequest *req) = 0;
};
void negativeDeletedWhereTakerThrew(DnsManager *mgr) {
  DnsRequest *req = new DnsRequest;
  try {
    mgr->process(req);
  } catch (DnsException &) {
    delete req;
  }
}

// Released after the call returned as well, it only borrowed the object.
void positiveDeletedAfterBothOutcomes(DnsManager *mgr, bool done) {
  DnsRequest *req = new DnsRequest;
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'req' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<DnsRequest>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: no automatic fix: 'req' is passed to 'process', which may keep it
  try {
    mgr->process(req);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'req' is skipped when 'process' throws an exception
  } catch (DnsException &) {
    delete req;
    return;
  }
  if (done)
    delete req;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'req' is skipped when the function ends here

// Named again after the `try`, the object was not the call's to keep: a
// check that throws where it fails only borrowed it.
struct DnsValidator {
  virtual void check(DnsRequest *req) = 0;
};
void send_request(DnsRequest *req);
void positiveCheckedThenUsed(DnsValidator *v) {
  DnsRequest *req = new DnsRequest;
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'req' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<DnsRequest>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: no automatic fix: 'req' is handed off on some path
  try {
    v->check(req);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'req' is skipped when 'check' throws an exception
  } catch (DnsException &) {
    delete req;
    return;
  }
  send_request(req);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'req' is skipped when 'send_request' throws an exception
}
