// A handle held in a variable declared inside a loop's body is lost where
// the body ends, if the next round acquires it afresh in a new variable:
// `for (;;) { int fd = open(..); if (fd < 0) break; .. }` leaks one
// descriptor a round, although the only way out of the loop holds nothing.
// A round that left the body by `continue` is blamed on the `continue`
// alone. Rounds that release the handle or hand it off lose nothing.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c11 -isystem %mock_include/libc

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

char *g_last;

void positiveEndlessRounds(const char *path) {
  for (;;) {
    int fd = open(path, O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fd' acquired by 'open' is never released [raii-release-skipped]
    if (fd < 0)
      break;
    char c;
    read(fd, &c, 1);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped where its variable's scope ends, before it is acquired again
}

void positiveCountedRounds(const char *path, int n) {
  for (int i = 0; i < n; i++) {
    char *line = malloc(80);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'line' acquired by 'malloc' is not released on every path [raii-release-skipped]
    if (!line)
      break;
    if (read(0, line, 80) <= 0)
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'line' is skipped by this continue
    free(line);
  }
}

void negativeReleasedEachRound(const char *path) {
  for (;;) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
      break;
    char c;
    read(fd, &c, 1);
    close(fd);
  }
}

void negativeKeptEachRound(int n) {
  for (int i = 0; i < n; i++) {
    char *p = malloc(8);
    if (!p)
      return;
    free(g_last);
    g_last = p;
  }
}

// A backward `goto` to before the declaration: the handle is lost to the
// acquire that runs again.
int retry(void);

void positiveGotoBack(const char *path) {
again:;
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'fd' is acquired again here while it still holds the earlier resource
  if (fd < 0)
    return;
  if (retry())
    goto again;
  close(fd);
}

// Grown through a temporary of the body and moved into an outer variable:
// the next round's realloc lets go of the last block where it succeeds, so
// nothing is lost where the body ends (collectd's rrd_cache_flush).
void negativeGrownThroughBodyTemporary(char **in, int n) {
  char **keys = NULL;
  for (int i = 0; i < n; i++) {
    if (in[i]) {
      char **tmp = realloc(keys, (i + 1) * sizeof(char *));
      if (tmp == NULL) {
        free(keys);
        return;
      }
      keys = tmp;
      keys[i] = in[i];
    }
  }
  free(keys);
}

// The same array never freed after the loop.
int positiveGrownThroughBodyTemporaryDropped(int n) {
  char **keys = NULL;
  for (int i = 0; i < n; i++) {
    char **tmp = realloc(keys, (i + 1) * sizeof(char *));
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'tmp' acquired by 'realloc' is not released on every path [raii-release-skipped]
    if (tmp == NULL) {
      free(keys);
      return -1;
    }
    keys = tmp;
  }
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'tmp' is skipped by this return
}
