// pthread_cleanup_push(routine, arg) .. pthread_cleanup_pop(1) calls the
// routine at the pop: a lock taken between them and unlocked by the routine
// is released there, also where the routine is pthread_mutex_unlock itself
// cast to `void *` (squashfs-tools), so a function of the file that does
// this is no lock wrapper and calling it twice is no reacquire; a routine
// the translation unit declares but does not show unlocks the held lock it
// is given. A pop that may not run the routine (`pthread_cleanup_pop(
// !keep)`) may leave the lock held.
// RUN: %check_raii %s 'raii-release-skipped,raii-reacquire,raii-double-release' %t -- -std=gnu11 -isystem %mock_include/libc

#include <pthread.h>

pthread_mutex_t pos_mutex = PTHREAD_MUTEX_INITIALIZER;
int data;

static void unlock_routine(void *m) { pthread_mutex_unlock(m); }

void writeAt(int v) {
  pthread_cleanup_push((void *)pthread_mutex_unlock, &pos_mutex);
  pthread_mutex_lock(&pos_mutex);
  data = v;
  pthread_cleanup_pop(1);
}

void writeTwice(void) {
  writeAt(1);
  writeAt(2);
}

void castRoutineThenLockAgain(void) {
  pthread_cleanup_push((void *)pthread_mutex_unlock, &pos_mutex);
  pthread_mutex_lock(&pos_mutex);
  data = 3;
  pthread_cleanup_pop(1);
  pthread_mutex_lock(&pos_mutex);
  data = 4;
  pthread_mutex_unlock(&pos_mutex);
}

void typedRoutine(void) {
  pthread_cleanup_push(unlock_routine, &pos_mutex);
  pthread_mutex_lock(&pos_mutex);
  data = 5;
  pthread_cleanup_pop(1);
}

void popRunsSometimes(int keep) {
  pthread_cleanup_push((void *)pthread_mutex_unlock, &pos_mutex);
  pthread_mutex_lock(&pos_mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pos_mutex' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  data = 6;
  pthread_cleanup_pop(!keep);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'pos_mutex' is skipped when the function ends here

// A routine the translation unit declares but does not show
// (multipath-tools' cleanup_mutex, in another file) installed with a held
// lock unlocks it, as the lock's family would: so the function of the
// file is no lock wrapper either. A pop that does not run it, another
// lock, a block of memory (a routine given one may only log it), a routine
// the function was given, or a call in the pop's argument, leave the
// handle as it was.
void cleanup_mutex(void *arg);
void cleanup_free(void *arg);
void *malloc(unsigned long n);
void free(void *p);
pthread_mutex_t dm_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t other_lock = PTHREAD_MUTEX_INITIALIZER;

static int unseenRoutine(int v) {
  pthread_mutex_lock(&dm_lock);
  pthread_cleanup_push(cleanup_mutex, &dm_lock);
  data = v;
  pthread_cleanup_pop(1);
  return v;
}

int unseenRoutineTwice(void) { return unseenRoutine(1) + unseenRoutine(2); }

void unseenRoutineGivenBlock(int v) {
  char *buf = malloc(16);
  if (!buf)
    return;
  pthread_cleanup_push(cleanup_free, buf);
  buf[0] = (char)v;
  pthread_cleanup_pop(1);
  free(buf);
}

void positiveRoutineGivenAsParameter(void (*routine)(void *), int v) {
  pthread_mutex_lock(&dm_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'dm_lock' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  pthread_cleanup_push(routine, &dm_lock);
  data = v;
  pthread_cleanup_pop(1);
  if (v)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'dm_lock' is skipped by this return
  pthread_mutex_unlock(&dm_lock);
}

int check_lock(pthread_mutex_t *m);
void positiveCallInPopArgument(int v) {
  pthread_mutex_lock(&other_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'other_lock' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  pthread_cleanup_push(cleanup_mutex, &dm_lock);
  data = v;
  pthread_cleanup_pop(check_lock(&other_lock));
  if (v)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'other_lock' is skipped by this return
  pthread_mutex_unlock(&other_lock);
}

void unseenRoutineNotRun(int v) {
  pthread_mutex_lock(&dm_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'dm_lock' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  pthread_cleanup_push(cleanup_mutex, &dm_lock);
  data = v;
  pthread_cleanup_pop(0);
  if (v)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'dm_lock' is skipped by this return
  pthread_mutex_unlock(&dm_lock);
}

void unseenRoutineOtherLock(int v) {
  pthread_mutex_lock(&other_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'other_lock' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  pthread_cleanup_push(cleanup_mutex, &dm_lock);
  data = v;
  pthread_cleanup_pop(1);
  if (v)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'other_lock' is skipped by this return
  pthread_mutex_unlock(&other_lock);
}

// The routine given the object that holds the lock as a field
// (multipath-tools' `lock(&vecs->lock)` of a `struct mutex_lock` and
// `pthread_cleanup_push(cleanup_lock, &vecs->lock)`) unlocks it too.
struct mutex_lock {
  pthread_mutex_t mutex;
  int waiters;
};
struct vectors {
  struct mutex_lock lock;
  int paths;
};
static void lock_it(struct mutex_lock *a) { pthread_mutex_lock(&a->mutex); }
void cleanup_lock(void *data);
static void tick(struct vectors *vecs) {
  pthread_cleanup_push(cleanup_lock, &vecs->lock);
  lock_it(&vecs->lock);
  vecs->paths++;
  pthread_cleanup_pop(1);
}
void tickTwice(struct vectors *vecs) {
  tick(vecs);
  pthread_cleanup_push(cleanup_lock, &vecs->lock);
  lock_it(&vecs->lock);
  vecs->paths--;
  pthread_cleanup_pop(1);
}

// Not a lock of an object a field points to, nor one of two the object
// holds: the routine's choice is unknown, the locks stay held.
struct node_locks {
  pthread_mutex_t a;
  pthread_mutex_t b;
  struct mutex_lock *child;
};
void cleanup_node(void *data);
void positiveTwoLocks(struct node_locks *o) {
  pthread_cleanup_push(cleanup_node, o);
  pthread_mutex_lock(&o->a);
  pthread_mutex_lock(&o->b);
  data++;
  pthread_cleanup_pop(1);
  pthread_mutex_lock(&o->b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'o->b' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'o->b' was first acquired here
  pthread_mutex_unlock(&o->b);
}
void positiveLockThroughPointer(struct node_locks *o) {
  pthread_cleanup_push(cleanup_node, o);
  pthread_mutex_lock(&o->child->mutex);
  data++;
  pthread_cleanup_pop(1);
  pthread_mutex_lock(&o->child->mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'o->child->mutex' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'o->child->mutex' was first acquired here
  pthread_mutex_unlock(&o->child->mutex);
}
