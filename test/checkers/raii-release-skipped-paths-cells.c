// A parameter pointing to a flag the function sets (`unsigned short
// *mustFree`) and only dereferences, tests or passes on is a cell: what
// `*mustFree = 1` stores holds for the tests of `*mustFree` after it, until
// the body gives the parameter to a call or stores where the flag may be
// (through a pointer that is no parameter, a global, a field of `this`);
// two parameters are taken to point to different objects. The twins leave
// a path where the flag may have changed: the copy is then not known to be
// freed.
// RUN: %check_raii %s 'raii-release-skipped' %t -- -std=c11 -isystem %mock_include/libc

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

void clear_flag(unsigned short *flag);
int work(const char *);

// rsyslog's MsgGetProp: the flag says whether the result is a copy.
char *property(const char *name, int bad, unsigned short *mustFree) {
  char *res;
  *mustFree = 0;
  if (name[0] == 'x') {
    res = strdup(name);
    if (res == NULL)
      return "**OOM**";
    *mustFree = 1;
  } else {
    res = (char *)"const";
  }
  if (bad) {
    if (*mustFree == 1)
      free(res);
    *mustFree = 0;
    return "**BAD**";
  }
  return res;
}

// Tested for truth, after a pointer test of the cell itself.
char *propertyTruth(const char *name, int bad, int *owned) {
  char *res = (char *)"const";
  if (owned == NULL)
    return res;
  *owned = 0;
  if (name[0] == 'x') {
    res = strdup(name);
    if (!res)
      return NULL;
    *owned = 1;
  }
  if (bad) {
    if (*owned)
      free(res);
    return NULL;
  }
  return res;
}

