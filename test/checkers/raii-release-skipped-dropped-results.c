// An acquire whose result, the handle itself, is discarded loses it at once
// (`strdup(name);`, `(void)fopen(path, "w");` to create a file, a wrapper's
// result dropped): nothing can release it ("never released" could not be
// said of it before: there was no variable to say it of). Not a call that
// may give back an argument (`g_object_ref(obj)` returns obj with one more
// reference), reopens one (`freopen(.., stdout)`) or lets go of one
// (`curl_slist_append(list, ..)`), not a descriptor that fills a standard
// one (`close(0); open("/dev/null", O_RDWR); dup(0);`, closes under an
// `if` or in a loop by number), not a rule's `discardable` acquire (`dlopen`
// loading a library for the process's life), and not in `main` outside a
// loop (the process ends with it). A variadic argument is no parameter that
// could give the result back (`g_strconcat(.., NULL)`).
// RUN: %check_raii %s raii-release-skipped %t -- -std=gnu11 -isystem %mock_include/libc

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef void *gpointer;
gpointer g_object_ref(gpointer object);
void g_object_unref(gpointer object);
struct curl_slist;
void *dlopen(const char *file, int mode);
typedef struct x509_st X509;
X509 *d2i_X509(X509 **a, const unsigned char **in, long len);
void X509_free(X509 *a);
char *g_strconcat(const char *first, ...);
struct curl_slist *curl_slist_append(struct curl_slist *list, const char *s);
void curl_slist_free_all(struct curl_slist *list);

static char *copyName(const char *s) {
  char *p = malloc(strlen(s) + 1);
  if (!p)
    return NULL;
  for (size_t i = 0; (p[i] = s[i]); i++)
    ;
  return p;
}

void positiveDiscarded(const char *name, const char *path) {
  strdup(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'strdup' is discarded: what it acquires is never released [raii-release-skipped]
  (void)fopen(path, "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the result of 'fopen' is discarded: what it acquires is never released [raii-release-skipped]
  open(path, O_CREAT | O_WRONLY, 0644);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'open' is discarded: what it acquires is never released [raii-release-skipped]
  copyName(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'copyName' is discarded: what it acquires is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-17]]:13: note: 'copyName' acquires the resource here
  ({ malloc(4); });
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: the result of 'malloc' is discarded: what it acquires is never released [raii-release-skipped]
  g_strconcat(name, path, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'g_strconcat' is discarded: what it acquires is never released [raii-release-skipped]
}

void negativeGivesBackOrReopens(gpointer obj, struct curl_slist *list) {
  g_object_ref(obj);
  curl_slist_append(list, "Accept: */*");
  freopen("/dev/null", "w", stdout);
}

void negativeFillsStandardDescriptors(void) {
  close(0);
  close(1);
  open("/dev/null", O_RDWR);
  dup(0);
}

void negativeDeviceOpened(void) { open("/dev/null", O_RDONLY); }

void negativeClosedUnderIf(int fd) {
  if (fd != 2)
    close(2);
  dup(fd);
}

void negativeClosedInLoop(int max) {
  for (int i = max; i >= 0; --i)
    close(i);
  open("/dev/null", O_RDWR);
  dup(0);
  dup(0);
}

void positiveDescriptorDropped(int fd) { dup(fd); }
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: the result of 'dup' is discarded: what it acquires is never released [raii-release-skipped]

void negativeDiscardableLibrary(void) { dlopen("libm.so.6", 0x102); }

int negativeStoredThroughOutParameter(const unsigned char *der, long len) {
  X509 *cert = NULL;
  d2i_X509(&cert, &der, len);
  if (!cert)
    return -1;
  X509_free(cert);
  return 0;
}

void negativeResultUsed(const char *name) {
  char *p = ({ strdup(name); });
  free(p);
}

int main(int argc, char **argv) {
  strdup(argv[0]);
  for (int i = 1; i < argc; i++)
    strdup(argv[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the result of 'strdup' is discarded: what it acquires is never released [raii-release-skipped]
  return 0;
}

// A device opened elsewhere in the function, or a loop closing what is
// not its counter, fills no standard descriptor.
int positiveDeviceElsewhere(unsigned *out, int logFd) {
  int fd = open("/dev/urandom", O_RDONLY);
  if (fd < 0)
    return -1;
  read(fd, out, sizeof *out);
  close(fd);
  dup(logFd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'dup' is discarded: what it acquires is never released [raii-release-skipped]
  return 0;
}
void positiveLoopClosesOthers(const int *fds, int n, int keep) {
  for (int i = 0; i < n; i++) {
    int fd = fds[i];
    close(fd);
  }
  dup(keep);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'dup' is discarded: what it acquires is never released [raii-release-skipped]
}
