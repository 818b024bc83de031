// freopen returns its stream argument, reopened. A stream that is no local
// of the function (stdin, a parameter) stays its owner's: nothing to close
// here, and a function returning it acquires nothing for its callers
// (fio's daemonize). Closed twice it is still a double release (Juliet
// CWE675).
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
