// A lambda that captures a handle may run later, where the function cannot
// see it (a task queue, a thread, a callback): the handle is maybe taken by
// it, as by a callee without a body. A release by hand on the same path
// after the lambda says it only borrowed the handle, and then a path that
// skips that release still leaks. Captures inside a call's argument list, in
// a variable's initialiser and in a `std::function` conversion all count.
// Real system headers and <functional>.
// RUN: %check_raii --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' %s 'raii-release-skipped' %t -- -std=c++17

#include <cstdlib>
#include <functional>
#include <sys/socket.h>
#include <unistd.h>

void enqueue(std::function<void()> Task);
void serveAndClose(int Fd);
void work();
template <class F> void runLater(F Task) { enqueue(Task); }

// cpp-httplib: the accepted socket goes to the thread pool in a lambda.
void postedByCopy(int Listener) {
  int Sock = accept(Listener, nullptr, nullptr);
  if (Sock == -1)
    return;
  enqueue([=]() { serveAndClose(Sock); });
}

void postedByName(int Listener) {
  int Sock = accept(Listener, nullptr, nullptr);
  if (Sock == -1)
    return;
  enqueue([Sock] { serveAndClose(Sock); });
}

void storedThenPosted(int Listener) {
  int Sock = accept(Listener, nullptr, nullptr);
  if (Sock == -1)
    return;
  auto Task = [Sock] { serveAndClose(Sock); };
  runLater(Task);
}

void postedByInitCapture(int Listener) {
  int Sock = accept(Listener, nullptr, nullptr);
  if (Sock == -1)
    return;
  enqueue([S = Sock] { serveAndClose(S); });
}

// A queue of the file that says whether it took the task: closed where it
// did not, the socket went with the lambda where it did.
bool tryPost(std::function<void()> Task) {
  if (!Task)
    return false;
  enqueue(Task);
  return true;
}

void closedWhenNotPosted(int Listener) {
  for (;;) {
    int Sock = accept(Listener, nullptr, nullptr);
    if (Sock == -1)
      return;
    if (!tryPost([Sock] { serveAndClose(Sock); }))
      close(Sock);
  }
}

void heapBlockPosted() {
  char *Buf = static_cast<char *>(malloc(64));
  if (!Buf)
    return;
  enqueue([Buf] {
    work();
    free(Buf);
  });
}

// Released by hand after the lambda: the lambda only borrowed it, and an
// exception out of work() skips that release.
void borrowedByLambda(int Listener) {
  int Sock = accept(Listener, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Sock' acquired by 'accept' is not released on every path; hold it in a scope guard to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: no automatic fix: 'raii::unique_fd' needs the raii runtime, and <raii/handles.hpp> is not on the include path
  if (Sock == -1)
    return;
  auto Send = [&Sock](const char *Msg) { send(Sock, Msg, 1, 0); };
  Send("a");
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'Sock' is skipped when 'work' throws an exception
  close(Sock);
}

// A path that leaves before the lambda is made still leaks.
void leakedBeforeCapture(int Listener, bool Busy) {
  int Sock = accept(Listener, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Sock' acquired by 'accept' is never released, and not handed off on every path [raii-release-skipped]
  if (Sock == -1)
    return;
  if (Busy)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'Sock' is skipped by this return
  enqueue([Sock] { serveAndClose(Sock); });
}
