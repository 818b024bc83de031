// glibc's error(status, ..) and error_at_line(status, ..) exit when the
// status is not 0 (procps' xerr, watch.c): a path through such a call ends
// there, as one through exit() does. With status 0 they return. A call of
// an unseen function ending a block after an exec call is the failure tail
// of a child process: it ends the child.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release' %t -- -std=c11 -isystem %mock_include/libc
#include <error.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>
#include <unistd.h>

int negativeErrorEndsTheFailurePath(void) {
  int fd[2];
  if (pipe(fd) < 0)
    error(7, 0, "pipe");
  close(fd[1]);
  FILE *in = fdopen(fd[0], "r");
  if (in == NULL)
    error(5, 0, "fdopen");
  fclose(in);
  return 0;
}

int negativeErrorAtLineEndsTheChild(int child) {
  int fd[2];
  if (pipe(fd) < 0)
    return -1;
  if (child == 0) {
    close(fd[0]);
    close(fd[1]);
    error_at_line(4, 0, __FILE__, __LINE__, "exec");
  }
  close(fd[1]);
  close(fd[0]);
  return 0;
}

// A helper of the file whose every path ends in such a call never returns.
static void die(const char *what) {
  error(1, 0, "%s", what);
}
int negativeHelperEndingInError(const char *path, int bad) {
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  if (bad) {
    die("bad input");
    return -1;
  }
  fclose(f);
  return 0;
}

// Status 0 only prints: the path goes on.
int positiveErrorWithStatusZero(void) {
  int fd[2];
  if (pipe(fd) < 0)
    return -1;
  close(fd[1]);
  FILE *in = fdopen(fd[0], "r");
  // CHECK-MESSAGES: :[[@LINE-4]]:7: warning: 'fd[0]' acquired by 'pipe' is never released, and not handed off on every path [raii-release-skipped]
  if (in == NULL) {
    error(0, 0, "fdopen");
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd[0]' is skipped by this return
  }
  fclose(in);
  return 0;
}

int positiveErrorAtLineStatusZeroThenClosedAgain(int child) {
  int fd[2];
  if (pipe(fd) < 0)
    return -1;
  if (child == 0) {
    close(fd[1]);
    error_at_line(0, 0, __FILE__, __LINE__, "exec");
  }
  close(fd[1]);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd[1]' is released by 'close' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'fd[1]' was first released here
  close(fd[0]);
  return 0;
}

// The exec functions return only where they failed, with -1: the child
// below never falls through to the parent's code (procps' watch.c).
int negativeExecReturnsOnlyFailing(char **argv, int child) {
  int fd[2];
  if (pipe(fd) < 0)
    return -1;
  if (child == 0) {
    close(fd[0]);
    close(fd[1]);
    if (execvp(argv[0], argv) == -1)
      error(4, 0, "exec");
  }
  close(fd[1]);
  close(fd[0]);
  return 0;
}

// A function that may return anything else: the child may fall through.
int spawn(char **argv);
int positiveOtherCallMayReturnMore(char **argv, int child) {
  int fd[2];
  if (pipe(fd) < 0)
    return -1;
  if (child == 0) {
    close(fd[1]);
    if (spawn(argv) == -1)
      error(4, 0, "spawn");
  }
  close(fd[1]);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd[1]' is released by 'close' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: 'fd[1]' was first released here
  close(fd[0]);
  return 0;
}

// The fork child's branch ends in `execvp(..); fatal(..);`: pppd's fatal()
// logs and exits in another file without saying `noreturn`; the child
// never reaches the parent's code (winbind.c). Before: a double release.
void fatal(const char *msg);
int negativeUnseenCallEndsFailedExec(char **argv) {
  int fd[2];
  if (pipe(fd) < 0)
    return -1;
  int pid = fork();
  if (pid == 0) {
    close(fd[1]);
    execvp(argv[0], argv);
    fatal("exec failed");
  }
  close(fd[1]);
  close(fd[0]);
  return 0;
}

// Twins: without the exec, or with a library call that returns (perror),
// or in a branch that tells no fork child, the block may fall through
// (`report` is not named as an exit, below).
void report(const char *msg);
int positiveUnseenCallWithoutExec(void) {
  int fd[2];
  if (pipe(fd) < 0)
    return -1;
  if (fork() == 0) {
    close(fd[1]);
    report("no exec");
  }
  close(fd[1]);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd[1]' is released by 'close' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'fd[1]' was first released here
  close(fd[0]);
  return 0;
}

int positiveLibraryCallAfterExec(char **argv) {
  int fd[2];
  if (pipe(fd) < 0)
    return -1;
  if (fork() == 0) {
    close(fd[1]);
    execvp(argv[0], argv);
    fputs("exec failed\n", stderr);
  }
  close(fd[1]);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd[1]' is released by 'close' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: 'fd[1]' was first released here
  close(fd[0]);
  return 0;
}

