// A descriptor handed to a stream that takes it (`fdopen`, `fdopendir`:
// the rules' `transfer`) is closed by the stream's release: a `close(fd)`
// after `fclose(f)` closes it twice (partimage's main.cpp). Only where
// every path gave the descriptor to that stream: where fdopen failed the
// descriptor is still the caller's, and a descriptor opened again is a new
// one.
// RUN: %check_raii %s raii-double-release %t -- -std=gnu11
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int closedTwice(const char *p) {
  int fd = open(p, O_RDONLY);
  if (fd < 0)
    return -1;
  FILE *f = fdopen(fd, "r");
  if (!f) {
    close(fd);
    return -1;
  }
  fgetc(f);
  fclose(f);
  close(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' is released by 'close' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'fd' was first released here, with the handle it was handed to
  return 0;
}

int untestedStream(const char *p) {
  int fd = open(p, O_WRONLY);
  if (fd < 0)
    return -1;
  FILE *f = fdopen(fd, "w");
  fputs("x", f);
  fclose(f);
  close(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' is released by 'close' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'fd' was first released here, with the handle it was handed to
  return 0;
}

int onOnePath(const char *p, int buffered) {
  int fd = open(p, O_WRONLY);
  if (fd < 0)
    return -1;
  if (buffered) {
    FILE *f = fdopen(fd, "w");
    if (f) {
      fputs("x", f);
      fclose(f);
    }
  }
  close(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' is released by 'close' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: 'fd' was first released here, with the handle it was handed to
  return 0;
}

int directoryTwice(const char *p) {
  int fd = open(p, O_RDONLY);
  if (fd < 0)
    return -1;
  DIR *d = fdopendir(fd);
  if (!d) {
    close(fd);
    return -1;
  }
  readdir(d);
  closedir(d);
  close(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' is released by 'close' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'fd' was first released here, with the handle it was handed to
  return 0;
}

int streamOnly(const char *p) {
  int fd = open(p, O_RDONLY);
  if (fd < 0)
    return -1;
  FILE *f = fdopen(fd, "r");
  if (!f) {
    close(fd);
    return -1;
  }
  fclose(f);
  return 0;
}

int openedAgain(const char *p) {
  int fd = open(p, O_RDONLY);
  if (fd < 0)
    return -1;
  FILE *f = fdopen(fd, "r");
  if (!f) {
    close(fd);
    return -1;
  }
  fclose(f);
  fd = open(p, O_RDONLY);
  if (fd < 0)
    return -1;
  close(fd);
  return 0;
}

// Only a descriptor: a block a stream takes as its cookie is freed by the
// stream's close callback only if it has one, so freeing it after the
// stream's release is no double release.
int cookieFreedAfter(cookie_io_functions_t io) {
  char *c = malloc(16);
  if (!c)
    return -1;
  FILE *f = fopencookie(c, "r", io);
  if (!f) {
    free(c);
    return -1;
  }
  fclose(f);
  free(c);
  return 0;
}

// A copy released first is no transfer: the note says no more.
void copyFreedTwice(void) {
  char *p = malloc(8);
  char *q = p;
  free(q);
  free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'p' was first released here{{$}}
}
