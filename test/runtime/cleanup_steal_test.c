/* Run test of <raii/cleanup.h>: raii_steal_ptr and raii_steal_fd hand a
 * resource out of a cleanup variable. The variable is left NULL / -1, its
 * cleanup then does nothing (the resource is still live after the scope),
 * and raii_steal_ptr's result keeps the pointer's type. */
#include <raii/cleanup.h>

#include <fcntl.h>

#include "support/c_check.h"

/* C99 has no _Static_assert: a negative array size stops the build. */
#define STATIC_CHECK(cond) ((void)sizeof(char[(cond) ? 1 : -1]))

struct node {
  int value;
  char payload[4096]; /* large enough to measure: see support/c_check.h */
};

/* The classic shape: build in a cleanup variable, hand it out on success,
 * let the cleanup free it on every failure path. */
static struct node *make_node(int value) {
  RAII_AUTOFREE struct node *n = (struct node *)malloc(sizeof *n);
  if (n == NULL)
    return NULL;
  if (value < 0)
    return NULL; /* freed by the cleanup */
  n->value = value;
  return raii_steal_ptr(&n);
}

static int open_null(int fail) {
  RAII_AUTOFD int fd = open("/dev/null", O_RDONLY);
  if (fd < 0)
    return -1;
  if (fail)
    return -1; /* closed by the cleanup */
  return raii_steal_fd(&fd);
}

static void steal_ptr(void) {
  long long before = live_heap_bytes();
  struct node *kept = make_node(7);
  sink(kept);
  CHECK(kept != NULL);
  CHECK_EQ(kept->value, 7);
  CHECK(live_heap_bytes() >= before + (long long)sizeof *kept);
  free(kept);
  CHECK_EQ(live_heap_bytes(), before);

  CHECK(make_node(-1) == NULL);
  CHECK_EQ(live_heap_bytes(), before);

  {
    char *out;
    {
      RAII_AUTOFREE char *p = (char *)malloc(4096);
      CHECK(p != NULL);
      sink(p);
      out = raii_steal_ptr(&p);
      CHECK(p == NULL);
      CHECK(out != NULL);
      /* A second steal finds NULL and leaves NULL. */
      CHECK(raii_steal_ptr(&p) == NULL);
      CHECK(p == NULL);
    }
    CHECK(live_heap_bytes() >= before + 4096);
    free(out);
    CHECK_EQ(live_heap_bytes(), before);
  }
}

static void steal_ptr_keeps_type(void) {
  FILE *f = NULL;
  DIR *d = NULL;
  struct node *n = NULL;
  STATIC_CHECK(
      __builtin_types_compatible_p(__typeof__(raii_steal_ptr(&f)), FILE *));
  STATIC_CHECK(
      __builtin_types_compatible_p(__typeof__(raii_steal_ptr(&d)), DIR *));
  STATIC_CHECK(__builtin_types_compatible_p(__typeof__(raii_steal_ptr(&n)),
                                            struct node *));
  /* The argument is evaluated once. */
  {
    struct node *slots[2] = {NULL, NULL};
    struct node **cursor = slots;
    (void)raii_steal_ptr(cursor++);
    CHECK(cursor == slots + 1);
  }
}

static void steal_handles(void) {
  int before = open_fd_count();
  int fd = open_null(0);
  CHECK(fd >= 0);
  CHECK_EQ(open_fd_count(), before + 1);
  CHECK(fcntl(fd, F_GETFD) != -1);
  CHECK_EQ(close(fd), 0);
  CHECK_EQ(open_null(1), -1);
  CHECK_EQ(open_fd_count(), before);

  {
    int raw;
    {
      RAII_AUTOFD int owned = open("/dev/null", O_RDONLY);
      CHECK(owned >= 0);
      raw = raii_steal_fd(&owned);
      CHECK_EQ(owned, -1);
      CHECK_EQ(raii_steal_fd(&owned), -1);
    }
    CHECK(fcntl(raw, F_GETFD) != -1); /* still open */
    CHECK_EQ(close(raw), 0);
  }
  {
    FILE *kept;
    DIR *kept_dir;
    {
      RAII_AUTOFILE FILE *f = fopen("/dev/null", "r");
      RAII_AUTODIR DIR *d = opendir("/");
      CHECK(f != NULL && d != NULL);
      kept = raii_steal_ptr(&f);
      kept_dir = raii_steal_ptr(&d);
      CHECK(f == NULL && d == NULL);
    }
    CHECK_EQ(open_fd_count(), before + 2);
    CHECK_EQ(fclose(kept), 0);
    CHECK_EQ(closedir(kept_dir), 0);
  }
  /* An fd handed to fdopen belongs to the FILE from then on. */
  {
    RAII_AUTOFD int fd2 = open("/dev/null", O_RDONLY);
    CHECK(fd2 >= 0);
    {
      RAII_AUTOFILE FILE *f = fdopen(raii_steal_fd(&fd2), "r");
      CHECK(f != NULL);
      CHECK_EQ(fd2, -1);
      CHECK_EQ(open_fd_count(), before + 1);
    }
    CHECK_EQ(open_fd_count(), before);
  }
  CHECK_EQ(open_fd_count(), before);
}

int main(void) {
  steal_ptr();
  steal_ptr_keeps_type();
  steal_handles();
  puts("cleanup_steal: ok");
  return 0;
}