// A call given the cell may clear the flag: the copy may leak.
char *propertyCleared(const char *name, int bad, unsigned short *mustFree) {
  char *res;
  *mustFree = 0;
  if (name[0] == 'x') {
    res = strdup(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'res' acquired by 'strdup' is not released on every path [raii-release-skipped]
    if (res == NULL)
      return "**OOM**";
    *mustFree = 1;
  } else {
    res = (char *)"const";
  }
  clear_flag(mustFree);
  if (bad) {
    if (*mustFree == 1)
      free(res);
    return "**BAD**";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'res' is skipped by this return
  }
  return res;
}

// A write through a pointer that is no parameter (a global's) may be a
// write of the flag.
extern unsigned short *currentFlag;

char *propertyOther(const char *name, int bad, unsigned short *mustFree) {
  char *res;
  *mustFree = 0;
  if (name[0] == 'x') {
    res = strdup(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'res' acquired by 'strdup' is not released on every path [raii-release-skipped]
    if (res == NULL)
      return "**OOM**";
    *mustFree = 1;
  } else {
    res = (char *)"const";
  }
  *currentFlag = 0;
  if (bad) {
    if (*mustFree == 1)
      free(res);
    return "**BAD**";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'res' is skipped by this return
  }
  return res;
}

// A parameter copied into a local is no cell: the local may write it.
char *propertyCopied(const char *name, int bad, unsigned short *mustFree) {
  unsigned short *alias = mustFree;
  char *res;
  *mustFree = 0;
  if (name[0] == 'x') {
    res = strdup(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'res' acquired by 'strdup' is not released on every path [raii-release-skipped]
    if (res == NULL)
      return "**OOM**";
    *mustFree = 1;
  } else {
    res = (char *)"const";
  }
  if (bad) {
    if (*alias == 1)
      free(res);
    return "**BAD**";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'res' is skipped by this return
  }
  return res;
}

// The flag is set where nothing was copied: the test frees a constant on
// no path, and the copy leaks.
char *propertyWrongValue(const char *name, int bad, unsigned short *mustFree) {
  char *res;
  *mustFree = 1;
  if (name[0] == 'x') {
    res = strdup(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'res' acquired by 'strdup' is not released on every path [raii-release-skipped]
    if (res == NULL)
      return "**OOM**";
    *mustFree = 0;
  } else {
    res = (char *)"const";
  }
  if (bad) {
    if (*mustFree == 1)
      free(res);
    return "**BAD**";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'res' is skipped by this return
  }
  return res;
}

// Another out-parameter written in between: taken to be another object.
char *propertyTwoOut(const char *name, int bad, unsigned short *mustFree,
                     unsigned short *err) {
  char *res;
  *mustFree = 0;
  if (name[0] == 'x') {
    res = strdup(name);
    if (res == NULL)
      return "**OOM**";
    *mustFree = 1;
  } else {
    res = (char *)"const";
  }
  *err = 0;
  if (bad) {
    if (*mustFree == 1)
      free(res);
    *err = 1;
    return "**BAD**";
  }
  return res;
}

// A buffer of the function's own written in between cannot be the flag.
char *propertyLocalBuffer(const char *name, int bad, unsigned short *mustFree) {
  unsigned short buf[4];
  unsigned short *w = buf;
  char *res;
  *mustFree = 0;
  if (name[0] == 'x') {
    res = strdup(name);
    if (res == NULL)
      return "**OOM**";
    *mustFree = 1;
  } else {
    res = (char *)"const";
  }
  *w = 0;
  if (bad) {
    if (*mustFree == 1)
      free(res);
    return "**BAD**";
  }
  return res + buf[0];
}

// Stores and calls that may reach the flag: the cell given as `&*p`, a
// store through a global pointer's element, a call given a pointer read
// from a structure.
struct holder {
  unsigned short *f;
};

char *propertyCellAddress(const char *name, int bad,
                          unsigned short *mustFree) {
  char *res;
  *mustFree = 0;
  if (name[0] == 'x') {
    res = strdup(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'res' acquired by 'strdup' is not released on every path [raii-release-skipped]
    if (res == NULL)
      return "**OOM**";
    *mustFree = 1;
  } else {
    res = (char *)"const";
  }
  clear_flag(&*mustFree);
  if (bad) {
    if (*mustFree == 1)
      free(res);
    return "**BAD**";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'res' is skipped by this return
  }
  return res;
}

char *propertyGlobalElement(const char *name, int bad,
                            unsigned short *mustFree) {
  char *res;
  *mustFree = 0;
  if (name[0] == 'x') {
    res = strdup(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'res' acquired by 'strdup' is not released on every path [raii-release-skipped]
    if (res == NULL)
      return "**OOM**";
    *mustFree = 1;
  } else {
    res = (char *)"const";
  }
  currentFlag[0] = 0;
  if (bad) {
    if (*mustFree == 1)
      free(res);
    return "**BAD**";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'res' is skipped by this return
  }
  return res;
}

char *propertyHeldPointer(const char *name, int bad, unsigned short *mustFree,
                          struct holder *h) {
  char *res;
  *mustFree = 0;
  if (name[0] == 'x') {
    res = strdup(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'res' acquired by 'strdup' is not released on every path [raii-release-skipped]
    if (res == NULL)
      return "**OOM**";
    *mustFree = 1;
  } else {
    res = (char *)"const";
  }
  clear_flag(h->f);
  if (bad) {
    if (*mustFree == 1)
      free(res);
    return "**BAD**";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'res' is skipped by this return
  }
  return res;
}

// A call given storage of the function's own that holds no pointer cannot
// reach the flag.
struct counters {
  int hits, misses;
};
void fill(struct counters *c);

char *propertyLocalStruct(const char *name, int bad,
                          unsigned short *mustFree) {
  struct counters st;
  char *res;
  *mustFree = 0;
  if (name[0] == 'x') {
    res = strdup(name);
    if (res == NULL)
      return "**OOM**";
    *mustFree = 1;
  } else {
    res = (char *)"const";
  }
  fill(&st);
  if (bad) {
    if (*mustFree == 1)
      free(res);
    return "**BAD**";
  }
  return st.hits ? res : res + 1;
}

// A test of the flag against 0 where the path knows its value keeps the
// value (the truth it learnt replaced it: the test against 1 after it
// could not be decided, and drew a leak and a double release).

void flagTestedAgainstZero(int c, unsigned short *mustFree) {
  char *p = malloc(1);
  if (!p)
    return;
  *mustFree = 1;
  if (c) {
    free(p);
    *mustFree = 0;
  }
  if (*mustFree == 0)
    work("none");
  if (*mustFree == 1)
    free(p);
}

void flagTestedAgainstZeroLeaks(int c, unsigned short *mustFree) {
  char *p = malloc(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!p)
    return;
  *mustFree = 1;
  if (c)
    *mustFree = 0;
  if (*mustFree == 0)
    work("none");
  if (*mustFree == 1)
    free(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'p' is skipped when the function ends here

// Given to a call as a pointer to const: only read, the flag stays known.
void show_flag(const unsigned short *flag);
char *propertyShown(const char *name, int bad, unsigned short *mustFree) {
  char *res;
  *mustFree = 0;
  if (name[0] == 'x') {
    res = strdup(name);
    if (res == NULL)
      return "**OOM**";
    *mustFree = 1;
  } else {
    res = (char *)"const";
  }
  show_flag(mustFree);
  if (bad) {
    if (*mustFree == 1)
      free(res);
    return "**BAD**";
  }
  return res;
}
