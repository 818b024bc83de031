// A call through a local function-pointer variable that is initialised with
// a function and only ever read calls that function: its rule or its summary
// applies, as to a direct call. A pointer that is assigned again, whose
// address is taken, or that comes from a parameter may call anything, which
// may keep the handle.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release' %t -- -isystem %mock_include/libc

#include <stdlib.h>
#include <string.h>

static void show(char *data) { (void)strlen(data); }
static void consume(char *data) { free(data); }

void leakThroughPointer(void) {
  void (*sink)(char *) = show;
  char *data = malloc(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'data' acquired by 'malloc' is never released [raii-release-skipped]
  if (!data)
    return;
  sink(data);
}

void leakThroughDereference(void) {
  void (*sink)(char *) = &show;
  char *data = malloc(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'data' acquired by 'malloc' is never released [raii-release-skipped]
  if (!data)
    return;
  (*sink)(data);
}

void doubleThroughPointer(void) {
  void (*sink)(char *) = consume;
  char *data = malloc(10);
  if (!data)
    return;
  free(data);
  sink(data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'data' is released by 'consume' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'data' was first released here
}

void doubleThroughLibraryPointer(void) {
  void (*release)(void *) = free;
  char *data = malloc(10);
  if (!data)
    return;
  release(data);
  free(data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'data' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'data' was first released here
}

void reassigned(int fast) {
  void (*sink)(char *) = show;
  if (fast)
    sink = consume;
  char *data = malloc(10);
  if (!data)
    return;
  sink(data);
}

void addressTaken(void (**out)(char *)) {
  void (*sink)(char *) = show;
  *out = sink;
  out = &sink;
  char *data = malloc(10);
  if (!data)
    return;
  sink(data);
}

void fromParameter(void (*sink)(char *)) {
  char *data = malloc(10);
  if (!data)
    return;
  sink(data);
}
