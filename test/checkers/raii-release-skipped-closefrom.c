// closefrom(n) and close_range(n, ~0U, 0) close every descriptor from n
// on: from the first after the standard streams (3, STDERR_FILENO + 1)
// on, every descriptor the function opened. A fork child closing the
// descriptors it does not need so, then calling an exec wrapper of
// another file, leaks nothing (opensmtpd's forkmda). From an unknown
// number, marking them close-on-exec only, or where the result is tested
// (a close_range that failed, ENOSYS on an old kernel, closed nothing and
// the fallback closes by hand), nothing is closed.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release' %t -- -std=gnu11 -isystem %mock_include/libc

#include <unistd.h>

#define CLOSE_RANGE_CLOEXEC (1U << 2)

void send_fd(int fd);
void run_delivery(const char *user);

int negativeChildClosesFrom(const char *user) {
  int pipefd[2];
  if (pipe(pipefd) == -1)
    return -1;
  int pid = fork();
  if (pid == -1) {
    close(pipefd[0]);
    close(pipefd[1]);
    return -1;
  }
  if (pid > 0) {
    close(pipefd[0]);
    send_fd(pipefd[1]);
    return 0;
  }
  if (dup2(pipefd[0], STDIN_FILENO) == -1)
    _exit(1);
  closefrom(STDERR_FILENO + 1);
  run_delivery(user);
  return 0;
}

int negativeCloseRange(const char *path) {
  int fd = open(path, 0);
  if (fd < 0)
    return -1;
  if (dup2(fd, STDIN_FILENO) == -1)
    _exit(1);
  close_range(3, ~0U, 0);
  run_delivery(path);
  return 0;
}

int positiveClosesFromUnknown(const char *path, int lowfd) {
  int fd = open(path, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is never released [raii-release-skipped]
  if (fd < 0)
    return -1;
  dup2(fd, STDIN_FILENO);
  closefrom(lowfd);
  run_delivery(path);
  return 0;
}

int positiveMarksCloseOnExec(const char *path) {
  int fd = open(path, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is never released [raii-release-skipped]
  if (fd < 0)
    return -1;
  dup2(fd, STDIN_FILENO);
  close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
  run_delivery(path);
  return 0;
}

// Closed twice: by closefrom, then by hand.
int positiveClosedAgain(const char *path) {
  int fd = open(path, 0);
  if (fd < 0)
    return -1;
  dup2(fd, STDIN_FILENO);
  closefrom(3);
  close(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' is released by 'close' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'fd' was first released here
  return 0;
}

// The fallback where close_range failed: no double release; where it
// succeeded nothing is held.
void run(void);
void negativeCloseRangeFallback(const char *path) {
  int fd = open(path, 0);
  if (fd < 0)
    _exit(1);
  if (dup2(fd, STDIN_FILENO) == -1)
    _exit(1);
  if (close_range(3, ~0U, 0) == -1)
    close(fd);
  run();
  _exit(0);
}

int negativeTestedCloseRangeSucceeds(const char *path) {
  int fd = open(path, 0);
  if (fd < 0)
    return -1;
  if (dup2(fd, STDIN_FILENO) == -1)
    _exit(1);
  if (close_range(3, ~0U, 0) != 0)
    return -1;
  run();
  return 0;
}
