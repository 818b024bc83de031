// An object an acquire initialises in place (`pthread_attr_init(&attr)`),
// copied whole into a place that outlives the function (a field through a
// pointer, a global, the returned value), goes with the copy: whoever has
// the copy destroys it (fish's spawner keeps its posix_spawnattr_t so).
// A copy into a local object does not, and a return before the copy still
// leaks.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c11 -isystem %mock_include/libc

#include <pthread.h>

struct spawner {
  pthread_attr_t attr;
  int has_attr;
};

pthread_attr_t shared_attr;

int intoField(struct spawner *s) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0)
    return -1;
  s->attr = attr;
  s->has_attr = 1;
  return 0;
}

void intoGlobal(void) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0)
    return;
  shared_attr = attr;
}

pthread_attr_t returned(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  return attr;
}

int intoLocal(int n) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'attr' acquired by 'pthread_attr_init' is never released [raii-release-skipped]
    return -1;
  struct spawner local;
  local.attr = attr;
  return n + local.has_attr;
}

int returnsBeforeTheCopy(struct spawner *s, int fail) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'attr' acquired by 'pthread_attr_init' is never released, and not handed off on every path [raii-release-skipped]
    return -1;
  if (fail)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'attr' is skipped by this return
  s->attr = attr;
  return 0;
}