int positiveNoForkBranch(char **argv, int child) {
  int fd[2];
  if (pipe(fd) < 0)
    return -1;
  if (child) {
    close(fd[1]);
    execvp(argv[0], argv);
    report("exec failed");
  }
  close(fd[1]);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd[1]' is released by 'close' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: 'fd[1]' was first released here
  close(fd[0]);
  return 0;
}

// A project's fatal-error function in another file that says nothing of
// `noreturn`, named so (pppd's fatal, gnulib's xalloc_die) or given a
// level named FATAL or CRASH (privoxy's log_error(LOG_LEVEL_FATAL, ..),
// gperftools' Log(kCrash, ..)): the code
// after it is written as if it never returns.
#define LOG_LEVEL_ERROR 0x2000
#define LOG_LEVEL_FATAL 0x4000
void log_error(int level, const char *fmt, ...);
void xalloc_die(void);
enum log_level { L_INFO, L_FATAL, kLog, kCrash };
void logMessage(enum log_level level, const char *msg);

int negativeFatalLevelEndsPath(const char *name, int mode) {
  FILE *fp = fopen(name, "r");
  if (!fp)
    return -1;
  if (mode > 1) {
    fclose(fp);
    log_error(LOG_LEVEL_FATAL, "bad mode in '%s'", name);
  }
  fgetc(fp);
  fclose(fp);
  return 0;
}

int negativeFatalEnumeratorEndsPath(const char *name, int mode) {
  FILE *fp = fopen(name, "r");
  if (!fp)
    return -1;
  if (mode > 1) {
    fclose(fp);
    logMessage(L_FATAL, "bad mode");
  }
  fclose(fp);
  return 0;
}

// gperftools' `Log(kCrash, ..)` aborts too.
int negativeCrashEnumeratorEndsPath(const char *name, int mode) {
  FILE *fp = fopen(name, "r");
  if (!fp)
    return -1;
  if (mode > 1) {
    fclose(fp);
    logMessage(kCrash, "bad mode");
  }
  fclose(fp);
  return 0;
}

int negativeDieNamedEndsPath(size_t n) {
  char *p = malloc(n);
  if (!p)
    xalloc_die();
  p[0] = 0;
  free(p);
  return 0;
}

// Given a failing exit status (`EXIT_FAILURE`, a macro of <sysexits.h>):
// BSD's err(3) written by the project (`merr(EX_OSERR, "pipe")`), a
// `usage(EXIT_FAILURE)` that exits.
void merr(int eval, const char *fmt, ...);
void usage(int status);

int negativeExitStatusEndsPath(void) {
  int pfd[2];
  if (pipe(pfd) == -1) {
    merr(EX_OSERR, "pipe");
    return -1;
  }
  switch (fork()) {
  case -1:
    merr(EX_OSERR, "fork");
    return -1;
  default:
    close(pfd[1]);
    close(pfd[0]);
    break;
  }
  return 0;
}

int negativeUsageFailureEndsPath(const char *name, int argc) {
  FILE *fp = fopen(name, "r");
  if (!fp)
    return -1;
  if (argc > 2) {
    fclose(fp);
    usage(EXIT_FAILURE);
  }
  fclose(fp);
  return 0;
}

// Twins: another level, or a function not named as an exit, returns.
int positiveErrorLevelReturns(const char *name, int mode) {
  FILE *fp = fopen(name, "r");
  if (!fp)
    return -1;
  if (mode > 1) {
    fclose(fp);
    log_error(LOG_LEVEL_ERROR, "bad mode in '%s'", name);
  }
  fclose(fp);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fp' is released by 'fclose' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'fp' was first released here
  return 0;
}

// A setter or a report given a status returns.
void set_exit_status(int status);

int positiveStatusSetterReturns(const char *name, int argc) {
  FILE *fp = fopen(name, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fp' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (!fp)
    return -1;
  if (argc > 2) {
    set_exit_status(EXIT_FAILURE);
    return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fp' is skipped by this return
  }
  fclose(fp);
  return 0;
}

int positiveSuccessStatusReturns(const char *name, int argc) {
  FILE *fp = fopen(name, "r");
  if (!fp)
    return -1;
  if (argc > 2) {
    fclose(fp);
    usage(EX_OK);
  }
  fclose(fp);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fp' is released by 'fclose' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'fp' was first released here
  return 0;
}

void dieRoll(int *out);
int positiveOtherWordReturns(const char *name, int mode) {
  FILE *fp = fopen(name, "r");
  if (!fp)
    return -1;
  if (mode > 1) {
    fclose(fp);
    logMessage(L_INFO, "bad mode");
  }
  fclose(fp);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fp' is released by 'fclose' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'fp' was first released here
  return 0;
}
