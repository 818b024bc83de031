// `owner.reset(p)` hands p to the smart pointer, which releases it: before,
// a handle given to a std::unique_ptr with a custom deleter this way was
// "never released" (log4cplus socket-unix.cxx, twice).
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17
#include <cstdio>
#include <memory>
#include <netdb.h>

struct addrinfo_deleter {
  void operator()(addrinfo *a) const { freeaddrinfo(a); }
};

int lookup(const char *host, bool fail) {
  addrinfo *ai = nullptr;
  std::unique_ptr<addrinfo, addrinfo_deleter> holder;
  if (getaddrinfo(host, "80", nullptr, &ai) != 0)
    return -1;
  holder.reset(ai);
  if (fail)
    return -2;
  return 0;
}

void readFirst(const char *path) {
  std::unique_ptr<FILE, int (*)(FILE *)> f(nullptr, &fclose);
  FILE *raw = fopen(path, "r");
  if (!raw)
    return;
  f.reset(raw);
  std::fgetc(f.get());
}

int lookupLeaks(const char *host, bool fail) {
  addrinfo *ai = nullptr;
  if (getaddrinfo(host, "80", nullptr, &ai) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'ai' acquired by 'getaddrinfo' is not released on every path; hold it in 'std::unique_ptr<addrinfo, void (*)(addrinfo *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: no automatic fix: 'ai' is acquired through an out-parameter
  if (fail)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'ai' is skipped by this return
  freeaddrinfo(ai);
  return 0;
}
