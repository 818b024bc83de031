// rules/stdio.yaml: freopen opens no new stream, it returns its third
// argument; a standard stream given to it is the caller's to keep open, and
// a stream the function holds stays held through it.
// RUN: %check_raii %s raii-release-skipped,raii-double-release %t -- -std=c11 -isystem %mock_include/libc

#include <stdio.h>

void report(const char *what);

void negativeStandardStream(void) {
  FILE *file = freopen("/dev/null", "r", stdin);
  if (!file)
    report("freopen");
}

int negativeReopenOwn(const char *a, const char *b) {
  FILE *f = fopen(a, "r");
  if (!f)
    return -1;
  f = freopen(b, "r", f);
  if (!f)
    return -1;
  fgetc(f);
  fclose(f);
  return 0;
}

int positiveLeakAfterReopen(const char *a, const char *b) {
  FILE *f = fopen(a, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (!f)
    return -1;
  freopen(b, "r", f);
  if (fgetc(f) < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  fclose(f);
  return 0;
}
