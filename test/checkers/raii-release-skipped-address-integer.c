// A local integer as wide as a pointer, initialised with a pointer
// converted (`uintptr_t p = (uintptr_t)r;`) and only stepped after (`p +=
// adjust`, `p &= ~mask`, `++p`), holds an address in that block: returning
// it returns the block (gperftools' aligned mmap). Given another value,
// or narrower than a pointer, it is a number.
// RUN: %check_raii %s raii-release-skipped %t -- -std=gnu11 -isystem %mock_include/libc

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

void *negativeRoundTrip(size_t n) {
  void *r = malloc(n);
  if (!r)
    return NULL;
  uintptr_t p = (uintptr_t)r;
  return (void *)p;
}

void *negativeAligned(size_t n, size_t align) {
  void *r = malloc(n + align);
  if (!r)
    return NULL;
  uintptr_t p = (uintptr_t)r;
  if ((p & (align - 1)) != 0)
    p += align - (p & (align - 1));
  return (void *)p;
}

void *positiveGivenAnotherValue(size_t n, uintptr_t base) {
  void *r = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'r' acquired by 'malloc' is never released [raii-release-skipped]
  if (!r)
    return NULL;
  uintptr_t p = (uintptr_t)r;
  if (base)
    p = base;
  return (void *)p;
}

void *positiveNarrower(size_t n) {
  void *r = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'r' acquired by 'malloc' is never released [raii-release-skipped]
  if (!r)
    return NULL;
  unsigned short p = (unsigned short)(uintptr_t)r;
  return (void *)(uintptr_t)p;
}

// A local pointer declared without a value and assigned once stands for
// that value, as an initialiser would (sg3_utils' aligned calloc: `res =
// (T *)(((uintptr_t)wrk + mask) & ~mask); return res;`), where the
// assignment is a statement of a block around the return, before it; one
// assigned twice does not.
unsigned char *negativeAlignedAssigned(size_t n, size_t align) {
  unsigned char *res;
  void *wrk;
  uintptr_t mask = align - 1;
  wrk = calloc(n + align, 1);
  if (wrk == NULL)
    return NULL;
  res = (unsigned char *)(((uintptr_t)wrk + mask) & ~mask);
  return res;
}

char *positiveAssignedTwice(size_t n, char *other) {
  char *res;
  char *p = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is never released [raii-release-skipped]
  if (!p)
    return NULL;
  res = p + 1;
  if (n > 8)
    res = other;
  return res;
}

// Assigned in a branch the return is not in: not its value there.
unsigned char *positiveAssignedInBranch(size_t n, size_t align) {
  unsigned char *res;
  void *wrk = calloc(n + align, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'wrk' acquired by 'calloc' is never released [raii-release-skipped]
  if (wrk == NULL)
    return NULL;
  if (align)
    res = (unsigned char *)(((uintptr_t)wrk + align - 1) & ~(align - 1));
  return res;
}

// A function pointer stands for nothing: a call through it returns no
// block its value was made from.
void *find_entry(const void *table, const char *name);
char *positiveCallThroughPointer(size_t n) {
  char *(*entry)(int);
  char *table = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'table' acquired by 'malloc' is never released [raii-release-skipped]
  if (!table)
    return NULL;
  entry = (char *(*)(int))find_entry(table, "entry");
  return entry(1);
}
