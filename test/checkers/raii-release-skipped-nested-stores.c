// Stores nested inside a larger expression (a condition, an initialiser, a
// call's argument) are not CFG elements of their own: they hand the handle
// off, or move it into another variable, like the same store as a
// statement. The twin that keeps the handle after a nested store to a
// local it then leaks is still reported.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c11 -isystem %mock_include/libc

#include <stdlib.h>

char *g_kept;
struct holder {
  char *buf;
};
int use(const char *p);

int negativeStoreInCondition(void) {
  char *p = malloc(4);
  if ((g_kept = p))
    return 1;
  free(p);
  return 0;
}

int negativeStoreComparedInCondition(struct holder *h) {
  char *p = malloc(4);
  if ((h->buf = p) != 0)
    return 1;
  return 0;
}

int negativeStoreInInitialiser(void) {
  char *p = malloc(4);
  int ok = (g_kept = p) != 0;
  if (ok)
    return 1;
  free(p);
  return 0;
}

int negativeMoveInCondition(void) {
  char *q;
  char *p = malloc(4);
  if (!(q = p))
    return -1;
  use(q);
  free(q);
  return 0;
}

int positiveMoveInConditionLeaks(int fail) {
  char *q;
  char *p = malloc(4);
  if (!(q = p))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-3]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (fail)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  free(q);
  return 0;
}
