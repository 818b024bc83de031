// freopen returns its stream argument, reopened. A stream the function
// does not hold (stdin, a parameter's) stays its owner's: nothing to close
// here, and a function returning it acquires nothing for its callers
// (fio's daemonize). Closed twice it is still a double release (Juliet
// CWE675). A stream the function opened moves into the reopened one (Lua's
// luaL_loadfile: `f = freopen(name, "rb", f)`; freopen closes it even where
// it fails), which is then the function's to close.
// fopen64 and freopen64 are the same.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release' %t -- -std=c11 -isystem %mock_include/libc

#include <stdio.h>

int report(const char *msg);

void negativeDaemonize(void) {
  FILE *file;
  file = freopen("/dev/null", "r", stdin);
  if (!file)
    report("freopen");
  file = freopen("/dev/null", "w", stdout);
  if (!file)
    report("freopen");
}

int negativeReopenParameter(FILE *log, const char *path) {
  FILE *f = freopen(path, "a", log);
  if (!f)
    return -1;
  return report("reopened");
}

static FILE *reopenOutput(const char *path) {
  return freopen(path, "w", stdout);
}

int negativeCallsReopen(const char *path) {
  if (!reopenOutput(path))
    return -1;
  return report("reopened");
}

void positiveClosedTwice(void) {
  FILE *data = freopen("out.txt", "w+", stdin);
  fclose(data);
  fclose(data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'data' is released by 'fclose' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'data' was first released here
}

int negativeReopenOwn(const char *name) {
  FILE *f = fopen(name, "r");
  if (f == NULL)
    return -1;
  int c = fgetc(f);
  if (c == 27) {
    f = freopen(name, "rb", f);
    if (f == NULL)
      return -2;
  }
  fclose(f);
  return c;
}

int positiveReopenOwnLeaks(const char *name) {
  FILE *f = fopen(name, "r");
  if (f == NULL)
    return -1;
  f = freopen(name, "rb", f);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'f' acquired by 'freopen' is never released [raii-release-skipped]
  if (f == NULL)
    return -2;
  int c = fgetc(f);
  return c;
}

// The large-file names are the same streams (strace opens its files with
// fopen64).
int positiveLargeFileLeaks(const char *name, int bad) {
  FILE *f = fopen64(name, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen64' is not released on every path [raii-release-skipped]
  if (f == NULL)
    return -1;
  if (bad)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  f = freopen64(name, "rb", f);
  if (f == NULL)
    return -3;
  return fclose(f);
}
