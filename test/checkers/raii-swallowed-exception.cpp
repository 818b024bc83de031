// RUN: %check_raii %s raii-swallowed-exception %t -- -std=c++17 -isystem %mock_include

#include <exit_handlers.h>
#include <raii/scope_exit.hpp>

void mayFail();
void cleanup();
void logError(const char *);
void sendCrashReport();
void project_unexpected();         // the project's hook, defined elsewhere
void resetState();                 // a cleanup by its name (SilentFunctions)
static void note_failure() { project_unexpected(); }
static void tidy_up() { resetState(); }
#define UNEXPECTED() project_unexpected()
struct Logger {
  void info(const char *);
};
Logger logger;

// ---- positive: destructors ------------------------------------------------

struct Connection {
  ~Connection() {
    try {
      mayFail();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in destructor of 'Connection' is silently swallowed; report it, keep std::current_exception(), or say in a comment that it is ignored intentionally [raii-swallowed-exception]
    }
  }
};

struct SpecificType {
  ~SpecificType() {
    try {
      mayFail();
    } catch (const std::runtime_error &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in destructor of 'SpecificType' is silently swallowed
    }
  }
};

struct BareIgnore {
  ~BareIgnore() {
    try {
      mayFail();
    } catch (...) { // ignore
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in destructor of 'BareIgnore' is silently swallowed
    }
  }
};

struct CleansUpOnly {
  int fd = -1;
  ~CleansUpOnly() {
    try {
      mayFail();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in destructor of 'CleansUpOnly' is silently swallowed
      close(fd);
    }
  }
};

struct RethrowsInDestructor {
  ~RethrowsInDestructor() {
    try {
      mayFail();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in destructor of 'RethrowsInDestructor' is rethrown, but it must not escape an exit handler; report it instead, keep std::current_exception(), or say in a comment that it is ignored intentionally
      throw;
    }
  }
};

struct WritesToStdout {
  ~WritesToStdout() {
    try {
      mayFail();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in destructor of 'WritesToStdout' is silently swallowed
      fprintf(stdout, "done\n");
    }
  }
};

// ---- positive: scope-guard callbacks --------------------------------------

void positiveScopeExit() {
  raii::scope_exit guard([] {
    try {
      cleanup();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in scope-guard callback is silently swallowed
      // CHECK-MESSAGES: :[[@LINE-5]]:20: note: the callback runs when this scope guard exits
    }
  });
  mayFail();
}

void positiveGslFinally() {
  auto guard = gsl::finally([] {
    try {
      cleanup();
    } catch (const std::exception &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in scope-guard callback is silently swallowed
      // CHECK-MESSAGES: :[[@LINE-5]]:8: note: the callback runs when this scope guard exits
    }
  });
  mayFail();
}

void positiveAbslCleanup() {
  absl::Cleanup c = [] {
    try {
      cleanup();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in scope-guard callback is silently swallowed
      // CHECK-MESSAGES: :[[@LINE-5]]:17: note: the callback runs when this scope guard exits
    }
  };
  mayFail();
}

void positiveExperimental() {
  std::experimental::scope_exit guard([] {
    try {
      cleanup();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in scope-guard callback is rethrown, but it must not escape an exit handler
      // CHECK-MESSAGES: :[[@LINE-5]]:33: note: the callback runs when this scope guard exits
      throw;
    }
  });
}

// ---- positive: catch (...) that only releases and falls through -----------

int positiveOnlyReleases(const char *path) {
  FILE *f = fopen(path, "r");
  char *buf = static_cast<char *>(malloc(64));
  try {
    mayFail();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'catch (...)' only releases resources and falls through, silently swallowing the exception; add 'throw;', report it, or say in a comment that it is ignored intentionally [raii-swallowed-exception]
    free(buf);
    fclose(f);
  }
  return 0;
}

// ---- positive: a hand-written finally that forgot `throw;` ----------------

void positiveForgotRethrow(int fd) {
  try {
    mayFail();
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'catch (...)' repeats the cleanup that follows the 'try' and falls through, silently swallowing the exception; add 'throw;', report it, or say in a comment that it is ignored intentionally
    cleanup();
  }
  cleanup();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the same cleanup follows the 'try' here
}

// ---- positive: exit(std::exception_ptr) that suppresses everything --------

struct Session {
  bool exit(std::exception_ptr) {
    cleanup();
    return true;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exit handler of 'Session' returns true on every path, suppressing every exception; inspect the exception and suppress only the expected types, report it, or say in a comment that this is intended
  }
};

struct TwoReturns {
  bool exit(const std::exception_ptr &ep) {
    if (ep)
      return true;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exit handler of 'TwoReturns' returns true on every path
    return true;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exit handler of 'TwoReturns' returns true on every path
  }
};

struct SwallowsInExit {
  void exit(std::exception_ptr) {
    try {
      cleanup();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in exit handler of 'SwallowsInExit' is silently swallowed
    }
  }
};

// ---- a project function may report; a cleanup by name or body does not ----

struct ProjectHooks {
  ~ProjectHooks() {
    try { mayFail(); } catch (...) { project_unexpected(); }
    try { mayFail(); } catch (...) { UNEXPECTED(); }
    try { mayFail(); } catch (...) { note_failure(); }
  }
};

