// A local function pointer bound to a reference (a local reference, a
// callee's `T *&` parameter) may be given any value there: a call through
// it is no release of the one function it is seen given, and the
// `fclose` after it, where it kept the stream, is no double release.
// RUN: %check_raii %s raii-double-release %t -- -std=c++17 -isystem %mock_include/libc

#include <stdio.h>

static int keep(FILE *) { return 0; }
void pick(int (*&out)(FILE *), bool k) {
  if (k)
    out = keep;
}

int negativeLocalReference(const char *path, bool k) {
  int (*closer)(FILE *) = fclose;
  int (*&alias)(FILE *) = closer;
  if (k)
    alias = keep;
  FILE *fp = fopen(path, "r");
  if (!fp)
    return -1;
  closer(fp);
  if (k)
    fclose(fp);
  return 0;
}

int negativeReferenceParameter(const char *path, bool k) {
  int (*closer)(FILE *) = fclose;
  pick(closer, k);
  FILE *fp = fopen(path, "r");
  if (!fp)
    return -1;
  closer(fp);
  if (k)
    fclose(fp);
  return 0;
}
