// Test helper for C++ run tests: is a POSIX or C11 mutex, or a toy lock,
// held (by this thread)? Another thread tries to take it. The probes never
// throw (a failure to start a thread terminates).
#pragma once
#include <atomic>
#include <pthread.h>
#include <thread>
#include <threads.h>

inline bool heldNow(pthread_mutex_t &m) noexcept {
  bool held = false;
  std::thread t([&] {
    if (pthread_mutex_trylock(&m) == 0)
      pthread_mutex_unlock(&m);
    else
      held = true;
  });
  t.join();
  return held;
}

inline bool heldNow(mtx_t &m) noexcept {
  bool held = false;
  std::thread t([&] {
    if (mtx_trylock(&m) == thrd_success)
      mtx_unlock(&m);
    else
      held = true;
  });
  t.join();
  return held;
}

// A user lock family (toy-lock.yaml): a spin lock with a C-style API.
struct toy_lock {
  std::atomic<bool> held{false};
};
inline void toy_acquire(toy_lock *l) noexcept {
  while (l->held.exchange(true))
    ;
}
inline void toy_release(toy_lock *l) noexcept { l->held.store(false); }
inline bool heldNow(toy_lock &l) noexcept { return l.held.load(); }
