// Correct real-world C idioms: every raii-* check at once, zero findings.
// RUN: %check_raii %s 'raii-release-skipped,raii-use-guard,raii-double-release,raii-mismatched-release,raii-reacquire,raii-unnamed-guard,raii-swallowed-exception,raii-exit-handler-throws,raii-manual-finally' %t -- -std=c11 -isystem %mock_include/libc

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int step(int);

// A goto cleanup ladder.
int gotoLadder(const char *a, const char *b) {
  int rc = -1;
  FILE *in = fopen(a, "r");
  if (!in)
    goto out;
  FILE *out = fopen(b, "w");
  if (!out)
    goto close_in;
  char *buf = malloc(4096);
  if (!buf)
    goto close_out;
  if (step(1) < 0)
    goto free_buf;
  rc = 0;
free_buf:
  free(buf);
close_out:
  fclose(out);
close_in:
  fclose(in);
out:
  return rc;
}

// Single exit with cleanup flags.
int singleExit(const char *p) {
  int fd = open(p, 0);
  int rc = -1;
  if (fd < 0)
    return -1;
  if (step(fd) == 0)
    rc = 0;
  close(fd);
  return rc;
}

// Release and acquire wrappers of this file.
static pthread_mutex_t table_mx = PTHREAD_MUTEX_INITIALIZER;
static void table_lock(void) { pthread_mutex_lock(&table_mx); }
static void table_unlock(void) { pthread_mutex_unlock(&table_mx); }
static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p)
    abort();
  return p;
}
static void xfree(void *p) { free(p); }

int wrappers(size_t n) {
  table_lock();
  int v = step(0);
  table_unlock();
  char *b = xmalloc(n);
  b[0] = (char)v;
  xfree(b);
  return v;
}

// realloc through a temporary.
int growBuffer(char **buf, size_t *cap) {
  char *tmp = realloc(*buf, *cap * 2);
  if (!tmp)
    return -1;
  *buf = tmp;
  *cap *= 2;
  return 0;
}

int growLocal(size_t n) {
  char *p = malloc(16);
  if (!p)
    return -1;
  char *tmp = realloc(p, n);
  if (!tmp) {
    free(p);
    return -1;
  }
  p = tmp;
  p[0] = 0;
  free(p);
  return 0;
}

// EINTR retry.
int acceptRetry(int s) {
  int fd;
  do {
    fd = accept(s, 0, 0);
  } while (fd == -1 && errno == EINTR);
  if (fd == -1)
    return -1;
  close(fd);
  return 0;
}

// Checked lock result, trylock.
int checkedLock(void) {
  if (pthread_mutex_lock(&lock) != 0)
    return -1;
  step(0);
  pthread_mutex_unlock(&lock);
  if (pthread_mutex_trylock(&lock) == 0) {
    step(1);
    pthread_mutex_unlock(&lock);
  }
  return 0;
}

// Handle returned to the caller, or stored in an out-parameter.
FILE *openOrNull(const char *p) {
  FILE *f = fopen(p, "r");
  if (!f)
    return NULL;
  return f;
}

int openInto(const char *p, int *out) {
  int fd = open(p, 0);
  if (fd < 0)
    return -1;
  *out = fd;
  return 0;
}

// A pipe whose ends go their own ways.
int pipeEnds(int *keep) {
  int fds[2];
  if (pipe(fds) != 0)
    return -1;
  close(fds[0]);
  *keep = fds[1];
  return 0;
}

// "-" means standard input, which is not closed.
int countBytes(const char *name) {
  FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
  if (f == NULL)
    return -1;
  int n = 0;
  while (fgetc(f) != EOF)
    n++;
  if (f != stdin)
    fclose(f);
  return n;
}

// Lock only when threads are in use, remembered in a flag.
int bumpShared(int threaded, int *counter) {
  int locked = 0;
  if (threaded) {
    pthread_mutex_lock(&lock);
    locked = 1;
  }
  int v = ++*counter;
  if (locked)
    pthread_mutex_unlock(&lock);
  return v;
}

// A daemon points descriptor 0 at /dev/null and keeps it when open()
// returned 0 itself.
void nullStdin(void) {
  int fd = open("/dev/null", O_RDWR);
  if (fd < 0)
    return;
  if (fd != STDIN_FILENO) {
    dup2(fd, STDIN_FILENO);
    close(fd);
  }
}
