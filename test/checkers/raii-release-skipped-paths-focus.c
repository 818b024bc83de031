// Four buffers, each allocated and freed under its own option, make sixteen
// resource states: past the cap of eight paths per program point, the
// points merge them. The merged buffers are solved again one at a time,
// each keeping apart only its own two states, so the correlated frees are
// understood (nothing to report in report()), and what is wrong still is:
// an early return that leaks all four, a second free under the same
// option.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release' %t -- -std=c11 -isystem %mock_include/libc

#include <stdio.h>
#include <stdlib.h>

struct options {
  int names, sizes, totals, means;
};

void consume(int);

void report(const struct options *o, const int *v, int n) {
  char *names = NULL, *sizes = NULL, *totals = NULL, *means = NULL;
  if (o->names)
    names = malloc(n);
  if (o->sizes)
    sizes = malloc(n);
  if (o->totals)
    totals = malloc(n);
  if (o->means)
    means = malloc(n);
  for (int i = 0; i < n; ++i)
    consume(v[i]);
  if (o->means)
    free(means);
  if (o->totals)
    free(totals);
  if (o->sizes)
    free(sizes);
  if (o->names)
    free(names);
}

void reportEarly(const struct options *o, const int *v, int n) {
  char *names = NULL, *sizes = NULL, *totals = NULL, *means = NULL;
  if (o->names)
    names = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'names' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+13]]:5: note: release of 'names' is skipped by this return
  if (o->sizes)
    sizes = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'sizes' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+9]]:5: note: release of 'sizes' is skipped by this return
  if (o->totals)
    totals = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'totals' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: release of 'totals' is skipped by this return
  if (o->means)
    means = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'means' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (n == 0)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'means' is skipped by this return
  for (int i = 0; i < n; ++i)
    consume(v[i]);
  if (o->means)
    free(means);
  if (o->totals)
    free(totals);
  if (o->sizes)
    free(sizes);
  if (o->names)
    free(names);
  if (o->sizes)
    free(sizes);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sizes' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: 'sizes' was first released here
}
