// A point keeps at most eight paths, and a path at most twelve facts. A
// switch whose cases each acquire the same variable by a call of their own
// makes more paths than that: a path that differs from a kept one only in
// which of those acquisitions it holds is merged into it, so that the flag
// the cases set survives. A full set of facts drops the one whose subject
// the fewest branches still ahead test: a flag tested at every exit
// outlives the conditions of the body in between; of subjects tested as
// often, one tested again only in a loop's next round goes first. The twins: a case that forgets the
// flag; a flag tested once after more conditions than a path keeps, all of
// them tested again before it.
// RUN: %check_raii %s 'raii-release-skipped' %t -- -std=c11 -isystem %mock_include/libc

#include <stdlib.h>
#include <string.h>

int work(int);

char *byKind(int kind, int a, int b, int c, int *len) {
  char *res;
  int own = 0;
  switch (kind) {
  case 0: res = strdup("zero"); own = 1; break;
  case 1: res = strdup("one"); own = 1; break;
  case 2: res = strdup("two"); own = 1; break;
  case 3: res = strdup("three"); own = 1; break;
  case 4: res = strdup("four"); own = 1; break;
  case 5: res = strdup("five"); own = 1; break;
  case 6: res = strdup("six"); own = 1; break;
  case 7: res = strdup("seven"); own = 1; break;
  case 8: res = strdup("eight"); own = 1; break;
  case 9: res = strdup("nine"); own = 1; break;
  default: res = "constant"; break;
  }
  if (own && !res)
    return "**OOM**";
  if (a) {
    if (own)
      free(res);
    return "**A**";
  }
  if (b) {
    if (own)
      free(res);
    return "**B**";
  }
  if (c) {
    if (own)
      free(res);
    return "**C**";
  }
  *len = (int)strlen(res);
  return res;
}

// The acquisitions of one variable are one finding, at the first of them.
char *byKindForgotten(int kind, int a, int b, int c, int *len) {
  char *res;
  int own = 0;
  switch (kind) {
  case 0: res = strdup("zero"); own = 1; break;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'res' acquired by 'strdup' is not released on every path [raii-release-skipped]
  case 1: res = strdup("one"); own = 1; break;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'res' is also acquired here
  case 2: res = strdup("two"); own = 1; break;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'res' is also acquired here
  case 3: res = strdup("three"); own = 1; break;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'res' is also acquired here
  case 4: res = strdup("four"); own = 1; break;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'res' is also acquired here
  case 5: res = strdup("five"); break; // the flag forgotten
  // CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'res' is also acquired here
  case 6: res = strdup("six"); own = 1; break;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'res' is also acquired here
  case 7: res = strdup("seven"); own = 1; break;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'res' is also acquired here
  case 8: res = strdup("eight"); own = 1; break;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'res' is also acquired here
  case 9: res = strdup("nine"); own = 1; break;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'res' is also acquired here
  default: res = "constant"; break;
  }
  if (own && !res)
    return "**OOM**";
  if (a) {
    if (own)
      free(res);
    return "**A**";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'res' is skipped by this return
  }
  if (b) {
    if (own)
      free(res);
    return "**B**";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'res' is skipped by this return
  }
  if (c) {
    if (own)
      free(res);
    return "**C**";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'res' is skipped by this return
  }
  *len = (int)strlen(res);
  return res;
}

// Thirteen loops between the flag's write and its test, each leaving a
// fact about its counter that no branch ahead reads: a full set drops
// those, and keeps the flag.
void manyConditions(int k, int c0, int c1, int c2, int c3, int c4, int c5, int c6, int c7, int c8, int c9, int c10, int c11, int c12) {
  char *p = "constant";
  int own = 0;
  if (k) {
    p = strdup("copy");
    if (!p)
      return;
    own = 1;
  }
  while (c0 < 10)
    c0 = work(c0);
  while (c1 < 10)
    c1 = work(c1);
  while (c2 < 10)
    c2 = work(c2);
  while (c3 < 10)
    c3 = work(c3);
  while (c4 < 10)
    c4 = work(c4);
  while (c5 < 10)
    c5 = work(c5);
  while (c6 < 10)
    c6 = work(c6);
  while (c7 < 10)
    c7 = work(c7);
  while (c8 < 10)
    c8 = work(c8);
  while (c9 < 10)
    c9 = work(c9);
  while (c10 < 10)
    c10 = work(c10);
  while (c11 < 10)
    c11 = work(c11);
  while (c12 < 10)
    c12 = work(c12);
  if (own)
    work(-1);
  if (own)
    work(-2);
  if (own)
    free(p);
}

