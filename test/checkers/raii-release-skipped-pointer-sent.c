// A pointer sent whole down a pipe or socket by the C library (`write(fd,
// &p, sizeof p)`, `send`, `sendto`, `fwrite(&p, sizeof p, 1, f)`) goes to a
// thread of the process that reads it and owns what it points to
// (pdns-recursor's thread messages): maybe taken, as by a function the
// file cannot see (released where the call failed, no double release). A
// descriptor's bytes, or part of a pointer, are no hand-off.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release' %t -- -std=gnu11 -isystem %mock_include/libc

#include <stdlib.h>
#include <unistd.h>

struct msg {
  int kind;
};
extern int work_pipe;

int negativeSentToWorker(int kind) {
  struct msg *m = malloc(sizeof *m);
  if (!m)
    return -1;
  m->kind = kind;
  if (write(work_pipe, &m, sizeof m) != sizeof m) {
    free(m);
    return -1;
  }
  return 0;
}

int positiveDescriptorNumber(const char *path) {
  int fd = open(path, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is never released [raii-release-skipped]
  if (fd < 0)
    return -1;
  if (write(work_pipe, &fd, sizeof fd) != sizeof fd)
    return -1;
  return 0;
}

int positiveHalfAPointer(int kind) {
  struct msg *m = malloc(sizeof *m);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'm' acquired by 'malloc' is never released [raii-release-skipped]
  if (!m)
    return -1;
  m->kind = kind;
  if (write(work_pipe, &m, 4) != 4)
    return -1;
  return 0;
}
