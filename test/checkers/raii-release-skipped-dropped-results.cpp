// C++ acquires whose result is discarded: a wrapper of `new` is `new`
// (the object may register itself with its owner), and a non-const method
// may keep what it returns in its object; a function returning a fresh
// `strdup` copy is still a leak when its result is dropped.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17 -isystem %mock_include/libc

#include <stdlib.h>
#include <string.h>

struct Parent;
struct Widget {
  explicit Widget(Parent *p);
};
Widget *makeWidget(Parent *p) { return new Widget(p); }

struct Node {
  Node *addChild() { return new Node; }
  char *label() const { return strdup("node"); }
};

static char *copyOf(const char *s) { return strdup(s); }

void negativeFactories(Parent *p, Node &root) {
  makeWidget(p);
  root.addChild();
}

void positiveCopies(const Node &n) {
  copyOf("x");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'copyOf' is discarded: what it acquires is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-10]]:45: note: 'copyOf' acquires the resource here
  n.label();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'label' is discarded: what it acquires is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-16]]:32: note: 'label' acquires the resource here
}
