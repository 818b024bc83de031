// `extends:` adds a project's wrappers to shipped families (and to a family
// of its own file): their handles mix freely with the shipped functions of
// the family, a transfer hands a handle off, and a later file replaces a
// shipped entry.
// RUN: %check_raii --config="{CheckOptions: {RaiiRuleFiles: '%S/Inputs/extends/proj.yaml'}}" %s raii-release-skipped,raii-mismatched-release %t -- -std=c11 -isystem %S/Inputs/extends
// RUN: %check_raii --prefix OVERRIDE --config="{CheckOptions: {RaiiRuleFiles: '%S/Inputs/extends/proj.yaml;%S/Inputs/extends/override.yaml'}}" %s raii-release-skipped %t -- -std=c11 -isystem %S/Inputs/extends -DOVERRIDE

#include <proj_api.h>

int work(void);

#ifndef OVERRIDE
// The wrapper opens, the shipped function closes: one family, no mismatch.
int negativeProjFopenFclose(const char *path) {
  FILE *f = proj_fopen(path);
  if (!f)
    return -1;
  fputs("x", f);
  fclose(f);
  return 0;
}

int negativeFopenProjFclose(const char *path) {
  FILE *f = fopen(path, "w");
  if (!f)
    return -1;
  proj_fclose(f);
  return 0;
}

int positiveProjFopen(const char *path) {
  FILE *f = proj_fopen(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'proj_fopen' is not released on every path [raii-release-skipped]
  if (!f)
    return -1;
  if (work())
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  proj_fclose(f);
  return 0;
}

void negativeProjMalloc(void) {
  char *a = proj_malloc(8);
  char *b = malloc(8);
  char *c = proj_strdup("x");
  free(a);
  proj_free(b);
  proj_free(c);
}

void positiveProjMallocMismatch(void) {
  char *p = proj_malloc(8);
  g_free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' acquired by 'proj_malloc' is released by 'g_free'; release it with 'free' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'p' acquired here
}

// proj_adopt_fd takes the descriptor (a transfer); proj_use_fd borrows it.
void negativeTransfer(const char *path) {
  int fd = proj_open(path);
  if (fd < 0)
    return;
  proj_adopt_fd(fd);
}

void positiveBorrow(const char *path) {
  int fd = proj_open(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'proj_open' is never released [raii-release-skipped]
  if (fd < 0)
    return;
  proj_use_fd(fd);
}

// A lock wrapper added to pthread-mutex pairs with the shipped unlock.
pthread_mutex_t mu;
int counter;

void negativeProjMutex(void) {
  proj_mutex_lock(&mu);
  ++counter;
  pthread_mutex_unlock(&mu);
}

int positiveProjMutex(void) {
  pthread_mutex_lock(&mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  if (work())
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'mu' is skipped by this return
  proj_mutex_unlock(&mu);
  return 0;
}

// A family of the rule file, extended further down the same file.
int negativeConnect(const char *host) {
  proj_conn *c = proj_connect(host);
  if (!c)
    return -1;
  int rc = proj_send(c, "hello");
  proj_disconnect(c);
  return rc;
}

int positiveReconnect(const char *host) {
  proj_conn *d = proj_reconnect(host);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'd' acquired by 'proj_reconnect' is not released on every path [raii-release-skipped]
  if (!d)
    return -2;
  if (proj_send(d, "hello"))
    return -3;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'd' is skipped by this return
  proj_disconnect(d);
  return 0;
}
#endif

// The shipped pipe() acquires on success only; override.yaml replaces that
// entry with an unconditional one, so the failure return now leaks.
int pipeFailure(void) {
  int fds[2];
  if (pipe(fds))
    return -1;
  // OVERRIDE-MESSAGES: :[[@LINE-2]]:7: warning: 'fds[0]' acquired by 'pipe' is not released on every path [raii-release-skipped]
  // OVERRIDE-MESSAGES: :[[@LINE-2]]:5: note: release of 'fds[0]' is skipped by this return
  // OVERRIDE-MESSAGES: :[[@LINE-4]]:7: warning: 'fds[1]' acquired by 'pipe' is not released on every path [raii-release-skipped]
  // OVERRIDE-MESSAGES: :[[@LINE-4]]:5: note: release of 'fds[1]' is skipped by this return
  close(fds[0]);
  close(fds[1]);
  return 0;
}
