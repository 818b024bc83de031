/* Run test of <raii/cleanup.h>: built with -fexceptions, a thread cancelled
 * with pthread_cancel inside cleanup scopes runs their cleanups during
 * glibc's forced unwinding -- its mutex guard unlocks, its descriptor is
 * closed, its memory freed (LeakSanitizer in the sanitizer build) and a
 * user cleanup runs. (Without -fexceptions, C code runs none of them:
 * docs/runtime/cleanup.md, Limitations.) */
// RAII_C_FLAGS: -fexceptions
#include <raii/cleanup.h>

#include <errno.h>
#include <fcntl.h>

#include "support/c_check.h"

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t inside;
static int user_cleanups;

static void count_cleanup(int *unused) {
  (void)unused;
  ++user_cleanups;
}

static void *worker(void *arg) {
  (void)arg;
  RAII_MUTEX_GUARD(lock_m, &m);
  RAII_AUTOFREE char *buf = (char *)malloc(4096);
  RAII_AUTOFD int fd = open("/dev/null", O_RDONLY);
  RAII_CLEANUP(count_cleanup) int marker = 0;
  CHECK(lock_m == &m && buf != NULL && fd >= 0);
  sink(buf);
  (void)marker;
  pthread_barrier_wait(&inside);
  for (;;)
    pause(); /* a cancellation point */
  return NULL;
}

int main(void) {
  pthread_t t;
  void *result;
  int fds_before = open_fd_count();
  CHECK_EQ(pthread_barrier_init(&inside, NULL, 2), 0);
  CHECK_EQ(pthread_create(&t, NULL, worker, NULL), 0);
  pthread_barrier_wait(&inside);
  CHECK_EQ(pthread_mutex_trylock(&m), EBUSY);
  CHECK_EQ(open_fd_count(), fds_before + 1);

  CHECK_EQ(pthread_cancel(t), 0);
  CHECK_EQ(pthread_join(t, &result), 0);
  CHECK(result == PTHREAD_CANCELED);
  CHECK_EQ(user_cleanups, 1);
  CHECK_EQ(open_fd_count(), fds_before);
  CHECK_EQ(pthread_mutex_trylock(&m), 0);
  CHECK_EQ(pthread_mutex_unlock(&m), 0);
  CHECK_EQ(pthread_barrier_destroy(&inside), 0);
  puts("cleanup_cancel: ok");
  return 0;
}
