// Regressions from running the checks on real code (bench/real-code/RESULTS.md,
// patterns FP1-FP5), on the real libstdc++ and glibc headers those projects
// use. Each false positive has a negative section; the true positives next to
// it must stay.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17

#include <cstdlib>
#include <fcntl.h>
#include <list>
#include <map>
#include <new>
#include <set>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

bool cond() noexcept;

// ---- FP2: member functions named like POSIX functions -----------------------

struct conn {
  int open();
  int accept();
  void close();
  void start() {
    const int rc = open();
    if (rc == 0)
      return;
  }
  void inEvent();
  int sock();
};

void conn::inEvent() {
  const int fd = accept();
  if (fd == -1)
    return;
}

namespace net {
int socket(int, int, int); // not ::socket
}

void negativeNamespaceFunction() {
  int s = net::socket(0, 0, 0);
  if (s < 0)
    return;
}

int conn::sock() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'socket' is never released [raii-release-skipped]
  if (fd < 0)
    return -1;
  close(); // conn::close, not ::close
  return 0;
}

