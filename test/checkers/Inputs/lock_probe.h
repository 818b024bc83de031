// Test helper for run tests: is a lockable held (by this thread's guard)?
// Another thread tries to take it exclusively.
#pragma once
#include <thread>

template <class Lockable> bool heldElsewhere(Lockable &mx) {
  bool held = false;
  std::thread t([&] {
    if (mx.try_lock())
      mx.unlock();
    else
      held = true;
  });
  t.join();
  return held;
}
