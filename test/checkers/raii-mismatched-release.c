// RUN: %check_raii %s raii-mismatched-release %t -- -std=c11 -isystem %mock_include/libc
#include <stdio.h>
void positiveC(void) {
  FILE *f = fopen("x", "r");
  if (f)
    pclose(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'f' acquired by 'fopen' is released by 'pclose'; release it with 'fclose' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'f' acquired here
}
