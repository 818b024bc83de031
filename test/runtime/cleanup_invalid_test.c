/* Run test of <raii/cleanup.h>: the ready-made cleanups never pass an
 * invalid value to their release -- free, fclose, closedir and
 * pthread_mutex_unlock never see NULL, close never sees a negative fd --
 * and call it exactly once for a valid one. The linker's --wrap sends this
 * file's calls of those functions to the counting wrappers below. */
// RAII_C_FLAGS: -Wl,--wrap=free,--wrap=fclose,--wrap=close,--wrap=closedir,--wrap=pthread_mutex_unlock
#include <raii/cleanup.h>

#include <fcntl.h>

#include "support/c_check.h"

struct calls {
  int free, fclose, close, closedir, unlock;
};
static struct calls calls;   /* every call */
static struct calls invalid; /* calls with NULL / a negative fd */

void __real_free(void *p);
int __real_fclose(FILE *f);
int __real_close(int fd);
int __real_closedir(DIR *d);
int __real_pthread_mutex_unlock(pthread_mutex_t *m);
void __wrap_free(void *p);
int __wrap_fclose(FILE *f);
int __wrap_close(int fd);
int __wrap_closedir(DIR *d);
int __wrap_pthread_mutex_unlock(pthread_mutex_t *m);

void __wrap_free(void *p) {
  ++calls.free;
  invalid.free += p == NULL;
  __real_free(p);
}

int __wrap_fclose(FILE *f) {
  ++calls.fclose;
  if (f == NULL) {
    ++invalid.fclose;
    return EOF;
  }
  return __real_fclose(f);
}

int __wrap_close(int fd) {
  ++calls.close;
  invalid.close += fd < 0;
  return __real_close(fd);
}

int __wrap_closedir(DIR *d) {
  ++calls.closedir;
  if (d == NULL) {
    ++invalid.closedir;
    return -1;
  }
  return __real_closedir(d);
}

int __wrap_pthread_mutex_unlock(pthread_mutex_t *m) {
  ++calls.unlock;
  if (m == NULL) {
    ++invalid.unlock;
    return -1;
  }
  return __real_pthread_mutex_unlock(m);
}

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

/* Every cleanup variable holding its invalid value, on several exits. */
static int invalid_values(int how) {
  int i;
  for (i = 0; i < 2; ++i) {
    RAII_AUTOFREE char *p = NULL;
    RAII_AUTOFILE FILE *f = NULL;
    RAII_AUTOFD int fd = -1;
    RAII_AUTOFD int other_negative = -42;
    RAII_AUTODIR DIR *d = NULL;
    RAII_CLEANUP(raii_cleanup_pthread_mutex_unlock) pthread_mutex_t *lock = NULL;
    (void)p;
    (void)f;
    (void)fd;
    (void)other_negative;
    (void)d;
    (void)lock;
    if (how == 1)
      continue;
    if (how == 2)
      return -1;
    if (how == 3)
      goto out;
  }
out:
  return i;
}

/* The same variables holding valid values: one release each. */
static void valid_values(void) {
  RAII_AUTOFREE char *p = (char *)malloc(16);
  RAII_AUTOFILE FILE *f = fopen("/dev/null", "r");
  RAII_AUTOFD int fd = open("/dev/null", O_RDONLY);
  RAII_AUTODIR DIR *d = opendir("/");
  RAII_MUTEX_GUARD(lock, &m);
  CHECK(p != NULL && f != NULL && fd >= 0 && d != NULL && lock == &m);
  sink(p);
}

int main(void) {
  int how;
  for (how = 0; how <= 3; ++how)
    (void)invalid_values(how);
  CHECK_EQ(calls.free, 0);
  CHECK_EQ(calls.fclose, 0);
  CHECK_EQ(calls.close, 0);
  CHECK_EQ(calls.closedir, 0);
  CHECK_EQ(calls.unlock, 0);

  valid_values();
  CHECK_EQ(calls.free, 1);
  CHECK_EQ(calls.fclose, 1);
  CHECK_EQ(calls.close, 1);
  CHECK_EQ(calls.closedir, 1);
  CHECK_EQ(calls.unlock, 1);

  CHECK_EQ(invalid.free, 0);
  CHECK_EQ(invalid.fclose, 0);
  CHECK_EQ(invalid.close, 0);
  CHECK_EQ(invalid.closedir, 0);
  CHECK_EQ(invalid.unlock, 0);
  puts("cleanup_invalid: ok");
  return 0;
}
