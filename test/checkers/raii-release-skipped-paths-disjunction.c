// Paths whose resource states agree but whose facts differ are merged, their
// facts intersected; where that leaves a finding, the function is solved
// again keeping them apart. `if (a && !b) .. else if (b) .. else open` opens
// only where `a` is false: the two ways into the `else if` (`a` false; `a`
// and `b` true) are one disjunction, and the test of `b` rules out the
// second. The twins leave a path that opens and does not close.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release' %t -- -std=c11 -isystem %mock_include/libc

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int work(int);

int shortCircuit(const char *name, int a, int b) {
  int fd;
  if (a && !b)
    fd = 3;
  else if (b)
    fd = 0;
  else {
    fd = open(name, O_RDONLY);
    if (fd == -1)
      return -1;
  }
  work(fd);
  if (!a)
    close(fd);
  return 0;
}

// Without the `else if (b)`, the open runs where `a` and `b` are both true
// too, and nothing closes it there.
int shortCircuitBothSet(const char *name, int a, int b) {
  int fd;
  if (a && !b)
    fd = 3;
  else {
    fd = open(name, O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
    if (fd == -1)
      return -1;
  }
  work(fd);
  if (!a)
    close(fd);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped by this return
}

// Either of two options asks for the buffer; it is freed under the test of
// both, spelled the other way round.
void eitherOption(int verbose, int trace, int n) {
  char *buf = 0;
  if (verbose)
    work(1);
  else if (trace)
    work(2);
  else
    return;
  buf = malloc(n);
  if (!buf)
    return;
  work(buf[0]);
  if (trace || verbose)
    free(buf);
}

void eitherOptionOneFreed(int verbose, int trace, int n) {
  char *buf = 0;
  if (verbose)
    work(1);
  else if (trace)
    work(2);
  else
    return;
  buf = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'buf' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!buf)
    return;
  work(buf[0]);
  if (trace)
    free(buf);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'buf' is skipped when the function ends here
