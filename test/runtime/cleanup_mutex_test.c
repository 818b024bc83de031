/* Run test of <raii/cleanup.h>: RAII_MUTEX_GUARD holds the mutex inside its
 * scope and unlocks it on every way out -- closing brace, return from nested
 * blocks, goto, break, continue, return from inside a loop. A second thread
 * probes the mutex with pthread_mutex_trylock (EBUSY while held, 0 once
 * released). A lock that fails (an error-checking mutex locked again)
 * gives a NULL guard that unlocks nothing. */
#include <raii/cleanup.h>

#include <errno.h>

#include "support/c_check.h"

static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;

static void *trylock_thread(void *arg) {
  pthread_mutex_t *m = (pthread_mutex_t *)arg;
  int rc = pthread_mutex_trylock(m);
  if (rc == 0)
    pthread_mutex_unlock(m);
  return (void *)(long)rc;
}

/* pthread_mutex_trylock's result in another thread: EBUSY when some thread
 * holds m, 0 when it was free. */
static int probe(pthread_mutex_t *m) {
  pthread_t t;
  void *rc;
  CHECK_EQ(pthread_create(&t, NULL, trylock_thread, m), 0);
  CHECK_EQ(pthread_join(t, &rc), 0);
  return (int)(long)rc;
}

static int probes_inside; /* how many in-scope probes found the lock held */

static void expect_held(pthread_mutex_t *m) {
  CHECK_EQ(probe(m), EBUSY);
  ++probes_inside;
}

static void closing_brace(void) {
  {
    RAII_MUTEX_GUARD(lock_m1, &m1);
    CHECK(lock_m1 == &m1);
    expect_held(&m1);
  }
}

static int return_from_nested_blocks(int depth) {
  RAII_MUTEX_GUARD(lock_m1, &m1);
  {
    RAII_MUTEX_GUARD(lock_m2, &m2);
    expect_held(&m1);
    expect_held(&m2);
    if (depth == 2)
      return 2;
  }
  CHECK_EQ(probe(&m2), 0); /* the inner guard released m2 only */
  expect_held(&m1);
  return 1;
}

static int goto_out_of_scope(int fail) {
  int rc = 0;
  {
    RAII_MUTEX_GUARD(lock_m1, &m1);
    expect_held(&m1);
    if (fail) {
      rc = -1;
      goto out;
    }
    rc = 1;
  }
out:
  return rc;
}

static int loop_with_break(void) {
  int i;
  for (i = 0; i < 10; ++i) {
    RAII_MUTEX_GUARD(lock_m1, &m1);
    if (i == 3) {
      expect_held(&m1);
      break;
    }
  }
  return i;
}

static int loop_with_continue(void) {
  int odd = 0;
  int i;
  for (i = 0; i < 6; ++i) {
    RAII_MUTEX_GUARD(lock_m1, &m1); /* would deadlock if not unlocked */
    if (i % 2 == 0) {
      expect_held(&m1);
      continue;
    }
    ++odd;
  }
  return odd;
}

static int return_from_loop(void) {
  int i = 0;
  while (1) {
    RAII_MUTEX_GUARD(lock_m1, &m1);
    if (i == 4) {
      expect_held(&m1);
      return i;
    }
    ++i;
  }
}

/* Locking an error-checking mutex the thread holds fails with EDEADLK: the
 * inner guard is NULL and unlocks nothing, the outer one still holds it. */
static void failed_lock(void) {
  pthread_mutexattr_t attr;
  pthread_mutex_t ec;
  CHECK_EQ(pthread_mutexattr_init(&attr), 0);
  CHECK_EQ(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK), 0);
  CHECK_EQ(pthread_mutex_init(&ec, &attr), 0);
  CHECK_EQ(pthread_mutexattr_destroy(&attr), 0);
  {
    RAII_MUTEX_GUARD(outer, &ec);
    CHECK(outer == &ec);
    {
      RAII_MUTEX_GUARD(inner, &ec);
      CHECK(inner == NULL);
    }
    CHECK_EQ(probe(&ec), EBUSY);
  }
  CHECK_EQ(probe(&ec), 0);
  CHECK_EQ(pthread_mutex_destroy(&ec), 0);
}

#define EXPECT_UNLOCKED(call, held_probes)                                   \
  do {                                                                       \
    probes_inside = 0;                                                       \
    (void)(call);                                                            \
    CHECK_EQ(probes_inside, held_probes);                                    \
    CHECK_EQ(probe(&m1), 0);                                                 \
    CHECK_EQ(probe(&m2), 0);                                                 \
  } while (0)

int main(void) {
  /* The probe itself tells held from free. */
  CHECK_EQ(pthread_mutex_lock(&m1), 0);
  CHECK_EQ(probe(&m1), EBUSY);
  CHECK_EQ(pthread_mutex_unlock(&m1), 0);
  CHECK_EQ(probe(&m1), 0);

  EXPECT_UNLOCKED((closing_brace(), 0), 1);
  EXPECT_UNLOCKED(return_from_nested_blocks(2), 2);
  EXPECT_UNLOCKED(return_from_nested_blocks(1), 3);
  EXPECT_UNLOCKED(goto_out_of_scope(1), 1);
  EXPECT_UNLOCKED(goto_out_of_scope(0), 1);
  EXPECT_UNLOCKED(loop_with_break(), 1);
  EXPECT_UNLOCKED(loop_with_continue(), 3);
  EXPECT_UNLOCKED(return_from_loop(), 1);
  failed_lock();

  CHECK_EQ(return_from_nested_blocks(2), 2);
  CHECK_EQ(goto_out_of_scope(1), -1);
  CHECK_EQ(loop_with_break(), 3);
  CHECK_EQ(loop_with_continue(), 3);
  CHECK_EQ(return_from_loop(), 4);
  puts("cleanup_mutex: ok");
  return 0;
}
