// An acquire whose result, the handle itself, is discarded loses it at once
// (`strdup(name);`, `(void)fopen(path, "w");` to create a file, a wrapper's
// result dropped): nothing can release it ("never released" could not be
// said of it before: there was no variable to say it of). Not a call that
// may give back an argument (`g_object_ref(obj)` returns obj with one more
// reference), reopens one (`freopen(.., stdout)`) or lets go of one
// (`curl_slist_append(list, ..)`), not a descriptor that fills a standard
// one (`close(0); open("/dev/null", O_RDWR); dup(0);`), and not in `main`
// outside a loop (the process ends with it).
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
