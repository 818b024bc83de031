// An argument that is a `?:` testing a handle passes it where it holds
// anything: given to a function the file cannot see it is handed off as
// when passed alone (`dict_set(d, key, v ? v : placeholder)`, also GNU's
// `v ?: placeholder`); given to a library function that borrows it, it
// still leaks; a `?:` testing something else (`flag ? v : NULL`) passes it
// on one path only.
// RUN: %check_raii %s raii-release-skipped %t -- -std=gnu11 -isystem %mock_include/libc

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dict;
void *dict_set(struct dict *d, const char *key, void *value);

int negativeArmToUnseen(struct dict *d, void *placeholder, const char *key,
                        const char *val) {
  void *old, *fresh = NULL;
  if (val) {
    fresh = strdup(val);
    if (fresh == NULL)
      return -1;
  }
  old = dict_set(d, key, fresh ? fresh : placeholder);
  if (old) {
    if (old != placeholder)
      free(old);
    return 1;
  }
  return 0;
}

int negativeShortArmToUnseen(struct dict *d, void *placeholder,
                             const char *key, const char *val) {
  void *fresh = NULL;
  if (val)
    fresh = strdup(val);
  dict_set(d, key, fresh ?: placeholder);
  return 0;
}

int positiveArmToLibrary(const char *val, int quiet) {
  char *fresh = strdup(val);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'fresh' acquired by 'strdup' is never released [raii-release-skipped]
  fputs(fresh ? fresh : "(none)", stdout);
  return quiet;
}

void sink_value(void *value);

void positiveArmOnOnePath(const char *val, int flag) {
  char *fresh = strdup(val);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'fresh' acquired by 'strdup' is never released [raii-release-skipped]
  sink_value(flag ? fresh : NULL);
}
