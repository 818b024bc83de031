/* Run test of <raii/cleanup.h>: RAII_AUTOFD, RAII_AUTOFILE and RAII_AUTODIR
 * close their handle on every way out of the scope -- closing brace, return
 * from nested blocks, goto, break, continue, return from inside a loop --
 * checked by counting the process's open descriptors (/proc/self/fd) before,
 * inside and after; and the cleanups leave errno as they found it. */
#include <raii/cleanup.h>

#include <errno.h>
#include <fcntl.h>

#include "support/c_check.h"

static int fds_inside; /* open descriptors seen inside the scope */

static int open_fd(void) {
  int fd = open("/dev/null", O_RDONLY);
  CHECK(fd >= 0);
  return fd;
}

static FILE *open_file(void) {
  FILE *f = fopen("/dev/null", "r");
  CHECK(f != NULL);
  return f;
}

static DIR *open_dir(void) {
  DIR *d = opendir("/");
  CHECK(d != NULL);
  return d;
}

/* One of each kind; records the count with all three open. */
#define OPEN_ALL(fd, f, d)                                                   \
  RAII_AUTOFD int fd = open_fd();                                            \
  RAII_AUTOFILE FILE *f = open_file();                                       \
  RAII_AUTODIR DIR *d = open_dir();                                          \
  fds_inside = open_fd_count()

static void closing_brace(void) {
  {
    OPEN_ALL(fd, f, d);
    (void)fd;
    (void)f;
    (void)d;
  }
}

static int return_from_nested_blocks(int depth) {
  OPEN_ALL(fd1, f1, d1);
  {
    RAII_AUTOFD int fd2 = open_fd();
    {
      RAII_AUTOFILE FILE *f2 = open_file();
      fds_inside = open_fd_count();
      if (depth == 3)
        return fd1 + fd2 + (f2 != NULL) + (f1 != NULL) + (d1 != NULL);
    }
    if (depth == 2)
      return fd2;
  }
  return fd1;
}

static int goto_out_of_scope(int fail) {
  int rc = 0;
  {
    OPEN_ALL(fd, f, d);
    if (fail) {
      rc = -1;
      goto out;
    }
    rc = fd >= 0 && f != NULL && d != NULL;
  }
out:
  return rc;
}

static int loop_with_break(void) {
  int i;
  for (i = 0; i < 10; ++i) {
    OPEN_ALL(fd, f, d);
    if (i == 3)
      break;
    (void)fd;
    (void)f;
    (void)d;
  }
  return i;
}

static int loop_with_continue(void) {
  int kept = 0;
  int i;
  for (i = 0; i < 10; ++i) {
    OPEN_ALL(fd, f, d);
    if (i % 2 == 0)
      continue;
    kept += fd >= 0 && f != NULL && d != NULL;
  }
  return kept;
}

static int return_from_loop(void) {
  int i = 0;
  while (1) {
    OPEN_ALL(fd, f, d);
    if (i == 4)
      return i;
    ++i;
    (void)fd;
    (void)f;
    (void)d;
  }
}

/* Each kind on its own, so a failure names the helper. */
static void fd_alone(void) {
  RAII_AUTOFD int fd = open_fd();
  fds_inside = open_fd_count();
  (void)fd;
}

static void file_alone(void) {
  RAII_AUTOFILE FILE *f = open_file();
  fds_inside = open_fd_count();
  (void)f;
}

static void dir_alone(void) {
  RAII_AUTODIR DIR *d = open_dir();
  fds_inside = open_fd_count();
  (void)d;
}

#define EXPECT_CLOSED(call, opened)                                          \
  do {                                                                       \
    int before = open_fd_count();                                            \
    fds_inside = -1;                                                         \
    (void)(call);                                                            \
    CHECK_EQ(fds_inside, before + (opened));                                 \
    CHECK_EQ(open_fd_count(), before);                                       \
  } while (0)

/* errno set before the scope ends is what the caller sees after it, both
 * when the closes succeed and when close() fails (EBADF). */
static void errno_preserved(void) {
  {
    OPEN_ALL(fd, f, d);
    (void)fd;
    (void)f;
    (void)d;
    errno = ERANGE;
  }
  CHECK_EQ(errno, ERANGE);
  {
    int closed = open_fd();
    CHECK_EQ(close(closed), 0);
    {
      RAII_AUTOFD int stale = closed; /* close() fails with EBADF */
      (void)stale;
      errno = EDOM;
    }
    CHECK_EQ(errno, EDOM);
  }
}

/* Descriptor 0 is a valid descriptor: only negative ones are skipped. */
static void fd_zero_closed(void) {
  int saved_stdin = dup(0);
  int before;
  CHECK(saved_stdin > 0);
  CHECK_EQ(close(0), 0);
  before = open_fd_count();
  {
    RAII_AUTOFD int fd = open_fd();
    CHECK_EQ(fd, 0);
    CHECK_EQ(open_fd_count(), before + 1);
  }
  CHECK_EQ(open_fd_count(), before);
  CHECK_EQ(fcntl(0, F_GETFD), -1);
  CHECK_EQ(errno, EBADF);
  CHECK_EQ(dup2(saved_stdin, 0), 0);
  CHECK_EQ(close(saved_stdin), 0);
}

int main(void) {
  EXPECT_CLOSED((closing_brace(), 0), 3);
  EXPECT_CLOSED(return_from_nested_blocks(3), 5);
  EXPECT_CLOSED(return_from_nested_blocks(2), 5);
  EXPECT_CLOSED(return_from_nested_blocks(1), 5);
  EXPECT_CLOSED(goto_out_of_scope(1), 3);
  EXPECT_CLOSED(goto_out_of_scope(0), 3);
  EXPECT_CLOSED(loop_with_break(), 3);
  EXPECT_CLOSED(loop_with_continue(), 3);
  EXPECT_CLOSED(return_from_loop(), 3);
  EXPECT_CLOSED((fd_alone(), 0), 1);
  EXPECT_CLOSED((file_alone(), 0), 1);
  EXPECT_CLOSED((dir_alone(), 0), 1);
  errno_preserved();
  fd_zero_closed();

  CHECK_EQ(goto_out_of_scope(1), -1);
  CHECK_EQ(goto_out_of_scope(0), 1);
  CHECK_EQ(loop_with_break(), 3);
  CHECK_EQ(loop_with_continue(), 5);
  CHECK_EQ(return_from_loop(), 4);
  puts("cleanup_handles: ok");
  return 0;
}
