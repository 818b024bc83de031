// RUN: %check_raii %s raii-mismatched-release %t -- -std=c11 -isystem %mock_include/libc
#include <stdio.h>
void positiveC(void) {
  FILE *f = fopen("x", "r");
  if (f)
    pclose(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'f' acquired by 'fopen' is released by 'pclose'; release it with 'fclose' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'f' acquired here
}

// The caller's stream may be of either kind: a function that ends it by a
// flag releases it with either function (before: a crash, reporting a
// mismatch against an acquire the function does not have).
void closeEither(FILE *f, int piped) {
  if (piped)
    pclose(f);
  else
    fclose(f);
}

// Its callers' streams, of either kind, are released by it.
int closedByEither(const char *path, const char *cmd) {
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  closeEither(f, 0);
  FILE *p = popen(cmd, "r");
  if (!p)
    return -1;
  closeEither(p, 1);
  return 0;
}
