/* Test helper for C run tests: is a pthread mutex held (by this thread)?
 * Another thread tries to take it. */
#pragma once
#include <pthread.h>

static void *c_mutex_probe_thread(void *m) {
  if (pthread_mutex_trylock((pthread_mutex_t *)m) != 0)
    return m;
  pthread_mutex_unlock((pthread_mutex_t *)m);
  return 0;
}

static inline int heldNow(pthread_mutex_t *m) {
  pthread_t t;
  void *held = 0;
  pthread_create(&t, 0, c_mutex_probe_thread, m);
  pthread_join(t, &held);
  return held != 0;
}
