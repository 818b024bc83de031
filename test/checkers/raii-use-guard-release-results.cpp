// A release whose result the code uses (tests, returns, keeps) is no
// candidate for a guard: its destructor would drop the result, and a failed
// fclose of a written file is an error the code reports (ninja's
// WriteFile and Touch). A result discarded, or cast to void, is still
// advised.
// RUN: %check_raii %s raii-use-guard %t -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc
#include <stdio.h>
#include <stdlib.h>

void quiet() noexcept;

bool negativeTouch(const char *p) {
  FILE *f = fopen(p, "w");
  if (!f)
    return false;
  return fclose(f) == 0;
}

bool negativeWrittenThenReturned(const char *p) {
  FILE *f = fopen(p, "w");
  if (!f)
    return false;
  fputs("y", f);
  return fclose(f) == 0;
}

bool negativeTestedOnOnePath(const char *p) {
  FILE *f = fopen(p, "w");
  if (!f)
    return false;
  if (fputs("y", f) < 0) {
    fclose(f);
    return false;
  }
  if (fclose(f) != 0) {
    quiet();
    return false;
  }
  return true;
}

int negativeKept(const char *p) {
  FILE *f = fopen(p, "w");
  if (!f)
    return -1;
  fputs("y", f);
  int rc = fclose(f);
  return rc;
}

bool positiveDiscarded(const char *p) {
  FILE *f = fopen(p, "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' is acquired by 'fopen' and released by hand; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' instead [raii-use-guard]
  if (!f)
    return false;
  if (fputs("y", f) < 0) {
    fclose(f);
    return false;
  }
  (void)fclose(f);
  return true;
}
// realloc's result is the next handle, not a release's status (freed on an
// early exit as well as at the end, so the advice stands).
void positiveGrownInALoop(int n) {
  unsigned char *buf = nullptr;
  for (int i = 1; i <= n; ++i) {
    buf = static_cast<unsigned char *>(realloc(buf, i));
    // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: 'buf' is acquired by 'realloc' and released by hand; hold it in 'std::unique_ptr<unsigned char, void (*)(void *)>' instead [raii-use-guard]
    // CHECK-MESSAGES: :[[@LINE-2]]:40: note: no automatic fix: 'buf' is released through 'realloc'
    if (!buf)
      abort();
    buf[i - 1] = 0;
    if (buf[0] == 'x') {
      free(buf);
      return;
    }
  }
  free(buf);
}
// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// CHECK-DELETED: fclose(f);
// CHECK-DELETED: (void)fclose(f);
