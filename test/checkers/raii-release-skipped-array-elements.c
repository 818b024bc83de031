// Handles in the elements of a local array (`socketpair(.., sv)`, `pipe(fds)`)
// are followed through what real code does with them: an element's address
// given to a function of the file that closes it on failure
// (`nonblock(&sv[0])`, mosquitto's net__socket_nonblock) hands that element
// over, not the whole array (two false findings before), and a local that
// only ever holds a copy of one element (`a = sv[0];`) names that element
// (a close of the copy went unmatched: "never released" before); one
// loaded into a local that holds other handles too moves into it.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c11
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

static int nonblock(int *sock) {
  int opt = fcntl(*sock, F_GETFL, 0);
  if (opt == -1) {
    close(*sock);
    *sock = -1;
    return 1;
  }
  return 0;
}

int pairOfSockets(int *r, int *w) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
    return 1;
  if (nonblock(&sv[0])) {
    close(sv[1]);
    return 1;
  }
  if (nonblock(&sv[1])) {
    close(sv[0]);
    return 1;
  }
  *r = sv[0];
  *w = sv[1];
  return 0;
}

int pairOfSocketsLeaks(int *r, int *w) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'sv[1]' acquired by 'socketpair' is never released, and not handed off on every path [raii-release-skipped]
    return 1;
  if (nonblock(&sv[0]))
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'sv[1]' is skipped by this return
  *r = sv[0];
  *w = sv[1];
  return 0;
}

int copiesOfElements(int *r, int *w) {
  int a, b;
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
    return 1;
  a = sv[0];
  b = sv[1];
  if (fcntl(a, F_GETFL, 0) == -1) {
    close(a);
    close(b);
    return 1;
  }
  *r = a;
  *w = b;
  return 0;
}

int copiesOfElementsLeak(int *r, int *w) {
  int fds[2];
  if (pipe(fds) < 0)
    return 1;
  int in = fds[0], out = fds[1];
  // CHECK-MESSAGES: :[[@LINE-3]]:7: warning: 'fds[1]' acquired by 'pipe' is never released, and not handed off on every path [raii-release-skipped]
  if (fcntl(in, F_GETFL, 0) == -1) {
    close(in);
    return 1;
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 'fds[1]' is skipped by this return
  *r = in;
  *w = out;
  return 0;
}

// One end of a pipe returned, directly or through a copy (openvpn's
// run_command): that end goes to the caller ("never released" before).
int negativeEndReturned(void) {
  int pfd[2];
  if (pipe(pfd) != 0)
    return -1;
  close(pfd[1]);
  return pfd[0];
}

int negativeEndCopiedThenReturned(void) {
  int ret = -1;
  int pfd[2];
  if (pipe(pfd) == 0) {
    if (fcntl(pfd[0], F_SETFD, FD_CLOEXEC) < 0) {
      close(pfd[0]);
      close(pfd[1]);
      return -1;
    }
    close(pfd[1]);
    ret = pfd[0];
  }
  return ret;
}

// Twin: only the returned end goes; the other one is still lost.
int positiveOtherEndLost(void) {
  int pfd[2];
  if (pipe(pfd) != 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'pfd[1]' acquired by 'pipe' is never released [raii-release-skipped]
    return -1;
  int ret = pfd[0];
  return ret;
}

// Elements copied by an index the function cannot tell (`fds[out]`,
// mawk's files.c): either may be released through the copy, so each is
// maybe taken by it; a path that leaves before the copies still leaks.
int pipeEndsByIndex(int out) {
  int fds[2], l, r;
  if (pipe(fds) == -1)
    return -1;
  l = fds[out];
  r = fds[!out];
  close(r);
  return l;
}

int positivePipeLeftBeforeCopies(int out, int bad) {
  int fds[2], l;
  if (pipe(fds) == -1)
    return -1;
  if (bad)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-4]]:7: warning: 'fds[0]' acquired by 'pipe' is never released, and not handed off on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 'fds[0]' is skipped by this return
  // CHECK-MESSAGES: :[[@LINE-6]]:7: warning: 'fds[1]' acquired by 'pipe' is never released, and not handed off on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: release of 'fds[1]' is skipped by this return
  l = fds[out];
  close(fds[!out]);
  return l;
}

