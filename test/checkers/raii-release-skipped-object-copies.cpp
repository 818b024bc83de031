// C++: an object an acquire initialises in place, copied into an object
// outside the function's locals by its assignment operator or by a
// non-const member (`slot_ = attr;`, `store->put(attr)`), goes with the
// copy. Copied into a local object it does not.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17 -isystem %mock_include/libc

#include <pthread.h>

template <typename T> struct Slot {
  T value{};
  bool set = false;
  Slot &operator=(const T &v) {
    value = v;
    set = true;
    return *this;
  }
  void put(const T &v) { *this = v; }
  bool same(const T &v) const;
};

// Assigned through a temporary its converting constructor builds (fish's
// maybe_t).
template <typename T> struct Maybe {
  Maybe() = default;
  Maybe(const T &v) : value(v), set(true) {}
  Maybe &operator=(Maybe &&) = default;
  T value{};
  bool set = false;
};

struct Spawner {
  Slot<pthread_attr_t> attr_;
  Maybe<pthread_attr_t> maybe_;
  explicit Spawner(int);
  Spawner();
  explicit Spawner(Slot<pthread_attr_t> *store);
  void local();
};

Spawner::Spawner() {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0)
    return;
  attr_ = attr;
}

Spawner::Spawner(int) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0)
    return;
  maybe_ = attr;
}

Spawner::Spawner(Slot<pthread_attr_t> *store) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0)
    return;
  store->put(attr);
}

void Spawner::local() {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'attr' acquired by 'pthread_attr_init' is never released [raii-release-skipped]
    return;
  Slot<pthread_attr_t> mine;
  mine = attr;
  if (attr_.same(attr))
    return;
}
