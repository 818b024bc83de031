// RUN: %check_raii %s raii-release-skipped %t -- -std=c11 -isystem %mock_include/libc

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <unistd.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
mtx_t cmtx;
int check(int);

// ---- positive ---------------------------------------------------------------

int positiveCopy(const char *from, const char *to) {
  FILE *in = fopen(from, "r");
  if (!in)
    return -1;
  FILE *out = fopen(to, "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'out' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (!out) {
    fclose(in);
    return -1;
  }
  if (check(1)) {
    fclose(in);
    return -2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'out' is skipped by this return
  }
  fclose(out);
  fclose(in);
  return 0;
}

int positiveFd(const char *path) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path
  if (fd < 0)
    return -1;
  char buf[8];
  if (read(fd, buf, sizeof buf) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  close(fd);
  return 0;
}

int positivePthread(int n) {
  pthread_mutex_lock(&lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'lock' acquired by 'pthread_mutex_lock' is not released on every path
  if (n < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'lock' is skipped by this return
  pthread_mutex_unlock(&lock);
  return 0;
}

int positiveC11(int n) {
  mtx_lock(&cmtx);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cmtx' acquired by 'mtx_lock' is not released on every path
  while (n-- > 0) {
    if (check(n))
      goto fail;
  }
  mtx_unlock(&cmtx);
  return 0;
fail:
  return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'cmtx' is skipped by this return
}

void positiveDir(const char *p) {
  DIR *d = opendir(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'd' acquired by 'opendir' is never released
  if (!d)
    return;
  readdir(d);
}

int positivePipe(void) {
  int fds[2];
  if (pipe(fds) < 0)
    return -1;
  close(fds[0]);
  return fds[1] > 2;
}
// CHECK-MESSAGES: :[[@LINE-5]]:7: warning: 'fds[1]' acquired by 'pipe' is never released

char *positiveMallocLeak(int n) {
  char *p = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is never released, and not handed off on every path [raii-release-skipped]
  if (!p)
    return NULL;
  if (check(n))
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  return p;
}

// A pointer given to a call whose result is a number does not go to the
// caller with that number.
int positiveReturnsOneCharOfStream(const char *path) {
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is never released [raii-release-skipped]
  if (!f)
    return -1;
  return fgetc(f);
}

// An initialiser list that stores something else leaves the stream tracked.
struct named { const char *name; int n; };
int show(const struct named *v);
int positiveStreamBesideInitList(const char *path, int e) {
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (!f)
    return -1;
  struct named v = {.name = path, .n = 1};
  show(&v);
  if (e)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  fclose(f);
  return 0;
}

// ---- negative ---------------------------------------------------------------

// A handle an initialiser list stores in an object goes with the object, as
// one assigned to its field does (collectd's plugin_register_read(name, cb,
// &(user_data_t){.data = p, .free_func = free})).
typedef struct { void *data; void (*free_func)(void *); } user_data;
int register_reader(const char *name, const user_data *ud);
int negativeHandleInCompoundLiteral(const char *name) {
  int *inst = calloc(1, sizeof(*inst));
  if (!inst)
    return -1;
  register_reader(name, &(user_data){.data = inst, .free_func = free});
  return 0;
}

int negativeHandleInLocalAggregate(const char *name) {
  int *inst = calloc(1, sizeof(*inst));
  if (!inst)
    return -1;
  user_data ud = {.data = inst, .free_func = free};
  register_reader(name, &ud);
  return 0;
}

user_data negativeHandleInReturnedAggregate(void) {
  int *inst = malloc(sizeof(*inst));
  if (!inst)
    return (user_data){NULL, NULL};
  user_data ret = {.data = inst, .free_func = free};
  return ret;
}


int keep_stream(FILE *f); // defined in another file: it may keep f
FILE *checked_stream(FILE *f);
int setup_fd(int fd);

// A call the file cannot see may take what it is given, whatever it
// returns; a pointer or a descriptor the call returns may be the handle.
int negativeReturnsKeeperStatus(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  return keep_stream(f);
}

FILE *negativeReturnsCheckedStream(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  return checked_stream(f);
}

int negativeReturnsSetUpDescriptor(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  return setup_fd(fd);
}


int negativeCleanupLabel(const char *a) {
  int rc = -1;
  FILE *f = fopen(a, "r");
  if (!f)
    goto out;
  if (check(2))
    goto close;
  rc = 0;
close:
  fclose(f);
out:
  return rc;
}

void negativeTrylock(void) {
  if (pthread_mutex_trylock(&lock) != 0)
    return;
  pthread_mutex_unlock(&lock);
}

void negativeTrylockStored(void) {
  int rc = pthread_mutex_trylock(&lock);
  if (rc)
    return;
  pthread_mutex_unlock(&lock);
}

void negativeAcquireWrapper(pthread_mutex_t *m) { pthread_mutex_lock(m); }

void negativeAlias(void) {
  pthread_mutex_t *m = &lock;
  pthread_mutex_lock(m);
  pthread_mutex_unlock(&lock);
}

struct conn { int fd; char *name; };
void negativeStored(struct conn *c, const char *p) {
  int fd = open(p, O_RDONLY);
  if (fd < 0)
    return;
  c->fd = fd;
}

void negativeAbort(const char *p) {
  FILE *f = fopen(p, "r");
  if (!f)
    abort();
  fclose(f);
}

void negativeStrdup(struct conn *c, const char *s) {
  char *copy = strdup(s);
  c->name = copy;
}

int negativeFdEqualsMinusOne(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd == -1)
    return -1;
  close(fd);
  return 0;
}

void negativeRealloc(int n) {
  char *p = malloc(4);
  if (!p)
    return;
  char *q = realloc(p, n);
  if (!q) {
    free(p);
    return;
  }
  free(q);
}

FILE *negativeFdopenTakesFd(const char *p) {
  int fd = open(p, O_RDONLY);
  if (fd < 0)
    return NULL;
  FILE *f = fdopen(fd, "r");
  if (!f) {
    close(fd);
    return NULL;
  }
  return f;
}

// The stream owns the descriptor only if fdopen succeeded: where the
// function tests for its failure, that path still holds fd (znc's
// WritePemFile). An untested fdopen hands fd over.
int positiveFdopenFails(const char *p) {
  int fd = creat(p, 0600);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'creat' is never released, and not handed off on every path [raii-release-skipped]
  if (fd == -1)
    return -1;
  FILE *f = fdopen(fd, "w");
  if (!f)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  fputs("x", f);
  fclose(f);
  return 0;
}

int positiveFdopenFailsInCondition(const char *p) {
  FILE *f;
  int fd = creat(p, 0600);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'creat' is never released, and not handed off on every path [raii-release-skipped]
  if (fd == -1)
    return -1;
  if ((f = fdopen(fd, "w")) == NULL)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  fputs("x", f);
  fclose(f);
  return 0;
}

int negativeFdopenUntested(const char *p) {
  int fd = creat(p, 0600);
  if (fd == -1)
    return -1;
  FILE *f = fdopen(fd, "w");
  fputs("x", f);
  fclose(f);
  return 0;
}

// Passing the stream to a call whose result is tested does not test the
// stream (tmux's popup_editor): fdopen stays untested.
int negativeFdopenUsedInCondition(const char *p) {
  int fd = creat(p, 0600);
  if (fd == -1)
    return -1;
  FILE *f = fdopen(fd, "w");
  if (fputs("x", f) < 0) {
    fclose(f);
    return -1;
  }
  fclose(f);
  return 0;
}

int negativeFdopenUsedLaterInCondition(const char *p) {
  int fd = creat(p, 0600);
  if (fd == -1)
    return -1;
  FILE *f = fdopen(fd, "w");
  int n = 3;
  while (n-- > 0 && fputs("x", f) >= 0)
    ;
  fclose(f);
  return 0;
}

int positiveFdopenTestedLater(const char *p, int k) {
  int fd = creat(p, 0600);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'creat' is never released, and not handed off on every path [raii-release-skipped]
  if (fd == -1)
    return -1;
  FILE *f = fdopen(fd, "w");
  if (k > 0 && f == NULL)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  fputs("x", f);
  fclose(f);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped by this return
}