// The whole array given to a function of the file: what its body does
// with each element (lftp's `Parent(p)` closing p[0] and keeping p[1]).
static void close_both(int *p) {
  close(p[0]);
  close(p[1]);
}
int keptFd = -1;
static void close_read_keep_write(int *p) {
  close(p[0]);
  keptFd = p[1];
}
static void close_first(int *p) { close(*p); }
static int read_both(int *p) {
  char c;
  return (int)read(p[0], &c, 1) + (int)read(p[1], &c, 1);
}

int negativeArrayClosedByHelper(void) {
  int p[2];
  if (pipe(p) == -1)
    return -1;
  close_both(p);
  return 0;
}

int negativeArrayClosedAndKeptByHelper(void) {
  int p[2];
  if (pipe(p) == -1)
    return -1;
  close_read_keep_write(p);
  return 0;
}

// Twins: the helper closes one element only, or only reads both.
int positiveArrayOneClosedByHelper(void) {
  int p[2];
  if (pipe(p) == -1)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'p[1]' acquired by 'pipe' is never released [raii-release-skipped]
    return -1;
  close_first(p);
  return 0;
}

int positiveArrayReadByHelper(void) {
  int p[2];
  if (pipe(p) == -1)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'p[0]' acquired by 'pipe' is never released [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'p[1]' acquired by 'pipe' is never released [raii-release-skipped]
    return -1;
  return read_both(p);
}

// Twins the body does not tell element by element: the array passed on to
// another helper, read through a copy, or by an index that is not
// constant; the fate of the whole array stands (a function of the file
// that only reads it borrows both).
static void cloexec_both(int *p) {
  for (int i = 0; i < 2; i++)
    fcntl(p[i], F_SETFD, FD_CLOEXEC);
}
static void setup_pipe(int *p) { cloexec_both(p); }
static int write_end(int *p) {
  int w = p[1];
  return (int)write(w, "x", 1);
}

int positiveArrayPassedOnToReader(void) {
  int p[2];
  if (pipe(p) == -1)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'p[0]' acquired by 'pipe' is never released [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'p[1]' acquired by 'pipe' is never released [raii-release-skipped]
    return -1;
  setup_pipe(p);
  return 0;
}

int positiveArrayElementCopied(void) {
  int p[2];
  if (pipe(p) == -1)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'p[0]' acquired by 'pipe' is never released [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'p[1]' acquired by 'pipe' is never released [raii-release-skipped]
    return -1;
  return write_end(p);
}

// A release by an index that is not constant may be of either element.
static void close_pipe_loop(int *p) {
  for (int i = 0; i < 2; i++)
    close(p[i]);
}

int negativeArrayClosedInLoopByHelper(void) {
  int p[2];
  if (pipe(p) == -1)
    return -1;
  close_pipe_loop(p);
  return 0;
}

// The elements are descriptors: a test of one against -1 tells whether it
// holds one (rsyslog's and sudo's `if (sv[1] != -1) close(sv[1]);` after
// the pair was made).
void use(int fd);

void negativeElementsTestedBeforeClose(void) {
  int sv[2] = {-1, -1};
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
    return;
  use(sv[0]);
  if (sv[1] != -1)
    close(sv[1]);
  if (sv[0] >= 0)
    close(sv[0]);
}

void positiveElementTestedOtherLeaks(void) {
  int fds[2] = {-1, -1};
  if (pipe(fds) != 0)
    return;
  use(fds[0]);
  if (fds[1] != -1)
    close(fds[1]);
}

// Once the body writes an element, a test of it may be of another value:
// the write end given another descriptor leaks.
int positiveElementReassignedLeaks(int other) {
  int fds[2];
  if (pipe(fds) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'fds[1]' acquired by 'pipe' is not released on every path [raii-release-skipped]
  fds[1] = other;
  if (fds[0] != -1)
    close(fds[0]);
  if (fds[1] != -1)
    close(fds[1]);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fds[1]' is skipped by this return
}

// Elements set to -1 before the pipe is made are its initial value; set to
// -1 after it with nothing closed, the descriptor is lost.
int negativeElementsInitialisedFirst(void) {
  int fds[2];
  fds[0] = fds[1] = -1;
  if (pipe(fds) < 0)
    goto out;
  use(fds[0]);
out:
  if (fds[0] != -1)
    close(fds[0]);
  if (fds[1] != -1)
    close(fds[1]);
  return 0;
}

int positiveElementClearedNotClosed(int drop) {
  int fds[2] = {-1, -1};
  if (pipe(fds) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'fds[1]' acquired by 'pipe' is not released on every path [raii-release-skipped]
  if (drop)
    fds[1] = -1;
  close(fds[0]);
  if (fds[1] != -1)
    close(fds[1]);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fds[1]' is skipped by this return
}

// Marked released right after the close (nginx's ngx_epoll_test_rdhup):
// the later test of the element tells the paths apart. Before: "not
// released on every path".
int probe(int fd);
void negativeElementMarkedClosed(void) {
  int s[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, s) == -1)
    return;
  if (probe(s[0]) == 0) {
    close(s[1]);
    s[1] = -1;
  }
  if (s[1] != -1)
    close(s[1]);
  close(s[0]);
}

// Twin: marked after a call that only reads it, the descriptor is lost.
void positiveElementMarkedAfterUse(void) {
  int s[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, s) == -1)
    return;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 's[1]' acquired by 'socketpair' is not released on every path [raii-release-skipped]
  if (probe(s[0]) == 0) {
    probe(s[1]);
    s[1] = -1;
  }
  if (s[1] != -1)
    close(s[1]);
  close(s[0]);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 's[1]' is skipped when the function ends here

// Marked released after an `if` whose condition closes it, and inside its
// failure branch (nginx's real ngx_epoll_test_rdhup: `if (close(s[1]) ==
// -1) { .. s[1] = -1; goto failed; } s[1] = -1;`). Before: "not released
// on every path".
void logit(const char *what);
void negativeElementMarkedAfterCloseTest(void) {
  int s[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, s) == -1)
    return;
  if (probe(s[0]) == -1)
    goto failed;
  if (close(s[1]) == -1) {
    logit("close");
    s[1] = -1;
    goto failed;
  }
  s[1] = -1;
  probe(s[0]);
failed:
  if (s[1] != -1 && close(s[1]) == -1)
    logit("close");
  close(s[0]);
}

// Twin: the condition closes it only when another test passes first, so
// the mark after the `if` may lose it.
void positiveElementMarkedAfterShortCircuit(int quick) {
  int s[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, s) == -1)
    return;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 's[1]' acquired by 'socketpair' is not released on every path [raii-release-skipped]
  if (quick && close(s[1]) == -1)
    logit("close");
  s[1] = -1;
  if (s[1] != -1)
    close(s[1]);
  close(s[0]);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 's[1]' is skipped when the function ends here

// Elements closed by a loop whose index counts through constant bounds
// (apt's pkgAcquire::Worker::Start: `for (I = 0; I != 4; I++)
// close(Pipes[I]);` after a failed second pipe): each element of the
// range is released. Before: "never released" for Pipes[0] and Pipes[1].
// Elements outside the range, or a close under a test in the loop, are
// not.
int negativeLoopClosesEveryElement(int *rd, int *wr) {
  int Pipes[4] = {-1, -1, -1, -1};
  if (pipe(Pipes) != 0 || pipe(Pipes + 2) != 0) {
    for (int I = 0; I != 4; I++)
      close(Pipes[I]);
    return -1;
  }
  *rd = Pipes[0];
  *wr = Pipes[3];
  close(Pipes[1]);
  close(Pipes[2]);
  return 0;
}
int negativeLoopWithBlockBody(int *rd, int *wr) {
  int fds[2];
  int i;
  if (pipe(fds) != 0)
    return -1;
  if (fcntl(fds[0], F_SETFL, O_NONBLOCK) < 0) {
    for (i = 0; i < 2; ++i) {
      close(fds[i]);
    }
    return -1;
  }
  *rd = fds[0];
  *wr = fds[1];
  return 0;
}
int positiveLoopShortOfTheArray(void) {
  int fds[2];
  if (pipe(fds) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'fds[1]' acquired by 'pipe' is never released [raii-release-skipped]
  for (int i = 0; i < 1; i++)
    close(fds[i]);
  return 0;
}
int positiveLoopClosesUnderTest(int keep) {
  int fds[2];
  if (pipe(fds) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'fds[0]' acquired by 'pipe' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: warning: 'fds[1]' acquired by 'pipe' is never released [raii-release-skipped]
  for (int i = 0; i < 2; i++)
    if (i != keep)
      close(fds[i]);
  return 0;
}
// A round that may leave the loop early (a return after the first close)
// does not release the rest: the index's closes are not followed then.
int positiveLoopLeavesEarly(int stop) {
  int fds[2];
  if (pipe(fds) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'fds[0]' acquired by 'pipe' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: warning: 'fds[1]' acquired by 'pipe' is never released [raii-release-skipped]
  for (int i = 0; i < 2; i++) {
    close(fds[i]);
    if (stop)
      return -1;
  }
  return 0;
}

// A pair made into the array from a constant offset on (`pipe(Pipes + 2)`,
// `pipe(&fds[2])`): those elements are tracked (apt's edsp.cc leaked
// them unreported before).
int positiveSecondPairLeaks(int e) {
  int fds[4];
  if (pipe(fds) != 0)
    return -1;
  if (pipe(fds + 2) != 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  close(fds[0]);
  close(fds[1]);
  if (e)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-9]]:7: warning: 'fds[2]' acquired by 'pipe' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 'fds[2]' is skipped by this return
  // CHECK-MESSAGES: :[[@LINE-11]]:7: warning: 'fds[3]' acquired by 'pipe' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: release of 'fds[3]' is skipped by this return
  close(fds[2]);
  close(fds[3]);
  return 0;
}
int negativeSecondPairByAddress(void) {
  int fds[4];
  if (pipe(fds) != 0)
    return -1;
  if (pipe(&fds[2]) != 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  for (int i = 0; i < 4; i++)
    close(fds[i]);
  return 0;
}

// The result tested through the variable it went to: a comparison of that
// variable with zero says whether the pair was made (it is no descriptor,
// so `rc != 0` is no "equal to a valid number" test of one).
int negativeResultVariable(void) {
  int fds[2];
  int rc = pipe(fds);
  if (rc != 0)
    return -1;
  close(fds[0]);
  close(fds[1]);
  return 0;
}
int negativeAssignedInCondition(void) {
  int rc, fds[2];
  if ((rc = pipe(fds)) == 0) {
    close(fds[0]);
    close(fds[1]);
  }
  return rc;
}
int positiveResultVariable(int e) {
  int fds[2];
  int rc = pipe(fds);
  if (rc != 0)
    return -1;
  close(fds[0]);
  if (e)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-6]]:12: warning: 'fds[1]' acquired by 'pipe' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 'fds[1]' is skipped by this return
  close(fds[1]);
  return 0;
}

// An element's handle loaded into a local that holds handles of its own
// (logrotate's `close(mailInput); mailInput = uncompressPipe[0];`, nbd's
// `sock = plainfd[1];` in one branch and `sock = socket(..)` in the
// other): the handle moves into the local, whose releases and hand-offs
// are then the element's ("'p[0]' is not released" before).
int negativeElementIntoReusedLocal(const char *path, int uncompress) {
  int input;
  int p[2];
  if ((input = open(path, O_RDONLY)) < 0)
    return 1;
  if (uncompress) {
    if (pipe(p) < 0) {
      close(input);
      return 1;
    }
    close(input);
    input = p[0];
    close(p[1]);
  }
  if (read(input, &uncompress, 1) < 0) {
    close(input);
    return 1;
  }
  close(input);
  return 0;
}
int negativeElementHandedOut(int *sockp, int tls) {
  int plainfd[2];
  int sock;
  if (tls) {
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, plainfd) < 0)
      return -1;
    sock = plainfd[1];
  } else {
    sock = socket(AF_INET, SOCK_STREAM, 0);
    if (sock < 0)
      return -1;
  }
  *sockp = sock;
  return tls ? plainfd[0] : -1;
}
// The local only borrows the element when the function closes the
// element by its own name after the load and never the local.
int negativeElementBorrowedByReusedLocal(const char *path) {
  int input = open(path, O_RDONLY);
  int p[2];
  char c;
  if (input < 0)
    return 1;
  if (pipe(p) < 0) {
    close(input);
    return 1;
  }
  close(input);
  input = p[0];
  read(input, &c, 1);
  close(p[0]);
  close(p[1]);
  return 0;
}
int positiveElementIntoReusedLocal(const char *path, int uncompress) {
  int input = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'input' acquired by 'open' is not released on every path [raii-release-skipped]
  int p[2];
  if (input < 0)
    return 1;
  if (uncompress) {
    if (pipe(p) < 0) {
      close(input);
      return 1;
    }
    close(input);
    input = p[0];
    close(p[1]);
  }
  if (read(input, &uncompress, 1) < 0)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'input' is skipped by this return
  // CHECK-MESSAGES: :[[@LINE-6]]:13: warning: 'input' acquired by 'pipe' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: release of 'input' is skipped by this return
  close(input);
  return 0;
}
int positiveElementHandedOutOnOnePath(int *sockp, int tls) {
  int plainfd[2];
  int sock;
  if (tls) {
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, plainfd) < 0)
      return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: 'plainfd[0]' acquired by 'socketpair' is never released [raii-release-skipped]
    sock = plainfd[1];
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'sock' acquired by 'socketpair' is never released [raii-release-skipped]
  } else {
    sock = socket(AF_INET, SOCK_STREAM, 0);
    if (sock < 0)
      return -1;
  }
  if (tls)
    return -1;
  *sockp = sock;
  return 0;
}
// Nor when the element is read again after the load another way: by an
// index that is not constant, or through the whole array.
int negativeElementClosedInLoop(const char *path) {
  int in = open(path, O_RDONLY);
  int fds[2];
  char c;
  if (in < 0)
    return 1;
  close(in);
  if (pipe(fds) < 0)
    return 1;
  in = fds[0];
  read(in, &c, 1);
  for (int i = 0; i < 2; i++)
    close(fds[i]);
  return 0;
}
static void closeBoth(int p[2]) {
  close(p[0]);
  close(p[1]);
}
int negativeElementClosedByHelper(const char *path) {
  int in = open(path, O_RDONLY);
  int fds[2];
  char c;
  if (in < 0)
    return 1;
  close(in);
  if (pipe(fds) < 0)
    return 1;
  in = fds[0];
  read(in, &c, 1);
  closeBoth(fds);
  in = open(path, O_RDONLY);
  if (in >= 0)
    close(in);
  return 0;
}
// A library function that only uses the element (`read(fds[0], ..)`)
// does not make the local a borrower: its close releases the element.
int negativeElementReadByLibrary(const char *path) {
  int in = open(path, O_RDONLY);
  int fds[2];
  char c;
  if (in < 0)
    return 1;
  close(in);
  if (pipe(fds) < 0)
    return 1;
  in = fds[0];
  write(fds[1], "x", 1);
  read(fds[0], &c, 1);
  read(in, &c, 1);
  close(in);
  close(fds[1]);
  return 0;
}
