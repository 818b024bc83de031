// A handle held by a variable of an inner block is forgotten, once released
// or handed off, where control leaves that block: the next iteration's
// variable is a new one. sqlite3's shell.c (printSchemaLine) frees a block's
// `zNew` in every iteration but the one that keeps it in `zToFree`, and
// frees `zToFree` after the loop: that was a "released on a path where it
// was already released" (through the copy) before. What is still held when
// the block is left keeps its state and is reported as before.
// RUN: %check_raii %s raii-release-skipped,raii-double-release %t -- -std=gnu11
#include <stdlib.h>
#include <string.h>

int complete(const char *);

void keepOneOfSeveral(const char **tries, int n) {
  char *keep = 0;
  for (int i = 0; i < n; i++) {
    char *p = strdup(tries[i]);
    if (complete(p)) {
      keep = p;
      break;
    }
    free(p);
  }
  free(keep);
}

void freedTwiceInTheBlock(const char **tries, int n) {
  for (int i = 0; i < n; i++) {
    char *p = strdup(tries[i]);
    free(p);
    if (complete(tries[i]))
      free(p);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'p' was first released here
  }
}

void leakedByContinue(const char **tries, int n) {
  for (int i = 0; i < n; i++) {
    char *p = strdup(tries[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'p' acquired by 'strdup' is not released on every path [raii-release-skipped]
    if (complete(p))
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'p' is skipped by this continue
    free(p);
  }
}
