// Compile test: user code written with every macro and helper of
// <raii/cleanup.h> builds warning-free (-Wall -Wextra -Wpedantic -Wshadow
// -Wconversion -Werror) as C99 and C11 with gcc and clang, and -- through
// cleanup_usage.cpp -- as C++11/17/20 with g++ and clang++. Written in the
// common subset of C and C++ (malloc results are cast).
#include <raii/cleanup.h>

#include <fcntl.h>

struct conn {
  int fd;
};

static struct conn *conn_open(const char *path) {
  struct conn *c = (struct conn *)malloc(sizeof *c);
  if (c != NULL)
    c->fd = open(path, O_RDONLY);
  return c;
}

static void conn_close(struct conn *c) {
  (void)close(c->fd);
  free(c);
}

static int token_acquire(void) { return 0; }
static int token_release(int token) { return token; }

RAII_DEFINE_CLEANUP(struct conn *, conn_close)
RAII_DEFINE_CLEANUP_INVALID(int, token_release, -1)

static void ignore_int(int *fd) { (void)fd; }

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static char *read_first_line(const char *path) {
  RAII_AUTOFILE FILE *f = fopen(path, "r");
  RAII_AUTOFREE char *line = (char *)malloc(256);
  if (f == NULL || line == NULL)
    return NULL;
  if (fgets(line, 256, f) == NULL)
    return NULL;
  return raii_steal_ptr(&line);
}

static int open_checked(const char *path) {
  RAII_AUTOFD int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  return raii_steal_fd(&fd);
}

static int count_entries(const char *path) {
  RAII_AUTODIR DIR *d = opendir(path);
  int n = 0;
  if (d == NULL)
    return -1;
  while (readdir(d) != NULL)
    ++n;
  return n;
}

static long bump(void) {
  RAII_MUTEX_GUARD(lock_lock, &lock);
  return ++counter;
}

static int user_families(void) {
  RAII_AUTO(conn_close) struct conn *c = conn_open("/dev/null");
  RAII_AUTO(token_release) int token = token_acquire();
  RAII_CLEANUP(ignore_int) int plain = 0;
  return (c != NULL) + token + plain;
}

int main(void) {
  RAII_AUTOFREE char *line = read_first_line("/etc/hostname");
  int fd = open_checked("/dev/null");
  if (fd >= 0)
    (void)close(fd);
  return (line == NULL) + count_entries("/") + (int)bump() + user_families();
}
