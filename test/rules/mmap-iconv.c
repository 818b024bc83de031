// The all-ones families of rules/posix.yaml: mappings (mmap / munmap,
// failing with MAP_FAILED) and conversion descriptors (iconv_open
// / iconv_close, failing with (iconv_t)-1).
// RUN: %check_raii %s raii-release-skipped,raii-double-release,raii-use-guard %t -- -std=c11 -isystem %S/Inputs/api

#include <mmap_iconv_api.h>

int positiveMappingLeaks(int fd, size_t n) {
  char *p = mmap(0, n, PROT_READ, MAP_PRIVATE, fd, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'mmap' is not released on every path [raii-release-skipped]
  if (p == MAP_FAILED)
    return -1;
  if (p[0] == 0)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  munmap(p, n);
  return 1;
}

int negativeMappingReleased(int fd, size_t n) {
  char *p = mmap(0, n, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED)
    return -1;
  int r = use(p);
  munmap(p, n);
  return r;
}

int negativeMappingTestedInAssignment(int fd, size_t n) {
  void *p;
  if ((p = mmap(0, n, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
    return -1;
  munmap(p, n);
  return 0;
}

// `MAP_FAILED != p` tells the same, either way round.
int negativeMappingTestedReversed(size_t n) {
  void *p = mmap(0, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                 -1, 0);
  if (MAP_FAILED != p) {
    use(p);
    munmap(p, n);
  }
  return 0;
}

// A null test says only that null holds nothing: the failure value is
// not null, so the mapping is still held past it.
int positiveNullTestedMapping(int fd, size_t n) {
  char *p = mmap(0, n, PROT_READ, MAP_PRIVATE, fd, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'mmap' is not released on every path [raii-release-skipped]
  if (!p)
    return -1;
  if (use(p))
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  munmap(p, n);
  return 0;
}

int positiveMappingUnmappedTwice(int fd, size_t n) {
  char *p = mmap(0, n, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED)
    return -1;
  munmap(p, n);
  munmap(p, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'munmap' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'p' was first released here
  return 0;
}

// mremap is no rule: resized in place, the old address stays the
// mapping's.
int negativeResizedInPlace(int fd, size_t n) {
  char *p = mmap(0, n, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED)
    return -1;
  if (mremap(p, n, 2 * n, 0) == MAP_FAILED) {
    munmap(p, n);
    return -1;
  }
  munmap(p, 2 * n);
  return 0;
}

// The failure test written through integer casts tells the same.
int negativeTestedThroughIntegers(int fd, size_t n) {
  char *p = mmap(0, n, PROT_READ, MAP_PRIVATE, fd, 0);
  if ((unsigned long)p == (unsigned long)MAP_FAILED)
    return -1;
  use(p);
  munmap(p, n);
  return 0;
}

int negativeConverterTestedAsLong(const char *to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  if ((long)cd == -1)
    return -1;
  iconv_close(cd);
  return 0;
}

// A wrapper of the file that returns mmap's result as it is fails the
// same way.
static void *mapFile(int fd, size_t n) {
  return mmap(0, n, PROT_READ, MAP_PRIVATE, fd, 0);
}

int positiveWrapperMapping(int fd, size_t n) {
  char *p = mapFile(fd, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'mapFile' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-6]]:10: note: 'mapFile' acquires the resource here
  if (p == MAP_FAILED)
    return -1;
  if (use(p))
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  munmap(p, n);
  return 0;
}

int negativeWrapperMapping(int fd, size_t n) {
  char *p = mapFile(fd, n);
  if (p == MAP_FAILED)
    return -1;
  use(p);
  munmap(p, n);
  return 0;
}

int positiveConverterLeaks(const char *to, char *in, size_t len) {
  iconv_t cd = iconv_open(to, "ISO-8859-1");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'cd' acquired by 'iconv_open' is not released on every path [raii-release-skipped]
  if (cd == (iconv_t)-1)
    return -1;
  char buf[64], *out = buf;
  size_t left = sizeof buf;
  if (iconv(cd, &in, &len, &out, &left) == (size_t)-1)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'cd' is skipped by this return
  iconv_close(cd);
  return 0;
}

int negativeConverterClosed(const char *to, char *in, size_t len) {
  iconv_t cd = iconv_open(to, "ISO-8859-1");
  if (cd == (iconv_t)-1)
    return -1;
  char buf[64], *out = buf;
  size_t left = sizeof buf;
  size_t r = iconv(cd, &in, &len, &out, &left);
  iconv_close(cd);
  return r == (size_t)-1 ? -2 : 0;
}
