/* Test support for the C run tests of <raii/cleanup.h>: CHECK macros that
 * end the program with file:line on failure, and the two measures the tests
 * compare before and after a scope -- open file descriptors and live heap
 * bytes. glibc (or a sanitizer's allocator) and /proc are required. */
#ifndef RAII_TEST_C_CHECK_H
#define RAII_TEST_C_CHECK_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,       \
              #cond);                                                        \
      exit(1);                                                               \
    }                                                                        \
  } while (0)

#define CHECK_EQ(actual, expected)                                           \
  do {                                                                       \
    long long check_a_ = (long long)(actual);                                \
    long long check_e_ = (long long)(expected);                              \
    if (check_a_ != check_e_) {                                              \
      fprintf(stderr, "%s:%d: CHECK_EQ failed: %s is %lld, expected %s = %lld\n", \
              __FILE__, __LINE__, #actual, check_a_, #expected, check_e_);   \
      exit(1);                                                               \
    }                                                                        \
  } while (0)

/* --- open file descriptors ----------------------------------------------- */
/* The number of descriptors open in this process (the one the count itself
 * uses is not counted). */
static inline int open_fd_count(void) {
  DIR *d = opendir("/proc/self/fd");
  struct dirent *e;
  int n = 0;
  if (d == NULL) {
    perror("opendir /proc/self/fd");
    exit(1);
  }
  while ((e = readdir(d)) != NULL)
    if (e->d_name[0] != '.')
      ++n;
  closedir(d);
  return n - 1;
}

/* Stores p where the optimizer cannot see it, so an allocation the test
 * only frees is not removed with its free. */
static void *volatile check_sink_;
static inline void sink(void *p) { check_sink_ = p; }

/* --- live heap bytes ----------------------------------------------------- */
/* Measure allocations of at least 2 KiB: glibc keeps freed smaller chunks
 * in a per-thread cache that mallinfo2 still counts as in use. */
#if defined(__SANITIZE_ADDRESS__)
#define RAII_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RAII_TEST_ASAN 1
#endif
#endif

#if defined(RAII_TEST_ASAN)
/* From the sanitizer runtime (<sanitizer/allocator_interface.h>, which
 * clang ships and gcc 12 does not). */
size_t __sanitizer_get_current_allocated_bytes(void);
/* Bytes the program has allocated and not freed. */
static inline long long live_heap_bytes(void) {
  return (long long)__sanitizer_get_current_allocated_bytes();
}
#elif defined(__GLIBC__)
#include <malloc.h>
static inline long long live_heap_bytes(void) {
  static int warmed_up;
  if (!warmed_up) { /* the first malloc allocates that cache itself */
    void *p = malloc(1);
    sink(p);
    free(p);
    warmed_up = 1;
  }
  return (long long)mallinfo2().uordblks;
}
#else
#error "live_heap_bytes() needs glibc or AddressSanitizer"
#endif


#endif /* RAII_TEST_C_CHECK_H */
