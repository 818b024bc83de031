// `pthread_exit` ends the thread, not the process: what the thread still
// holds there is lost, a mutex stays locked for good (partimage's
// partimaged.cpp drops a client's buffers so). The value it is given is
// the thread's result, handed to `pthread_join`. A cleanup handler pushed
// around the call runs there, and so does a variable's cleanup function:
// neither is reported.
// RUN: %check_raii %s raii-release-skipped %t -- -std=gnu11
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void *leaksBuffer(void *arg) {
  char *buf = malloc(64);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!buf)
    pthread_exit(NULL);
  if (read(0, buf, 64) <= 0)
    pthread_exit(NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'buf' is skipped when 'pthread_exit' ends the thread
  free(buf);
  return NULL;
}

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void *exitsLocked(void *arg) {
  pthread_mutex_lock(&lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'lock' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  if (read(0, arg, 64) <= 0)
    pthread_exit(NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'lock' is skipped when 'pthread_exit' ends the thread
  pthread_mutex_unlock(&lock);
  return NULL;
}

void *resultHandedToJoin(void *arg) {
  int *result = malloc(sizeof(int));
  if (!result)
    pthread_exit(NULL);
  *result = read(0, arg, 64);
  pthread_exit(result);
}

void unlock_routine(void *m);

void *handlerRunsAtExit(void *arg) {
  pthread_mutex_lock(&lock);
  pthread_cleanup_push(unlock_routine, &lock);
  if (read(0, arg, 64) <= 0)
    pthread_exit(NULL);
  pthread_cleanup_pop(1);
  return NULL;
}

static void freeBuffer(char **p) { free(*p); }

void *cleanupVariable(void *arg) {
  __attribute__((cleanup(freeBuffer))) char *buf = malloc(64);
  if (!buf)
    return NULL;
  if (read(0, buf, 64) <= 0)
    pthread_exit(NULL);
  return NULL;
}

// Any handle may be the thread's result, also cast to a pointer.
void *streamAsResult(void *arg) {
  FILE *f = fopen((const char *)arg, "r");
  if (!f)
    pthread_exit(NULL);
  pthread_exit(f);
}

void *descriptorAsResult(void *arg) {
  int fd = open((const char *)arg, O_RDONLY);
  if (fd < 0)
    pthread_exit(NULL);
  pthread_exit((void *)(intptr_t)fd);
}
