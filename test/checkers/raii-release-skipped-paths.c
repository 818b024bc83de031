// Path sensitivity (ESP property simulation) on C: acquires and releases
// under related conditions. Each correct pattern has a wrong twin whose
// conditions disagree, which is still reported.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release,raii-reacquire' %t -- -std=c11 -isystem %mock_include/libc

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
int work(void);

// ---- a flag set with the acquire ------------------------------------------

void negativeFlag(int need) {
  int locked = 0;
  if (need) {
    pthread_mutex_lock(&mu);
    locked = 1;
  }
  work();
  if (locked)
    pthread_mutex_unlock(&mu);
}

void positiveFlagInverted(int need, const char *path) {
  FILE *f = NULL;
  int opened = 0;
  if (need) {
    f = fopen(path, "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
    opened = 1;
  }
  work();
  if (!opened)
    fclose(f);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'f' is skipped when the function ends here

// Locking a global mutex when a parameter says so and unlocking it when it
// does not is a lock/unlock interface (the caller pairs the calls), not a
// finding.
void negativeLockInterface(int need) {
  int locked = 0;
  if (need) {
    pthread_mutex_lock(&mu);
    locked = 1;
  }
  if (!locked)
    pthread_mutex_unlock(&mu);
}

// A flag overwritten in between says nothing any more.
void positiveFlagOverwritten(int need, int other) {
  int locked = 0;
  if (need) {
    pthread_mutex_lock(&mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
    locked = 1;
  }
  locked = other;
  if (locked)
    pthread_mutex_unlock(&mu);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'mu' is skipped when the function ends here

// ---- the same condition twice, both polarities ----------------------------

void negativeSameParam(const char *u) {
  char *p = NULL;
  if (u)
    p = strdup(u);
  work();
  if (u)
    free(p);
}

void negativeComplementary(int x) {
  char *p = malloc(3);
  if (x)
    free(p);
  work();
  if (!x)
    free(p);
}

void positiveOtherCondition(const char *u, int v) {
  char *p = NULL;
  if (u)
    p = strdup(u);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'strdup' is not released on every path [raii-release-skipped]
  work();
  if (v)
    free(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'p' is skipped when the function ends here

void positiveSameConditionTwice(int x) {
  char *p = malloc(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+7]]:1: note: release of 'p' is skipped when the function ends here
  if (x)
    free(p);
  if (x)
    free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'p' was first released here
}

// A comparison and its negation are one condition.
void negativeRange(int n) {
  char *p = NULL;
  if (n > 16)
    p = malloc(n);
  work();
  if (n <= 16)
    return;
  free(p);
}

void negativeSwappedRelation(int a, int b) {
  char *p = NULL;
  if (a < b)
    p = malloc(4);
  work();
  if (b > a)
    free(p);
}

// `~x & K` with K one bit is the negation of `x & K` (tmux's job_run
// takes a socketpair where `!(flags & JOB_PTY)`, closes it where
// `~flags & JOB_PTY`).
#define PTY 0x4
void negativeComplementedBit(int flags) {
  char *p = NULL;
  if (flags & PTY)
    work();
  else
    p = malloc(8);
  work();
  if (~flags & PTY)
    free(p);
}

void positiveOtherBit(int flags) {
  char *p = NULL;
  if (flags & PTY)
    work();
  else
    p = malloc(8);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  work();
  if (~flags & 0x2)
    free(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'p' is skipped when the function ends here

// Several bits are no one bit: `~x & 6` is not `!(x & 6)`.
void positiveTwoBits(int flags) {
  char *p = NULL;
  if (flags & 6)
    work();
  else
    p = malloc(8);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  work();
  if (~flags & 6)
    free(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'p' is skipped when the function ends here

// ---- values that never change ---------------------------------------------

static int use_locks(void) { return 1; }
static int no_locks(void) { return 0; }

void negativeConstantFunction(void) {
  if (use_locks())
    pthread_mutex_lock(&mu);
  work();
  pthread_mutex_unlock(&mu);
}

void positiveConstantFunction(void) {
  char *p = NULL;
  if (use_locks())
    p = malloc(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  work();
  if (no_locks())
    free(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'p' is skipped when the function ends here

static int threaded = 1; // never written: always 1
static const int kPoolSize = 4;

void negativeStaticNeverWritten(void) {
  if (threaded)
    pthread_mutex_lock(&mu);
  work();
  pthread_mutex_unlock(&mu);
}

void negativeConstGlobal(void) {
  if (kPoolSize > 1)
    pthread_mutex_lock(&mu);
  work();
  pthread_mutex_unlock(&mu);
}

void positiveStaticNeverWritten(void) {
  char *p = NULL;
  if (threaded)
    p = malloc(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  work();
  if (!threaded)
    free(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'p' is skipped when the function ends here

// Written elsewhere in the file: its value is not known, but the function
// does not write it between the two tests.
static int verbose;
void setVerbose(int v) { verbose = v; }

void negativeStaticWrittenElsewhere(void) {
  FILE *log = NULL;
  if (verbose)
    log = fopen("/tmp/log", "w");
  work();
  if (verbose)
    fclose(log);
}

void positiveStaticWrittenElsewhere(void) {
  pthread_mutex_lock(&mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  work();
  if (!verbose)
    pthread_mutex_unlock(&mu);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'mu' is skipped when the function ends here

// A call of a function of the file that writes it (directly or through
// its own calls) forgets what the path knew of it: the acquire after the
// second test is reachable.
static int counted;
static void countAll(void) { counted = 64; }
static void recount(void) { countAll(); }

void positiveStaticWrittenByCallOfFile(void) {
  FILE *log = NULL;
  if (counted)
    return;
  recount();
  if (!counted)
    return;
  log = fopen("/tmp/log", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'log' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (!log)
    return;
  if (work())
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'log' is skipped by this return
  fclose(log);
}

// A call that writes another field of the global, or gives its address to
// a pointer to const, leaves what the path knew of the field tested.
struct state {
  int verbose;
  int hits;
};
static struct state st;
static void showState(const struct state *s);
static void bump(void) { st.hits++; }
static void report(void) { showState(&st); }

void negativeOtherFieldWritten(void) {
  FILE *log = NULL;
  if (st.verbose)
    log = fopen("/tmp/log", "w");
  bump();
  report();
  if (st.verbose && log)
    fclose(log);
}

// Written only by a function after the ones that test it, or its address
// taken there: the whole rest of the file counts.
static int late = 1;
static int lateEscaped = 1;

void positiveStaticWrittenLater(void) {
  pthread_mutex_lock(&mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  work();
  if (late)
    pthread_mutex_unlock(&mu);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'mu' is skipped when the function ends here

void positiveStaticEscapesLater(void) {
  pthread_mutex_lock(&mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  work();
  if (lateEscaped)
    pthread_mutex_unlock(&mu);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'mu' is skipped when the function ends here

void setLate(void) { late = 0; }
int *lateAddress(void) { return &lateEscaped; }

// A local static: only its own function can change it.
void negativeLocalStaticNeverWritten(void) {
  static int enabled = 1;
  pthread_mutex_lock(&mu);
  work();
  if (enabled)
    pthread_mutex_unlock(&mu);
}

void positiveLocalStaticWritten(void) {
  static int first = 1;
  pthread_mutex_lock(&mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  work();
  if (first)
    pthread_mutex_unlock(&mu);
  first = 0;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'mu' is skipped when the function ends here

// ---- constant trip counts -------------------------------------------------

void negativeOneTripLoops(void) {
  int i;
  char *p = NULL;
  for (i = 0; i < 1; i++)
    p = malloc(4);
  work();
  for (i = 0; i < 1; i++)
    free(p);
}

void positiveTwoTripLoop(void) {
  int i;
  char *p = NULL;
  for (i = 0; i < 2; i++)
    p = malloc(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: 'p' is acquired again here while it still holds the earlier resource
  free(p);
}

// ---- the handle's own value against what was not acquired -----------------

int negativeStdinOrFile(const char *name) {
  FILE *f;
  if (!strcmp(name, "-"))
    f = stdin;
  else
    f = fopen(name, "r");
  if (!f)
    return -1;
  int n = 0;
  while (fgetc(f) != EOF)
    n++;
  if (f != stdin)
    fclose(f);
  return n;
}

// A copy (`strdup` reads a `const char *`) never gives back its argument:
// equal to the caller's pointer, the variable holds nothing acquired.
void serve_uri(const char *uri);

void negativeCopyOrParameter(char *passed, const char *to, int c) {
  char *uri = passed;
  if (c)
    uri = strdup(to);
  serve_uri(uri);
  if (uri != passed)
    free(uri);
}

void positiveCopyOrParameter(char *passed, const char *to, int c) {
  char *uri = passed;
  if (c)
    uri = strdup(to);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'uri' acquired by 'strdup' is not released on every path [raii-release-skipped]
  serve_uri(uri);
  if (uri == passed)
    free(uri);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'uri' is skipped when the function ends here

int positiveStdinOrFile(const char *name) {
  FILE *f;
  if (!strcmp(name, "-"))
    f = stdin;
  else
    f = fopen(name, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (!f)
    return -1;
  if (f == stdin)
    fclose(f);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'f' is skipped by this return
}

// The parameter or a copy of it made here (inotify-tools): a block this
// function allocated is never the caller's pointer, so the equal branch
// holds nothing. Its twin gives the parameter the block first.
int step(const char *);
int negativeCopyUnlessParameter(char *path, int slash) {
  char *my_path = path;
  if (!slash) {
    my_path = malloc(16);
    if (!my_path)
      return -1;
  }
  if (step(my_path)) {
    if (my_path != path)
      free(my_path);
    return 0;
  }
  if (my_path != path)
    free(my_path);
  return 1;
}

int positiveParameterGivenTheBlock(char *path) {
  char *my_path = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'my_path' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!my_path)
    return -1;
  if (step(path))
    path = my_path;
  if (my_path != path)
    free(my_path);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'my_path' is skipped by this return
}

void negativeKeepAsStdin(void) {
  int fd = open("/dev/null", O_RDWR);
  if (fd < 0)
    return;
  if (fd != 0) {
    dup2(fd, 0);
    close(fd);
  }
}

// The standard streams' descriptors asked of the streams (inotifywait):
// `fileno(stdout)` is 1. Its twin keeps the descriptor when it is not 1.
void negativeKeepAsStdoutByStream(const char *log) {
  int fd = open(log, O_WRONLY);
  if (fd < 0)
    return;
  if (fd != fileno(stdout)) {
    dup2(fd, fileno(stdout));
    close(fd);
  }
}

void positiveKeptWhenNotStdout(const char *log) {
  int fd = open(log, O_WRONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return;
  if (fd == fileno(stdout)) {
    dup2(fd, fileno(stdout));
    close(fd);
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'fd' is skipped when the function ends here

// `fd = fileno(stdin)` is no constant stored: the descriptor it had is
// lost.
void use_fd(int fd);
void positiveOverwrittenByStdin(const char *path, int use_stdin) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return;
  if (use_stdin)
    fd = fileno(stdin);
  use_fd(fd);
  if (fd != fileno(stdin))
    close(fd);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'fd' is skipped when the function ends here

// The handle taken into another variable, its own variable reset: a
// constant store says nothing of where the handle went (systemd's
// TAKE_FD).
int negativeTakenThenCompared(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  int keep = fd;
  fd = -1;
  use_fd(keep);
  if (keep != STDIN_FILENO)
    close(keep);
  return 0;
}

// A stream of the function's own named `stdin` is no standard stream.
int positiveOwnStreamNamedStdin(const char *path) {
  static FILE *stdin;
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return -1;
  use_fd(fd);
  if (fd != fileno(stdin))
    close(fd);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped by this return
}

// A conversion to bool is seen through where only truth counts, not where
// its value is compared or switched on: `(_Bool)2 == 1`.
int positiveBoolValueCompared(const char *path, int mode) {
  FILE *fp = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fp' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (!fp)
    return -1;
  if (mode == 2) {
    if ((_Bool)mode == 1)
      return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'fp' is skipped by this return
  }
  fclose(fp);
  return 0;
}

int positiveBoolValueSwitched(const char *path, int mode) {
  FILE *fp = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fp' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (!fp)
    return -1;
  if (mode == 2) {
    switch ((_Bool)mode) {
    case 1:
      return 1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'fp' is skipped by this return
    default:
      break;
    }
  }
  fclose(fp);
  return 0;
}

// A new descriptor is the lowest free one: after `close(STDIN_FILENO)` the
// `dup` is the child's stdin, kept open on purpose (libuv's tests,
// squashfs-tools' action child). Its twin closes the standard descriptor
// only after the `dup`.
void negativeDupIntoClosedStdin(int fd) {
  close(STDIN_FILENO);
  int in = dup(fd);
  if (in == -1)
    return;
  use_fd(0);
}

// The closes, then a loop whose first descriptor is each standard one in
// turn (squashfs-tools' action child).
void negativeDupIntoAllThree(int fd) {
  close(STDIN_FILENO);
  close(STDOUT_FILENO);
  close(STDERR_FILENO);
  for (int i = 0; i < 3; i++) {
    int res = dup(fd);
    if (res == -1)
      return;
  }
  use_fd(0);
}

// Only the first descriptor after the close takes its number: a second one
// leaks; one opened where no close came right before does too, and the
// one that took the number is still closed only once.
int positiveSecondDescriptorAfterClose(const char *in, const char *log) {
  close(STDIN_FILENO);
  int fd = open(in, O_RDONLY);
  if (fd < 0)
    return -1;
  int out = open(log, O_WRONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'out' acquired by 'open' is not released on every path [raii-release-skipped]
  if (out < 0)
    return -1;
  if (step(log))
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'out' is skipped by this return
  close(out);
  return 0;
}

void positiveCloseOnAnotherPath(const char *in, int detach) {
  if (detach) {
    close(STDIN_FILENO);
    return;
  }
  int fd = open(in, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return;
  if (step(in))
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  close(fd);
}

void positiveStandardClosedTwice(const char *in) {
  close(STDIN_FILENO);
  int fd = open(in, O_RDONLY);
  if (fd < 0)
    return;
  close(fd);
  close(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' is released by 'close' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'fd' was first released here
}

void positiveDupBeforeClosingStdin(int fd) {
  int in = dup(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'in' acquired by 'dup' is never released [raii-release-skipped]
  if (in == -1)
    return;
  close(STDIN_FILENO);
  use_fd(0);
}

// A daemon's /dev/null: made the standard descriptors, closed only when it
// is none of them (it then is one, kept open on purpose).
void negativeDaemonNull(void) {
  int fd;
  if ((fd = open("/dev/null", O_RDWR, 0)) != -1) {
    dup2(fd, STDIN_FILENO);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    if (fd > STDERR_FILENO)
      close(fd);
  }
}

// The same through a helper of the file (vsftpd's vsf_sysutil_dupfd2):
// what the helper gives dup2 as the descriptor to copy is its parameter.
static void dupOnto(int from, int to) {
  if (from != to && dup2(from, to) != to)
    abort();
}
static void noteDescriptor(int fd, int to) { (void)fd; (void)to; }

void negativeDaemonNullThroughHelper(void) {
  int fd = open("/dev/null", O_RDWR);
  if (fd < 0)
    return;
  dupOnto(fd, STDIN_FILENO);
  dupOnto(fd, STDOUT_FILENO);
  if (fd > STDERR_FILENO)
    close(fd);
}

// A helper that does not dup2 its parameter: the descriptor 0 to 2 this
// open may return (a standard one was closed) is leaked.
void positiveAboveStandardNotDuped(void) {
  int fd = open("/dev/null", O_RDWR);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return;
  noteDescriptor(fd, STDIN_FILENO);
  if (fd > STDERR_FILENO)
    close(fd);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'fd' is skipped when the function ends here

// A loop that opens until the descriptor is none of the standard ones:
// those it got are kept open on purpose, the last closed (e2fsck's
// reserve_stdio_fds, pppd's main). Before: "acquired again while it still
// holds".
void negativeReserveStandardDescriptors(void) {
  int fd = 0;
  while (fd <= 2) {
    fd = open("/dev/null", O_RDWR);
    if (fd < 0)
      return;
  }
  close(fd);
}

void negativeDupUntilAboveStandard(int devnull) {
  int fd;
  while ((fd = dup(devnull)) >= 0) {
    if (fd > 2) {
      close(fd);
      break;
    }
  }
}

// Twin: the descriptor above the standard ones is not closed.
void positiveReserveLeavesTheLast(void) {
  int fd = 0;
  while (fd <= 2) {
    fd = open("/dev/null", O_RDWR);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is never released [raii-release-skipped]
    if (fd < 0)
      return;
  }
}

// A loop over files closing only above the standard descriptors does not
// fill them: it goes on either way.
int process_fd(int);
void positiveLoopClosesAboveStandard(char **names, int n) {
  for (int i = 0; i < n; i++) {
    int fd = open(names[i], O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
    if (fd < 0)
      continue;
    process_fd(fd);
    if (fd > 2)
      close(fd);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped where its variable's scope ends, before it is acquired again
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'fd' is skipped when the function ends here

// Nor one whose branch above them goes on (`continue`), nor one that
// opens another file each round.
void positiveAboveStandardContinues(char **names, int n) {
  for (int i = 0; i < n; i++) {
    int fd = open(names[i], O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
    if (fd < 0)
      continue;
    if (fd > 2) {
      process_fd(fd);
      close(fd);
      continue;
    }
    process_fd(-1);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped where its variable's scope ends, before it is acquired again
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'fd' is skipped when the function ends here

// dup2'd onto a descriptor that is none of the standard ones (a log's),
// directly or through a helper: the descriptor open may return among them
// is leaked.
static void dupToLog(int fd) { dup2(fd, 7); }
void positiveDupedOntoOther(void) {
  int fd = open("/dev/null", O_RDWR);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return;
  dupToLog(fd);
  if (fd > STDERR_FILENO)
    close(fd);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'fd' is skipped when the function ends here

void positiveDupedOntoOtherDirectly(void) {
  int fd = open("/dev/null", O_RDWR);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return;
  dup2(fd, 7);
  if (fd > STDERR_FILENO)
    close(fd);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'fd' is skipped when the function ends here

// Closed only when it is a standard descriptor: a leak otherwise.
void positiveClosedWhenStandard(const char *path) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return;
  work();
  if (fd < 3)
    close(fd);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'fd' is skipped when the function ends here

// No descriptor is negative: equal to AT_FDCWD, the variable holds none.
int negativeDirOrCwd(const char *base, const char *rel) {
  int dirfd, fd;
  if (!base) {
    dirfd = -100; // AT_FDCWD
  } else {
    dirfd = open(base, O_RDONLY);
    if (dirfd == -1)
      return -1;
  }
  fd = dup(dirfd);
  if (dirfd != -100)
    close(dirfd);
  return fd;
}

// Closed only where it equals -100, which no descriptor does.
int positiveClosedWhereCwd(const char *base) {
  int dirfd = open(base, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'dirfd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (dirfd < 0)
    return -1;
  if (dirfd == -100)
    close(dirfd);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'dirfd' is skipped by this return
}

// ---- writes inside expressions --------------------------------------------

// `n++` inside the store changes n: the free is never reached.
int positiveNestedIncrement(char **out, char *s) {
  int n = 0;
  char *p = malloc(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  out[n++] = s;
  if (n == 0)
    free(p);
  return n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped by this return
}

// A write in one arm of `?:` leaves the value unknown.
void negativeWriteInOneArm(int c, char *s) {
  int n = 0;
  char *p = malloc(4);
  s[0] = c ? (char)(n = 1) : 0;
  if (n == 0)
    free(p);
  if (n != 0)
    free(p);
}

// A buffer that starts on the stack and moves to the heap when it grows.
int negativeStackOrHeap(const char *s, int n) {
  char st[64];
  char *b = st;
  if (n > 64)
    b = malloc(n);
  if (b == NULL)
    return -1;
  memcpy(b, s, n);
  int c = b[0];
  if (b != st)
    free(b);
  return c;
}

// `(b = a) == NULL` tests a: the buffer allocated where the caller gave
// none is freed under the same test of a (zstd's divbwt).
static int readFirst(const int *p) { return p[0]; }
int negativeAssignedInCondition(int *a, int n) {
  int *b;
  if ((b = a) == NULL)
    b = malloc((size_t)n * sizeof(int));
  if (b == NULL)
    return -1;
  int r = readFirst(b);
  if (a == NULL)
    free(b);
  return r;
}

int positiveAssignedInCondition(int *a, int n) {
  int *b;
  if ((b = a) == NULL)
    b = malloc((size_t)n * sizeof(int));
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'b' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (b == NULL)
    return -1;
  int r = readFirst(b);
  if (a != NULL)
    free(b);
  return r;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'b' is skipped by this return
}

// A fresh handle differs from what a field reached from a parameter held
// before it (storing it there would have handed it off): `in != p->in`
// is the test that the function opened `in` itself (sqlite3's shell).
struct Source {
  FILE *in;
};
int negativeFieldOfParameter(struct Source *p, const char *name) {
  FILE *in;
  if (name) {
    in = fopen(name, "r");
    if (in == 0)
      return 0;
  } else {
    in = p->in;
    if (in == 0)
      in = stdin;
  }
  if (fgetc(in) < 0)
    goto fail;
  if (in != p->in)
    fclose(in);
  return 1;
fail:
  if (in != p->in)
    fclose(in);
  return 0;
}

int positiveFieldOfParameter(struct Source *p, const char *name) {
  FILE *in;
  if (name) {
    in = fopen(name, "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'in' acquired by 'fopen' is not released on every path [raii-release-skipped]
    if (in == 0)
      return 0;
  } else {
    in = p->in;
  }
  if (in == p->in)
    fclose(in);
  return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'in' is skipped by this return
}

// ---- a switch on an acquire's result ----------------------------------------

// `case 0:` is where a zero-on-success acquire succeeded, any other case
// where it failed, and the default too when `case 0:` takes zero (lighttpd's
// `switch (glob(..)) { case 0: .. globfree(&gl); break; case GLOB_NOMATCH:
// .. }`).
#define BUSY 16
int negativeSwitchOnPipe(void) {
  int fds[2];
  switch (pipe(fds)) {
  case 0:
    work();
    close(fds[0]);
    close(fds[1]);
    return 0;
  case BUSY:
    return 1;
  default:
    return -1;
  }
}

int negativeSwitchDefaultOnly(void) {
  int fds[2];
  int rc = pipe(fds);
  switch (rc) {
  case 0:
    break;
  default:
    return -1;
  }
  work();
  close(fds[0]);
  close(fds[1]);
  return 0;
}

int positiveSwitchLeaks(int k) {
  int fds[2];
  switch (pipe(fds)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'fds[0]' acquired by 'pipe' is not released on every path [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE+5]]:7: note: release of 'fds[0]' is skipped by this return
    // CHECK-MESSAGES: :[[@LINE-3]]:11: warning: 'fds[1]' acquired by 'pipe' is not released on every path [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE+3]]:7: note: release of 'fds[1]' is skipped by this return
  case 0:
    if (k)
      return 2;
    close(fds[0]);
    close(fds[1]);
    return 0;
  default:
    return -1;
  }
}

// Without `case 0:` the default may be the success.
int positiveSwitchWithoutZero(void) {
  int fds[2];
  switch (pipe(fds)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'fds[0]' acquired by 'pipe' is never released [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:11: warning: 'fds[1]' acquired by 'pipe' is never released [raii-release-skipped]
  case BUSY:
    return 1;
  default:
    return 0;
  }
}

// A copy of a field tested, then the field: one condition (fio's nvme and
// zoned-device resets open only when the cached descriptor is unset).
struct cached {
  int fd;
  const char *name;
};

int negativeCopyOfFieldTested(struct cached *f) {
  int fd = f->fd;
  if (fd < 0) {
    fd = open(f->name, O_RDWR);
    if (fd < 0)
      return -1;
  }
  int ret = work();
  if (f->fd < 0)
    close(fd);
  return ret;
}

int positiveFieldChangedBetween(struct cached *f, int other) {
  int fd = f->fd;
  if (fd < 0) {
    fd = open(f->name, O_RDWR);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
    if (fd < 0)
      return -1;
  }
  f->fd = other;
  int ret = work();
  if (f->fd < 0)
    close(fd);
  return ret;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: release of 'fd' is skipped by this return

// A flag given the truth of a test the function then branches on: the
// branch tells the flag too, which outlives the write of the handle
// (redis-check-rdb's `closefile = (fp == NULL)`).
int negativeFlagFromNullTest(const char *name, FILE *fp) {
  int closefile = (fp == NULL);
  if (fp == NULL && (fp = fopen(name, "r")) == NULL)
    return 1;
  if (fgetc(fp) == EOF)
    goto err;
  if (closefile)
    fclose(fp);
  return 0;
err:
  if (closefile)
    fclose(fp);
  return 1;
}

// The operand written between the flag and the test: the test says
// nothing of the flag.
int positiveFlagStale(const char *name, FILE *fp, FILE *other) {
  int closefile = (fp == NULL);
  fp = other;
  if (fp == NULL && (fp = fopen(name, "r")) == NULL)
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'fp' acquired by 'fopen' is not released on every path [raii-release-skipped]
    return 1;
  if (closefile)
    fclose(fp);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fp' is skipped by this return
}

// A read through a pointer (`cur->path`) says it is not null: after the
// loop, `cur == NULL` is the exit where every round closed what it opened,
// not the `break` that keeps the descriptor (tinyproxy's opensock).
struct node {
  struct node *next;
  const char *path;
};
int negativeLoopExitToldByReadPointer(struct node *cur) {
  int fd;
  do {
    fd = open(cur->path, O_RDONLY);
    if (fd < 0)
      continue;
    if (write(fd, "x", 1) == 1)
      break;
    close(fd);
  } while ((cur = cur->next) != NULL);
  if (cur == NULL)
    return -1;
  return fd;
}

// Not read through before the first `break`: it may have been null then.
struct node *following(struct node *n);
int positiveLoopExitPointerNeverRead(struct node *cur, const char *path) {
  int fd;
  do {
    fd = open(path, O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
    if (fd < 0)
      continue;
    if (write(fd, "x", 1) == 1)
      break;
    close(fd);
  } while ((cur = following(cur)) != NULL);
  if (cur == NULL)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  return fd;
}

// ---- a flag given a condition the path decides ----------------------------

// `done = (x != 0)` where the path tested x: the flag's value (ncdu's
// `ok = !!term; if (!ok) die(..)` after `if (term) ..`). The twin's flag
// says the opposite, and its release is the second.
void negativeFlagOfTestedValue(int x) {
  char *p = malloc(3);
  if (!p)
    return;
  if (x)
    free(p);
  int done = (x != 0);
  if (!done)
    free(p);
}

void positiveFlagOfTestedValueInverted(int x) {
  char *p = malloc(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+10]]:1: note: release of 'p' is skipped when the function ends here
  if (!p)
    return;
  if (x)
    free(p);
  int done = !x;
  if (!done)
    free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'p' was first released here
}

// The facts after a compound condition are those after its last operand
// ran: a write there says nothing of what the first one read, so the
// compound is not decided from it (the leak when ok() holds stays).
int positiveCompoundWritesWhatItTests(const char *path) {
  int state = 0;
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (!f)
    return -1;
  if (!(state == 0 && (state = 2) && work())) {
    fclose(f);
    return -2;
  }
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'f' is skipped by this return
}

// A flag copied in a test (`(t = c) != 0`) tests the flag itself.
void negativeFlagCopiedInTest(int c, const char *path) {
  FILE *f = NULL;
  if (c) {
    f = fopen(path, "r");
    if (!f)
      return;
  }
  work();
  int t;
  if ((t = c) != 0)
    fclose(f);
}

// A descriptor fresh from `open` equals no descriptor the function did not
// open (`open(name, O_WRONLY)` gives back no argument: its flags are a
// number of the same type, not the descriptor). lftp's Log::Reconfig.
struct log_out {
  int output;
};
void set_output(struct log_out *l, int fd);
void negativeFreshDiffersFromField(struct log_out *l, const char *path) {
  int fd = open(path, O_WRONLY);
  if (fd == -1)
    return;
  if (fd != l->output)
    set_output(l, fd);
}

// Twin: the same test, the branch that cannot hold it keeps it.
void positiveFreshEqualsFieldKept(struct log_out *l, const char *path) {
  int fd = open(path, O_WRONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is never released [raii-release-skipped]
  if (fd == -1)
    return;
  if (fd == l->output)
    set_output(l, fd);
}

// An element of a local array given another descriptor after its close
// (`close(p[0]); p[0] = tmp;`, libarchive's filter_fork_posix) names that
// one: closing it again is no double release.
int negativeElementReplaced(int *out) {
  int p[2], tmp;
  if (pipe(p) == -1)
    return -1;
  if (p[0] == 1) {
    if ((tmp = dup(p[0])) == -1) {
      close(p[0]);
      close(p[1]);
      return -1;
    }
    close(p[0]);
    p[0] = tmp;
  }
  close(p[0]);
  *out = p[1];
  return 0;
}

// Twin: the other element given another value; the first closed twice.
int positiveOtherElementReplaced(int *out, int fd) {
  int p[2];
  if (pipe(p) == -1)
    return -1;
  close(p[0]);
  close(p[1]);
  p[1] = fd;
  close(p[0]);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p[0]' is released by 'close' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'p[0]' was first released here
  *out = p[1];
  return 0;
}

// A local copy of a parameter made before the function acquires anything
// holds the caller's value: where the handle variable equals it, it holds
// nothing of the function's (libarchive's `if (initial_fd != fd)
// close(fd);`).
int use_fd_rc(int fd);
int negativeDiffersFromInitialCopy(const char *path, int fd) {
  int initial_fd = fd;
  int r = 0;
  if (fd < 0)
    fd = open(path, O_RDONLY);
  if (fd >= 0)
    r = use_fd_rc(fd);
  if (initial_fd != fd)
    close(fd);
  return r;
}

// Twin: the copy made after the open holds the descriptor itself.
int positiveCopyAfterAcquire(const char *path, int fd) {
  if (fd < 0)
    fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  int later = fd;
  if (later != fd)
    close(fd);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped by this return
}

// Twins: the parameter released before the acquire (`open` may give the
// same number back), or the copy made after a label a `goto` comes back
// to: the copy may equal the new descriptor.
int positiveCopyOfClosedParameter(const char *path, int fd) {
  int initial_fd = fd;
  close(fd);
  fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return -1;
  if (initial_fd != fd)
    close(fd);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped by this return
}

int positiveCopyAfterLabel(const char *path, int fd, int again) {
retry:;
  int initial_fd = fd;
  if (fd < 0)
    fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (again-- > 0)
    goto retry;
  if (initial_fd != fd)
    close(fd);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped by this return
}

// One expression compared with different constants (S_ISREG, S_ISDIR and
// S_ISLNK of one mode, libarchive's archive_read_disk_entry_from_file):
// the tests exclude each other.
#define MODE_FMT 0170000
#define MODE_IS_REG(m) (((m) & MODE_FMT) == 0100000)
#define MODE_IS_DIR(m) (((m) & MODE_FMT) == 0040000)
#define MODE_IS_LNK(m) (((m) & MODE_FMT) == 0120000)
struct entry_stat { unsigned mode; };
int negativeExclusiveModes(const char *path, const struct entry_stat *st) {
  int fd = -1;
  if (MODE_IS_REG(st->mode) || MODE_IS_DIR(st->mode))
    fd = open(path, O_RDONLY);
  if (MODE_IS_LNK(st->mode))
    return -1;
  if (fd >= 0)
    close(fd);
  return 0;
}

int positiveModeOpened(const char *path, const struct entry_stat *st) {
  int fd = -1;
  if (MODE_IS_REG(st->mode) || MODE_IS_DIR(st->mode))
    fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (MODE_IS_DIR(st->mode))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  if (fd >= 0)
    close(fd);
  return 0;
}

// The value tested is changed in between: the first test says nothing.
unsigned next_mode(void);
int positiveModeChanged(const char *path, unsigned m) {
  int fd = -1;
  if (MODE_IS_REG(m))
    fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  m = next_mode();
  if (MODE_IS_LNK(m))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  if (fd >= 0)
    close(fd);
  return 0;
}

// The same in a function too long to be solved again keeping paths apart:
// the merged paths know the mode is one of two values.
#define KIND_TEST(n) if (kind == (n)) count += (n);
#define KIND_TEST4(n) KIND_TEST(n) KIND_TEST(n + 1) KIND_TEST(n + 2) KIND_TEST(n + 3)
#define KIND_TEST16(n) KIND_TEST4(n) KIND_TEST4(n + 4) KIND_TEST4(n + 8) KIND_TEST4(n + 12)
#define KIND_TEST64(n) KIND_TEST16(n) KIND_TEST16(n + 16) KIND_TEST16(n + 32) KIND_TEST16(n + 48)
int negativeExclusiveModesLong(const char *path, const struct entry_stat *st,
                               int kind) {
  int fd = -1, count = 0;
  if (MODE_IS_REG(st->mode) || MODE_IS_DIR(st->mode))
    fd = open(path, O_RDONLY);
  KIND_TEST64(0) KIND_TEST64(64) KIND_TEST64(128) KIND_TEST64(192)
  if (MODE_IS_LNK(st->mode))
    return -1;
  if (fd >= 0)
    close(fd);
  return count;
}

int positiveModeOpenedLong(const char *path, const struct entry_stat *st,
                           int kind) {
  int fd = -1, count = 0;
  if (MODE_IS_REG(st->mode) || MODE_IS_DIR(st->mode))
    fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  KIND_TEST64(0) KIND_TEST64(64) KIND_TEST64(128) KIND_TEST64(192)
  if (MODE_IS_REG(st->mode))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  if (fd >= 0)
    close(fd);
  return count;
}

// A lock scope written as a loop of one round whose condition locks on the
// first test and unlocks on the second (xz's mythread_sync): the value of
// the condition is that of the arm the path's facts choose.
static pthread_mutex_t sync_mutex = PTHREAD_MUTEX_INITIALIZER;
static int sync_shared;
#define SYNC_SCOPE(mu)                                                         \
  for (unsigned sync_i = 0; sync_i ? (pthread_mutex_unlock(&(mu)), 0)         \
                                   : (pthread_mutex_lock(&(mu)), 1);          \
       sync_i = 1)                                                             \
    for (unsigned sync_j = 0; !sync_j; sync_j = 1)
int negativeLockScopeLoop(int x) {
  SYNC_SCOPE(sync_mutex) {
    sync_shared = x;
  }
  if (x)
    return 1;
  return 0;
}

int positiveLockScopeLoopReturns(int x) {
  for (unsigned i = 0; i ? (pthread_mutex_unlock(&sync_mutex), 0)
                         : (pthread_mutex_lock(&sync_mutex), 1);
       i = 1) {
    // CHECK-MESSAGES: :[[@LINE-2]]:29: warning: 'sync_mutex' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
    if (x)
      return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'sync_mutex' is skipped by this return
    sync_shared = x;
  }
  return 0;
}

// A value other code may set (a state a call advances) is no fact across
// the call: the second test may hold where the first did.
struct conn_state {
  int state;
};
void conn_step(struct conn_state *c);
int positiveStateAdvancedByCall(const char *path, struct conn_state *c) {
  int fd = -1;
  if (c->state == 1)
    fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  conn_step(c);
  if (c->state == 3)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  if (fd >= 0)
    close(fd);
  return 0;
}

// A predicate of the file whose body is one test of its parameter (mdadm's
// `is_fd_valid(fd)`: `return fd > -1;`) tests the variable it is given.
static inline int is_fd_valid(int fd) { return fd > -1; }
static inline void close_fd(int *fd) {
  if (is_fd_valid(*fd) && close(*fd) == 0)
    *fd = -1;
}

int negativeValidityPredicate(const char *p) {
  int fd = open(p, O_RDONLY);
  if (!is_fd_valid(fd))
    return 0;
  close(fd);
  return 1;
}

int negativeValidityPredicateAround(const char *p) {
  int fd = open(p, O_RDONLY);
  if (is_fd_valid(fd)) {
    char c;
    (void)read(fd, &c, 1);
    close_fd(&fd);
  }
  return 0;
}

// Twin: the predicate's test says the opposite; the return after it
// leaves the descriptor open.
static inline int is_fd_invalid(int fd) { return fd < 0; }
int positiveValidityPredicateInverted(const char *p) {
  int fd = open(p, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (!is_fd_invalid(fd))
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  close(fd);
  return 1;
}

// A bit set in a flags word where the acquire is (`flags |= GLOB_APPEND`),
// tested before the release (mdadm's config.c).
int negativeFlagBitSet(int n) {
  char *p = NULL;
  int flags = 0;
  for (int i = 0; i < n; i++) {
    free(p);
    p = malloc(4);
    flags |= 4;
  }
  if (flags & 4)
    free(p);
  return 0;
}

// Twin: the release tests another bit, which nothing sets.
int positiveFlagOtherBit(int c) {
  char *p = NULL;
  int flags = 0;
  if (c) {
    p = malloc(4);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
    flags |= 4;
  }
  if (flags & 8)
    free(p);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped by this return
}

// Twin: the bit is cleared again before the test.
int positiveFlagBitCleared(int c) {
  char *p = NULL;
  int flags = 0;
  if (c) {
    p = malloc(4);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
    flags |= 4;
  }
  flags &= ~4;
  if (flags & 4)
    free(p);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped by this return
}

// Twin: the argument converted to a narrower parameter is not the value
// the caller holds.
static int low_byte_set(unsigned char v) { return v != 0; }
int positivePredicateNarrows(const char *p) {
  int fd = open(p, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (!low_byte_set(fd))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  close(fd);
  return 0;
}

// A field of a local struct tested twice (nvme-cli's commands: `if
// (cfg.file) dfd = open(cfg.file, ..); .. if (cfg.file) close(dfd);`,
// the options filled through `&cfg.file`): as a field reached through a
// pointer, the calls between change it not. Before: "not released on
// every path".
struct cmdOpt {
  const char *name;
  void *val;
};
int parseOpts(int argc, char **argv, struct cmdOpt *opts);
int negativeLocalStructFieldTestedTwice(int argc, char **argv, char *buf) {
  int err, dfd = STDIN_FILENO;
  struct config {
    unsigned len;
    char *file;
  } cfg = {.len = 0};
  struct cmdOpt opts[] = {{"len", &cfg.len}, {"data", &cfg.file}, {0, 0}};
  err = parseOpts(argc, argv, opts);
  if (err)
    return err;
  if (cfg.file) {
    dfd = open(cfg.file, O_RDONLY);
    if (dfd < 0)
      return -1;
  }
  err = read(dfd, buf, cfg.len);
  if (cfg.file)
    close(dfd);
  return err;
}
// Twin: the body writes the field between the tests.
int positiveLocalStructFieldWritten(char *name, char *buf) {
  int err, dfd = STDIN_FILENO;
  struct config {
    unsigned len;
    char *file;
  } cfg = {.len = 8, .file = name};
  if (cfg.file) {
    dfd = open(cfg.file, O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'dfd' acquired by 'open' is not released on every path [raii-release-skipped]
    if (dfd < 0)
      return -1;
  }
  err = read(dfd, buf, cfg.len);
  cfg.file = buf[0] ? name : NULL;
  if (cfg.file)
    close(dfd);
  return err;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: release of 'dfd' is skipped by this return

// A descriptor tested positive, the validity test it is meant as (nvme-cli's
// `if (ffd <= 0) goto free;`; `if (fd > 0) close(fd);`): descriptor 0
// comes back only where standard input was closed. Before: "not released
// on every path" (the path where open gave 0).
int workOn(int fd);
int negativeDescriptorTestedPositive(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd <= 0)
    return -1;
  workOn(fd);
  close(fd);
  return 0;
}
int negativeDescriptorClosedWhenPositive(const char *path) {
  int fd = open(path, O_RDONLY);
  int r = workOn(fd);
  if (fd > 0)
    close(fd);
  return r;
}
// Twin: the positive side leaves without closing.
int positiveDescriptorPositiveSideLeaks(const char *path) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd <= 0)
    return -1;
  if (workOn(fd) < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  close(fd);
  return 0;
}

// A descriptor number a parameter names, filled (traceroute's
// make_fd_used: `nfd = open("/dev/null", ..); if (nfd != fd) {
// dup2(nfd, fd); close(nfd); }`): where they are equal the new
// descriptor is that number, kept on purpose. Before: "not released on
// every path".
int isOpenDescriptor(int fd);
void negativeFillsNumberedDescriptor(int fd) {
  if (isOpenDescriptor(fd))
    return;
  int nfd = open("/dev/null", O_RDONLY);
  if (nfd < 0)
    abort();
  if (nfd != fd) {
    dup2(nfd, fd);
    close(nfd);
  }
}
// Twin: no dup2 onto the number, an equal one says nothing.
int positiveComparedWithNumberOnly(int fd) {
  int nfd = open("/dev/null", O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'nfd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (nfd < 0)
    return -1;
  if (nfd != fd)
    close(nfd);
  return 0;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: release of 'nfd' is skipped by this return

// The caller's descriptor, taken instead of one the function opens
// (libusb's `if (wrapped_fd < 0) fd = open(..); else fd = wrapped_fd;`):
// where the variable equals it, it holds nothing the function opened.
int negativeCallersDescriptorOrOwn(const char *path, int wrapped_fd) {
  int fd;
  if (wrapped_fd < 0)
    fd = open(path, O_RDWR);
  else
    fd = wrapped_fd;
  if (fd < 0)
    return -1;
  int r = workOn(fd);
  if (fd != wrapped_fd)
    close(fd);
  return r;
}

// Twins of negativeLocalStructFieldTestedTwice: a call given the struct's
// address (or a field's) between the tests may change the field; a
// pointer kept to the struct lets any call change it.
struct profile {
  char *out;
  int quiet;
};
void applyProfile(struct profile *p, int quiet);
int positiveLocalStructGivenToCall(char *name, char *buf, int quiet) {
  int fd = STDOUT_FILENO;
  struct profile o = {name, 0};
  if (o.out) {
    fd = open(o.out, O_WRONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
    if (fd < 0)
      return -1;
  }
  applyProfile(&o, quiet);
  int err = write(fd, buf, 4);
  if (o.out)
    close(fd);
  return err;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: release of 'fd' is skipped by this return
void dropOut(struct profile *p);
int positiveLocalStructThroughPointer(char *name, char *buf) {
  int fd = STDOUT_FILENO;
  struct profile o = {name, 0};
  struct profile *op = &o;
  if (o.out) {
    fd = open(o.out, O_WRONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
    if (fd < 0)
      return -1;
  }
  dropOut(op);
  int err = write(fd, buf, 4);
  if (o.out)
    close(fd);
  return err;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: release of 'fd' is skipped by this return
// Twin of negativeFillsNumberedDescriptor: compared with an int parameter
// it is not dup2'd onto (the dup2 goes onto standard error), the equal
// side says nothing.
int positiveComparedWithAnotherNumber(int reserved, const char *path) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return -1;
  if (fd == reserved)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  dup2(fd, STDERR_FILENO);
  close(fd);
  return 0;
}
// Twin of negativeLocalStructFieldTestedTwice: a field's address kept in a
// pointer the body writes through.
int positiveLocalStructFieldThroughPointer(char *name, char *buf) {
  int fd = STDOUT_FILENO;
  struct profile o = {name, 0};
  char **out = &o.out;
  if (o.out) {
    fd = open(o.out, O_WRONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
    if (fd < 0)
      return -1;
  }
  *out = 0;
  int err = write(fd, buf, 4);
  if (o.out)
    close(fd);
  return err;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: release of 'fd' is skipped by this return

// A status whose address a call gets (cryptsetup's `check_signal(&r)`)
// keeps the constants the error paths give it up to the next call.
void checkStatus(int *r);
int negativeStatusLentToCall(int fd, char **out) {
  char *buf = NULL;
  int r = 0;
  buf = malloc(4096);
  if (!buf) {
    r = -12;
    goto out;
  }
  if (read(fd, buf, 4095) < 0) {
    r = -5;
    goto out;
  }
  checkStatus(&r);
  if (r)
    goto out;
  *out = buf;
out:
  if (r && buf)
    free(buf);
  return r;
}

// Twin: a callee may have kept the address, so any later call may change
// the status.
void pollEvents(void);
int positiveStatusChangedByLaterCall(void) {
  char *buf = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'malloc' is not released on every path [raii-release-skipped]
  int r = 0;
  if (!buf)
    return -1;
  checkStatus(&r);
  r = 1;
  pollEvents();
  if (r)
    free(buf);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'buf' is skipped by this return
}

// A _Bool flag set with the acquire and compared with 1 (`if (used ==
// true)`, libofx): `true` stored in a _Bool is 1, as it is compared.
void negativeBoolFlagComparedWithOne(int c) {
  _Bool used = 0;
  char *p = NULL;
  if (c) {
    p = malloc(4);
    used = 1;
  }
  if (used == 1)
    free(p);
}

// Twin: released only where the flag says nothing was acquired.
void positiveBoolFlagComparedWrongly(int c) {
  _Bool used = 0;
  char *p = NULL;
  if (c) {
    p = malloc(4);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
    used = 1;
  }
  if (used == 0)
    free(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'p' is skipped when the function ends here