struct SilentHelpers {
  ~SilentHelpers() {
    try { mayFail(); } catch (...) { resetState(); }
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: exception caught in destructor of 'SilentHelpers' is silently swallowed
    try { mayFail(); } catch (...) { tidy_up(); }
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: exception caught in destructor of 'SilentHelpers' is silently swallowed
  }
};

// ---- negative: the exception is reported, stored or commented on ----------

struct Logs {
  ~Logs() {
    try { mayFail(); } catch (...) { logError("closing failed"); }
    try { mayFail(); } catch (...) { perror("close"); }
    try { mayFail(); } catch (...) { syslog(3, "close failed"); }
    try { mayFail(); } catch (...) { fprintf(stderr, "close failed\n"); }
    try { mayFail(); } catch (...) { std::cerr << "close failed\n"; }
    try { mayFail(); } catch (...) { sendCrashReport(); }
    try { mayFail(); } catch (...) { logger.info("closing failed"); }
    try { mayFail(); } catch (...) { std::terminate(); }
    try { mayFail(); } catch (...) { abort(); }
    try { mayFail(); } catch (const std::exception &e) { logError(e.what()); }
  }
};

struct Stores {
  std::exception_ptr error_;
  ~Stores() {
    try {
      mayFail();
    } catch (...) {
      error_ = std::current_exception();
    }
  }
};

struct Intent {
  ~Intent() {
    try {
      mayFail();
    } catch (...) {
      // Intentionally ignored: the peer is gone already.
    }
    try {
      mayFail();
    } catch (...) { /* dropped BY DESIGN, see close(2) */ }
  }
};

void negativeGuardLogs() {
  raii::scope_exit guard([] {
    try {
      cleanup();
    } catch (...) {
      logError("cleanup failed");
    }
  });
}

// Outside destructors and guard callbacks, rethrowing handles it.
void negativeRethrowAfterRelease(char *buf) {
  try {
    mayFail();
  } catch (...) {
    free(buf);
    throw;
  }
  free(buf);
}

struct ExitRethrows {
  void exit(std::exception_ptr) {
    try { cleanup(); } catch (...) { cleanup(); throw; }
  }
};

// An exit handler that inspects the exception and suppresses only one type.
struct Selective {
  bool exit(std::exception_ptr ep) {
    if (!ep)
      return false;
    try {
      std::rethrow_exception(ep);
    } catch (const std::logic_error &) {
      return true;
    } catch (...) {
      return false;
    }
  }
};

struct ExitKeeps {
  std::exception_ptr saved;
  bool exit(std::exception_ptr ep) {
    saved = ep;
    return true;
  }
};

struct ExitCommented {
  bool exit(std::exception_ptr) {
    // Suppresses everything deliberately: this is the top-level runner.
    return true;
  }
};

// ---- negative: ordinary code, not an exit handler -------------------------

int negativeErrorCode(char *buf) {
  try {
    mayFail();
  } catch (...) {
    free(buf);
    return -1; // The error becomes a return code.
  }
  free(buf);
  return 0;
}

void negativeEmptyCatchOutsideExitHandler() {
  try {
    mayFail();
  } catch (...) {
  }
}

void negativeDifferentCleanup() {
  try {
    mayFail();
  } catch (...) {
    logger.info("x");
    cleanup();
  }
  mayFail();
}

void negativeOrdinaryLambda() {
  auto f = [] {
    try { mayFail(); } catch (...) {}
  };
  f();
}

// ---- macros and templates -------------------------------------------------

#define SWALLOW_ALL(stmt) try { stmt; } catch (...) {}

struct MacroDtor {
  ~MacroDtor() { SWALLOW_ALL(mayFail()) }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: exception caught in destructor of 'MacroDtor' is silently swallowed
};

// Only `catch (...)` comes from the macro; the handler and its comment are
// written here (the runtime spells its handlers so, to build with
// -fno-exceptions).
#define CATCH_ANY catch (...)
struct MacroCatchCommented {
  ~MacroCatchCommented() {
    try {
      mayFail();
    } CATCH_ANY {
      // Deliberately dropped: nothing else to do in a destructor.
    }
  }
};
struct MacroCatchSilent {
  ~MacroCatchSilent() {
    try {
      mayFail();
    } CATCH_ANY {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in destructor of 'MacroCatchSilent' is silently swallowed
    }
  }
};

template <class T> struct Holder {
  T value;
  ~Holder() {
    try {
      value.close();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in destructor of 'Holder' is silently swallowed
    }
  }
};
struct Closable {
  void close();
};
Holder<Closable> instantiated;

template <class T> struct NeverInstantiated {
  ~NeverInstantiated() {
    try {
      T::release();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in destructor of 'NeverInstantiated' is silently swallowed
    }
  }
};

template <class T> void guardInTemplate(T &t) {
  raii::scope_exit guard([&] {
    try {
      t.close();
    } catch (...) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in scope-guard callback is silently swallowed
      // CHECK-MESSAGES: :[[@LINE-5]]:20: note: the callback runs when this scope guard exits
    }
  });
}
template void guardInTemplate<Closable>(Closable &);
