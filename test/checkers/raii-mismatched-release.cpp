// RUN: %check_raii %s raii-mismatched-release %t -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc

#include <stdio.h>
#include <stdlib.h>

void positiveArrayDelete() {
  int *p = new int[4];
  delete p;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' acquired by 'new[]' is released by 'delete'; release it with 'delete[]' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'p' acquired here
}

void positiveMallocDelete() {
  char *p = (char *)malloc(4);
  delete p;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' acquired by 'malloc' is released by 'delete'; release it with 'free'
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: 'p' acquired here
}

void positiveNewFree() {
  int *p = new int;
  free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' acquired by 'new' is released by 'free'; release it with 'delete'
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'p' acquired here
}

void positivePopenFclose() {
  FILE *f = popen("ls", "r");
  if (!f)
    return;
  fclose(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'f' acquired by 'popen' is released by 'fclose'; release it with 'pclose'
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'f' acquired here
}

// ---- negative ---------------------------------------------------------------

void negativeMatched() {
  int *a = new int[2];
  delete[] a;
  int *b = new int;
  delete b;
  char *c = (char *)malloc(1);
  free(c);
  FILE *f = popen("ls", "r");
  if (f)
    pclose(f);
}
