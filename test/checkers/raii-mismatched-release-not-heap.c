// Heap releases of memory no allocator gave out (CWE-590): a local or
// static variable or array, a string literal, `alloca`, reached directly or
// through a local pointer every write of which stores such an address.
// RUN: %check_raii %s raii-mismatched-release %t -- -std=c11 -isystem %mock_include/libc
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void use(const char *);

void positiveLocalArray(void) {
  char *data = NULL;
  {
    char buffer[100];
    memset(buffer, 'A', 99);
    buffer[99] = '\0';
    data = buffer;
  }
  use(data);
  free(data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'data' is released by 'free' but points to the local array 'buffer', which no allocator gave out [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:12: note: 'data' gets that address here
}

void positiveStaticArray(void) {
  static char buffer[100];
  char *data = buffer;
  use(data);
  free(data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'data' is released by 'free' but points to the static array 'buffer', which no allocator gave out [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: 'data' gets that address here
}

struct pair { int a, b; };

void positiveAddressOfLocal(void) {
  struct pair p = {1, 2};
  struct pair *q = NULL;
  q = &p;
  free(q);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'q' is released by 'free' but points to the local variable 'p', which no allocator gave out [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'q' gets that address here
}

void positiveDirect(void) {
  int n = 0;
  free(&n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'free' releases the local variable 'n', which no allocator gave out [raii-mismatched-release]
}

void positiveLiteral(void) {
  char *s = "text";
  use(s);
  free(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 's' is released by 'free' but points to a string literal, which no allocator gave out [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 's' gets that address here
}

void positiveAlloca(void) {
  char *data;
  char *scratch = (char *)__builtin_alloca(100);
  data = scratch;
  use(data);
  free(data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'data' is released by 'free' but points to stack memory from 'alloca', which no allocator gave out [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:27: note: 'scratch' gets that address here
}

// Each of these may point to the heap: no finding.
void negativeHeap(int n) {
  char buffer[16];
  char *data = buffer;
  if (n > 16)
    data = malloc(n);
  use(data);
  if (data != buffer)
    free(data);
}

void negativeParameter(char *p) { free(p); }

void negativeNull(void) {
  char *p = NULL;
  free(p);
}

void negativeArithmetic(void) {
  char buffer[16];
  char *p = buffer;
  p += 4;
  free(p - 4 + 4);
}

void negativeAddressTaken(void) {
  char buffer[16];
  char *p = buffer;
  char **pp = &p;
  *pp = malloc(4);
  free(p);
}

extern char shared_buffer[];
void negativeExtern(void) { free(shared_buffer); }

// A release no feasible path reaches says nothing.
void negativeDeadRelease(void) {
  char *ptr = "a";
  int flag = 1;
  if (flag > 1)
    free(ptr);
}

// The function tells the cases apart itself.
void negativeGuarded(const char *s) {
  char stackbuf[64];
  char *p = stackbuf;
  memset(p, s[0], 8);
  use(p);
  if (p != stackbuf)
    free(p);
}

// The last write before the release stores null.
void negativeResetToNull(int c) {
  char buf[16];
  char *p = NULL;
  if (c) {
    p = buf;
    use(p);
    p = NULL;
  }
  free(p);
}
