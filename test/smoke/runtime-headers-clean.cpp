// Dogfood: the raii runtime's headers, instantiated the way users use them,
// are clean under every raii-* check (header findings included). Where the
// runtime throws from a destructor on purpose it says so with a NOLINT.
// RUN: %raii_tidy --quiet --header-filter='.*/raii/.*' %s -- -std=c++20 -I%raii_runtime_include 2>&1 | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
//
// The one finding is the control below, proving the checks ran.
// CHECK: runtime-headers-clean.cpp:[[# @LINE + 48]]:3: warning: 'std::lock_guard<std::mutex>' temporary is destroyed at the end of the statement and guards nothing; give it a name to hold it until the end of the scope [raii-unnamed-guard]

#include <raii/raii.hpp>

#include <cstdio>
#include <fcntl.h>
#include <mutex>
#include <stdexcept>
#include <unistd.h>

struct Connection {
  void close() {}
};

struct Session {
  int enter() { return 42; }
  bool exit(std::exception_ptr e) { return e == nullptr; }
};

int useEverything(const char *path) {
  int closed = 0;
  raii::scope_exit onExit([&] { ++closed; });
  raii::scope_fail onFail([&] { ++closed; });
  raii::scope_success onSuccess([&] { ++closed; });

  raii::unique_fd fd(::open(path, O_RDONLY));
  raii::unique_file file(std::fopen(path, "r"));
  auto res = raii::make_unique_resource_checked(
      std::fopen(path, "r"), nullptr, [](std::FILE *f) { std::fclose(f); });

  Connection conn;
  raii::closing closer(conn);

  int committed = 0;
  raii::transaction tx([&] { ++committed; }, [&] { --committed; });

  std::mutex m;
  raii::retry_lock lock(m);

  raii::exit_stack stack;
  stack.callback([&] { ++closed; });

  Session session;
  return raii::with(session, [](int v) { return v; }).value_or(0) + closed;
}

std::mutex controlMutex;
void control() {
  std::lock_guard<std::mutex>{controlMutex};
}
