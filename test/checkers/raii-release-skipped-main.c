// Leaving main ends the process: its return is a call of exit, and the
// system takes back what is still held, as on the paths that call exit
// themselves. The same shape in any other function leaks. A jump out of a
// scope inside main still skips the release (a loop that drops a handle on
// `continue` leaks one per iteration).
// RUN: %check_raii %s raii-release-skipped %t -- -std=c11 -isystem %mock_include/libc

#include <stdio.h>
#include <stdlib.h>

int helper(int argc) {
  char *buf = malloc(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!buf)
    return 1;
  if (argc > 2)
    return 3;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'buf' is skipped by this return
  free(buf);
  return 0;
}

int main(int argc, char **argv) {
  char *buf = malloc(10);
  if (!buf)
    return 1;
  if (argc > 2)
    return 3;
  for (int i = 1; i < argc; ++i) {
    FILE *f = fopen(argv[i], "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
    if (!f)
      continue;
    if (fgetc(f) < 0)
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'f' is skipped by this continue
    fclose(f);
  }
  free(buf);
  return helper(argc);
}