// When every fact's subject is still to be tested (the counters are
// tested again after the loops) and none comes again only with a loop's
// next round, the oldest goes: the flag, set before the loops and tested
// once, is dropped and the copy reported (the cap's price), whether it is
// tested before the counters' tests or after them.
void manyConditionsFlagNext(int k, int c0, int c1, int c2, int c3, int c4, int c5, int c6, int c7, int c8, int c9, int c10, int c11, int c12) {
  char *p = "constant";
  int own = 0;
  if (k) {
    p = strdup("copy");
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'strdup' is not released on every path [raii-release-skipped]
    if (!p)
      return;
    own = 1;
  }
  while (c0 < 10)
    c0 = work(c0);
  while (c1 < 10)
    c1 = work(c1);
  while (c2 < 10)
    c2 = work(c2);
  while (c3 < 10)
    c3 = work(c3);
  while (c4 < 10)
    c4 = work(c4);
  while (c5 < 10)
    c5 = work(c5);
  while (c6 < 10)
    c6 = work(c6);
  while (c7 < 10)
    c7 = work(c7);
  while (c8 < 10)
    c8 = work(c8);
  while (c9 < 10)
    c9 = work(c9);
  while (c10 < 10)
    c10 = work(c10);
  while (c11 < 10)
    c11 = work(c11);
  while (c12 < 10)
    c12 = work(c12);
  if (own)
    free(p);
  if (c0 > 100)
    work(200);
  if (c1 > 100)
    work(201);
  if (c2 > 100)
    work(202);
  if (c3 > 100)
    work(203);
  if (c4 > 100)
    work(204);
  if (c5 > 100)
    work(205);
  if (c6 > 100)
    work(206);
  if (c7 > 100)
    work(207);
  if (c8 > 100)
    work(208);
  if (c9 > 100)
    work(209);
  if (c10 > 100)
    work(210);
  if (c11 > 100)
    work(211);
  if (c12 > 100)
    work(212);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'p' is skipped when the function ends here

void manyConditionsFlagLast(int k, int c0, int c1, int c2, int c3, int c4, int c5, int c6, int c7, int c8, int c9, int c10, int c11, int c12) {
  char *p = "constant";
  int own = 0;
  if (k) {
    p = strdup("copy");
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'strdup' is not released on every path [raii-release-skipped]
    if (!p)
      return;
    own = 1;
  }
  while (c0 < 10)
    c0 = work(c0);
  while (c1 < 10)
    c1 = work(c1);
  while (c2 < 10)
    c2 = work(c2);
  while (c3 < 10)
    c3 = work(c3);
  while (c4 < 10)
    c4 = work(c4);
  while (c5 < 10)
    c5 = work(c5);
  while (c6 < 10)
    c6 = work(c6);
  while (c7 < 10)
    c7 = work(c7);
  while (c8 < 10)
    c8 = work(c8);
  while (c9 < 10)
    c9 = work(c9);
  while (c10 < 10)
    c10 = work(c10);
  while (c11 < 10)
    c11 = work(c11);
  while (c12 < 10)
    c12 = work(c12);
  if (c0 > 100)
    work(200);
  if (c1 > 100)
    work(201);
  if (c2 > 100)
    work(202);
  if (c3 > 100)
    work(203);
  if (c4 > 100)
    work(204);
  if (c5 > 100)
    work(205);
  if (c6 > 100)
    work(206);
  if (c7 > 100)
    work(207);
  if (c8 > 100)
    work(208);
  if (c9 > 100)
    work(209);
  if (c10 > 100)
    work(210);
  if (c11 > 100)
    work(211);
  if (c12 > 100)
    work(212);
  if (own)
    free(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'p' is skipped when the function ends here

// In a loop, the tests of an `else if` chain come again only with the
// next round: the flag tested right after the chain outlives them, however
// long the chain (minidlna's tag parsers: twelve frames kept, the rest
// freed).
struct song {
  char *f[16];
};
const char *next_frame(int i, const char **id);
#define KEEP(n)                                                                \
  else if (!strcmp(id, #n)) {                                                  \
    used = 1;                                                                  \
    s->f[n] = text;                                                            \
  }
void keepFrames(struct song *s) {
  const char *t;
  char *text;
  const char *id;
  int used, i = 0;
  while ((t = next_frame(i, &id))) {
    used = 0;
    text = strdup(t);
    if (!strcmp(id, "0")) {
      used = 1;
      s->f[0] = text;
    }
    KEEP(1) KEEP(2) KEEP(3) KEEP(4) KEEP(5) KEEP(6)
    KEEP(7) KEEP(8) KEEP(9) KEEP(10) KEEP(11)
    if (!used)
      free(text);
    i++;
  }
}
