// C++: `delete` of a local object, of a static one, and of an object built
// by placement `new` in a local buffer.
// RUN: %check_raii %s raii-mismatched-release %t -- -std=c++17
#include <new>

struct Widget {
  int v = 0;
};

void positivePlacement() {
  alignas(Widget) unsigned char buffer[sizeof(Widget)];
  Widget *w = new (buffer) Widget;
  w->v = 1;
  delete w;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'w' is released by 'delete' but points to the local array 'buffer', which no allocator gave out [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'w' gets that address here
}

void positiveStaticObject() {
  static Widget shared;
  Widget *w = &shared;
  delete w;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'w' is released by 'delete' but points to the static variable 'shared', which no allocator gave out [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'w' gets that address here
}

void positiveArrayDelete() {
  int values[4] = {};
  int *p = values;
  delete[] p;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'delete[]' but points to the local array 'values', which no allocator gave out [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'p' gets that address here
}

// Placement new in heap memory, destroyed and freed the right way.
void negativePlacementOnHeap() {
  void *raw = ::operator new(sizeof(Widget));
  Widget *w = new (raw) Widget;
  w->~Widget();
  ::operator delete(raw);
}

void negativeHeapObject(bool own) {
  static Widget fallback;
  Widget *w = own ? new Widget : &fallback;
  if (w != &fallback)
    delete w;
}

// A lambda's own analysis does not see the writes of the variable it
// captures: it says nothing of it.
void free(void *) noexcept;
void *malloc(decltype(sizeof 0)) noexcept;
void negativeCapturedPointer() {
  char buf[8];
  char *p = buf;
  auto done = [&] { free(p); };
  p = static_cast<char *>(malloc(16));
  done();
}
