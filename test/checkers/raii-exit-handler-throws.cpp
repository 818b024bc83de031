// RUN: %check_raii %s raii-exit-handler-throws %t -- -std=c++17 -isystem %mock_include
// RUN: %check_raii --prefix=OPTOUT --config='{CheckOptions: {raii-exit-handler-throws.AllowNoexceptFalse: true}}' %s raii-exit-handler-throws %t.optout -- -std=c++17 -isystem %mock_include
// RUN: %check_raii --prefix=UNKNOWN --config='{CheckOptions: {raii-exit-handler-throws.TreatUnknownAsThrowing: true, RaiiAssumeNothrow: "::flushQuietly"}}' %s raii-exit-handler-throws %t.unknown -- -std=c++17 -isystem %mock_include

#include <exit_handlers.h>
#include <raii/scope_exit.hpp>

void validate(int v) {
  if (v < 0)
    throw std::runtime_error("negative");
}
void quiet() noexcept;
void unknownCallee();
void flushQuietly();
void declaredThrowing() noexcept(false);
void logError(const char *) noexcept;

// ---- positive: destructors ------------------------------------------------

struct Throws {
  int v = 0;
  ~Throws() {
    if (v < 0)
      throw std::logic_error("bad state");
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'throw' lets an exception escape the destructor of 'Throws'; report the error instead of throwing [raii-exit-handler-throws]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: destructor declared here
    // OPTOUT-MESSAGES: :[[@LINE-3]]:7: warning: 'throw' lets an exception escape the destructor of 'Throws'
    // OPTOUT-MESSAGES: :[[@LINE-6]]:3: note: destructor declared here
    // UNKNOWN-MESSAGES: :[[@LINE-5]]:7: warning: 'throw' lets an exception escape the destructor of 'Throws'
    // UNKNOWN-MESSAGES: :[[@LINE-8]]:3: note: destructor declared here
  }
};

struct CallsThrowing {
  int v = 0;
  ~CallsThrowing() {
    validate(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'validate' may throw out of the destructor of 'CallsThrowing'; catch the exception inside and report it [raii-exit-handler-throws]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: destructor declared here
    // OPTOUT-MESSAGES: :[[@LINE-3]]:5: warning: call to 'validate' may throw
    // OPTOUT-MESSAGES: :[[@LINE-5]]:3: note: destructor declared here
    // UNKNOWN-MESSAGES: :[[@LINE-5]]:5: warning: call to 'validate' may throw
    // UNKNOWN-MESSAGES: :[[@LINE-7]]:3: note: destructor declared here
  }
};

struct CaughtTooNarrowly {
  ~CaughtTooNarrowly() {
    try {
      validate(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'validate' may throw out of the destructor of 'CaughtTooNarrowly'
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: destructor declared here
      // OPTOUT-MESSAGES: :[[@LINE-3]]:7: warning: call to 'validate'
      // OPTOUT-MESSAGES: :[[@LINE-6]]:3: note: destructor declared here
      // UNKNOWN-MESSAGES: :[[@LINE-5]]:7: warning: call to 'validate'
      // UNKNOWN-MESSAGES: :[[@LINE-8]]:3: note: destructor declared here
    } catch (const std::logic_error &) {
      logError("logic");
    }
  }
};

struct Rethrows {
  ~Rethrows() {
    try {
      validate(1);
    } catch (...) {
      logError("failed");
      throw;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: rethrow lets an exception escape the destructor of 'Rethrows'
      // CHECK-MESSAGES: :[[@LINE-7]]:3: note: destructor declared here
      // OPTOUT-MESSAGES: :[[@LINE-3]]:7: warning: rethrow lets
      // OPTOUT-MESSAGES: :[[@LINE-9]]:3: note: destructor declared here
      // UNKNOWN-MESSAGES: :[[@LINE-5]]:7: warning: rethrow lets
      // UNKNOWN-MESSAGES: :[[@LINE-11]]:3: note: destructor declared here
    }
  }
};

struct FunctionTryBlock {
  ~FunctionTryBlock() try {
    validate(1);
  } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of the function-try-block of the destructor of 'FunctionTryBlock' rethrows the exception when it reaches its end; add 'return;' or move the 'try' into the destructor's body
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: destructor declared here
    // OPTOUT-MESSAGES: :[[@LINE-3]]:5: warning: handler of the function-try-block
    // OPTOUT-MESSAGES: :[[@LINE-6]]:3: note: destructor declared here
    // UNKNOWN-MESSAGES: :[[@LINE-5]]:5: warning: handler of the function-try-block
    // UNKNOWN-MESSAGES: :[[@LINE-8]]:3: note: destructor declared here
    logError("failed");
  }
};

// noexcept(false) is an opt-out only when AllowNoexceptFalse says so.
struct OptedOut {
  ~OptedOut() noexcept(false) {
    validate(-1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'validate' may throw out of the destructor of 'OptedOut'
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: destructor declared here
    // UNKNOWN-MESSAGES: :[[@LINE-3]]:5: warning: call to 'validate'
    // UNKNOWN-MESSAGES: :[[@LINE-5]]:3: note: destructor declared here
  }
};

// A destructor allowed to throw that throws only where no exception is in
// flight (the count saved at construction unchanged: kakoune's
// BufferedWriter) cannot end in std::terminate. Its twins throw where one
// may be in flight, or are noexcept, as every destructor is by default.
namespace std {
int uncaught_exceptions() noexcept;
bool uncaught_exception() noexcept;
} // namespace std
struct FlushOnSuccess {
  int saved = std::uncaught_exceptions();
  ~FlushOnSuccess() noexcept(false) {
    if (pending() && saved == std::uncaught_exceptions())
      validate(1);
  }
  bool pending() const noexcept;
};
struct FlushUnlessUnwinding {
  ~FlushUnlessUnwinding() noexcept(false) {
    if (std::uncaught_exception())
      return;
    validate(2);
  }
};
struct FlushWhenUnwinding {
  int saved = std::uncaught_exceptions();
  ~FlushWhenUnwinding() noexcept(false) {
    if (saved != std::uncaught_exceptions())
      validate(3);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'validate' may throw out of the destructor of 'FlushWhenUnwinding'
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: destructor declared here
    // UNKNOWN-MESSAGES: :[[@LINE-3]]:7: warning: call to 'validate'
    // UNKNOWN-MESSAGES: :[[@LINE-6]]:3: note: destructor declared here
  }
};
struct FlushOnSuccessNoexcept {
  int saved = std::uncaught_exceptions();
  ~FlushOnSuccessNoexcept() {
    if (saved == std::uncaught_exceptions())
      validate(4);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'validate' may throw out of the destructor of 'FlushOnSuccessNoexcept'
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: destructor declared here
    // OPTOUT-MESSAGES: :[[@LINE-3]]:7: warning: call to 'validate'
    // OPTOUT-MESSAGES: :[[@LINE-6]]:3: note: destructor declared here
    // UNKNOWN-MESSAGES: :[[@LINE-5]]:7: warning: call to 'validate'
    // UNKNOWN-MESSAGES: :[[@LINE-8]]:3: note: destructor declared here
  }
};

struct DeclaredThrowing {
  ~DeclaredThrowing() {
    declaredThrowing();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'declaredThrowing' may throw
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: destructor declared here
    // OPTOUT-MESSAGES: :[[@LINE-3]]:5: warning: call to 'declaredThrowing'
    // OPTOUT-MESSAGES: :[[@LINE-5]]:3: note: destructor declared here
    // UNKNOWN-MESSAGES: :[[@LINE-5]]:5: warning: call to 'declaredThrowing'
    // UNKNOWN-MESSAGES: :[[@LINE-7]]:3: note: destructor declared here
  }
};

// Unknown callees (no definition, not noexcept) count only with
// TreatUnknownAsThrowing; RaiiAssumeNothrow exempts some.
struct CallsUnknown {
  ~CallsUnknown() {
    unknownCallee();
    // UNKNOWN-MESSAGES: :[[@LINE-1]]:5: warning: call to 'unknownCallee' may throw out of the destructor of 'CallsUnknown'
    // UNKNOWN-MESSAGES: :[[@LINE-3]]:3: note: destructor declared here
    flushQuietly();
  }
};

// ---- positive: scope-guard callbacks and exit() handlers -------------------

void positiveGuard(int v) {
  raii::scope_exit guard([v] { validate(v); });
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: call to 'validate' may throw out of the scope-guard callback; catch the exception inside and report it
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: scope-guard callback declared here
  // OPTOUT-MESSAGES: :[[@LINE-3]]:32: warning: call to 'validate'
  // OPTOUT-MESSAGES: :[[@LINE-4]]:26: note: scope-guard callback declared here
  // UNKNOWN-MESSAGES: :[[@LINE-5]]:32: warning: call to 'validate'
  // UNKNOWN-MESSAGES: :[[@LINE-6]]:26: note: scope-guard callback declared here
}

void positiveGslThrow(bool failed) {
  auto g = gsl::finally([&] {
    if (failed)
      throw std::runtime_error("rollback failed");
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'throw' lets an exception escape the scope-guard callback
    // CHECK-MESSAGES: :[[@LINE-4]]:25: note: scope-guard callback declared here
    // OPTOUT-MESSAGES: :[[@LINE-3]]:7: warning: 'throw' lets
    // OPTOUT-MESSAGES: :[[@LINE-6]]:25: note: scope-guard callback declared here
    // UNKNOWN-MESSAGES: :[[@LINE-5]]:7: warning: 'throw' lets
    // UNKNOWN-MESSAGES: :[[@LINE-8]]:25: note: scope-guard callback declared here
  });
}

struct Manager {
  bool exit(std::exception_ptr ep) {
    validate(ep ? -1 : 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'validate' may throw out of the exit handler of 'Manager'
    // CHECK-MESSAGES: :[[@LINE-3]]:8: note: exit handler declared here
    // OPTOUT-MESSAGES: :[[@LINE-3]]:5: warning: call to 'validate'
    // OPTOUT-MESSAGES: :[[@LINE-5]]:8: note: exit handler declared here
    // UNKNOWN-MESSAGES: :[[@LINE-5]]:5: warning: call to 'validate'
    // UNKNOWN-MESSAGES: :[[@LINE-7]]:8: note: exit handler declared here
    return false;
  }
};

// ---- negative -------------------------------------------------------------

struct OnlyNoexcept {
  int fd = -1;
  ~OnlyNoexcept() {
    quiet();
    logError("closing");
    close(fd); // C linkage: taken not to throw.
  }
};

struct CatchesAll {
  ~CatchesAll() {
    try {
      validate(-1);
      throw std::runtime_error("x");
    } catch (...) {
      logError("failed");
    }
  }
};

struct CatchesBase {
  ~CatchesBase() {
    try {
      validate(-1);
    } catch (const std::exception &e) {
      logError(e.what());
    }
  }
};

struct ReturnsFromHandler {
  ~ReturnsFromHandler() try {
    validate(1);
  } catch (...) {
    logError("failed");
    return;
  }
};

void negativeOrdinaryLambda() {
  auto f = [] { validate(-1); };
  f();
}

void negativeOrdinaryFunction() { validate(-1); }

// ---- macros and templates -------------------------------------------------

#define CHECKED(v) validate(v)

struct InMacro {
  ~InMacro() { CHECKED(2); }
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: call to 'validate' may throw out of the destructor of 'InMacro'
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: destructor declared here
  // OPTOUT-MESSAGES: :[[@LINE-3]]:16: warning: call to 'validate'
  // OPTOUT-MESSAGES: :[[@LINE-4]]:3: note: destructor declared here
  // UNKNOWN-MESSAGES: :[[@LINE-5]]:16: warning: call to 'validate'
  // UNKNOWN-MESSAGES: :[[@LINE-6]]:3: note: destructor declared here
};

template <class T> struct Box {
  T value;
  ~Box() {
    validate(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'validate' may throw out of the destructor of 'Box'
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: destructor declared here
    // OPTOUT-MESSAGES: :[[@LINE-3]]:5: warning: call to 'validate'
    // OPTOUT-MESSAGES: :[[@LINE-5]]:3: note: destructor declared here
    // UNKNOWN-MESSAGES: :[[@LINE-5]]:5: warning: call to 'validate'
    // UNKNOWN-MESSAGES: :[[@LINE-7]]:3: note: destructor declared here
    value.close();
  }
};
struct Closable {
  void close() noexcept;
};
Box<Closable> box;

template <class T> struct NeverUsed {
  ~NeverUsed() { throw T(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'throw' lets an exception escape the destructor of 'NeverUsed'
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: destructor declared here
  // OPTOUT-MESSAGES: :[[@LINE-3]]:18: warning: 'throw' lets
  // OPTOUT-MESSAGES: :[[@LINE-4]]:3: note: destructor declared here
  // UNKNOWN-MESSAGES: :[[@LINE-5]]:18: warning: 'throw' lets
  // UNKNOWN-MESSAGES: :[[@LINE-6]]:3: note: destructor declared here
};

// A handler that catches what its callee throws: the callee's `throw` is of
// a known type, and the C function it also calls throws nothing (C
// linkage), so the typed handler catches all of it (fmt's
// ~output_redirect: `if (fflush(f) != 0) throw system_error(..)`). Not a
// callee throwing a type the handler does not catch.
extern "C" int flush_stream(void);
struct Redirect {
  void restore() {
    if (flush_stream() != 0)
      throw std::runtime_error("cannot flush");
  }
  void restoreOrThrowCode() {
    if (flush_stream() != 0)
      throw 1;
  }
  ~Redirect() {
    try {
      restore();
    } catch (const std::exception &) {
    }
  }
};
struct RedirectCode {
  Redirect r;
  ~RedirectCode() {
    try {
      r.restoreOrThrowCode();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'restoreOrThrowCode' may throw out of the destructor of 'RedirectCode'; catch the exception inside and report it [raii-exit-handler-throws]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: destructor declared here
      // OPTOUT-MESSAGES: :[[@LINE-3]]:7: warning: call to 'restoreOrThrowCode'
      // OPTOUT-MESSAGES: :[[@LINE-6]]:3: note: destructor declared here
      // UNKNOWN-MESSAGES: :[[@LINE-5]]:7: warning: call to 'restoreOrThrowCode'
      // UNKNOWN-MESSAGES: :[[@LINE-8]]:3: note: destructor declared here
    } catch (const std::exception &) {
    }
  }
};

// What the walk cannot type stays unknown below the first callee: a call
// through a pointer (a callback that may throw anything), a C function of
// the file whose body throws, `dynamic_cast` to a reference.
using Callback = void (*)(int);
extern Callback on_done;
void notifyDone(int n) {
  if (on_done)
    on_done(n);
  if (n < 0)
    throw std::runtime_error("negative");
}
void finishSession(int n) {
  flush_stream();
  notifyDone(n);
}
extern "C" void emitCode(int n) {
  if (n < 0)
    throw 1;
}
void finishEmit(int n) {
  flush_stream();
  emitCode(n);
}
struct Shape {
  virtual ~Shape() = default;
};
struct Square : Shape {
  int side = 0;
};
int sideOf(Shape &s) {
  flush_stream();
  return dynamic_cast<Square &>(s).side;
}
struct Session {
  int n = 0;
  Shape *shape = nullptr;
  ~Session() {
    try {
      finishSession(n);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'finishSession' may throw out of the destructor of 'Session'; catch the exception inside and report it [raii-exit-handler-throws]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: destructor declared here
      // OPTOUT-MESSAGES: :[[@LINE-3]]:7: warning: call to 'finishSession'
      // OPTOUT-MESSAGES: :[[@LINE-6]]:3: note: destructor declared here
      // UNKNOWN-MESSAGES: :[[@LINE-5]]:7: warning: call to 'finishSession'
      // UNKNOWN-MESSAGES: :[[@LINE-8]]:3: note: destructor declared here
      finishEmit(n);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'finishEmit' may throw out of the destructor of 'Session'; catch the exception inside and report it [raii-exit-handler-throws]
      // CHECK-MESSAGES: :[[@LINE-11]]:3: note: destructor declared here
      // OPTOUT-MESSAGES: :[[@LINE-3]]:7: warning: call to 'finishEmit'
      // OPTOUT-MESSAGES: :[[@LINE-13]]:3: note: destructor declared here
      // UNKNOWN-MESSAGES: :[[@LINE-5]]:7: warning: call to 'finishEmit'
      // UNKNOWN-MESSAGES: :[[@LINE-15]]:3: note: destructor declared here
      sideOf(*shape);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to 'sideOf' may throw out of the destructor of 'Session'; catch the exception inside and report it [raii-exit-handler-throws]
      // CHECK-MESSAGES: :[[@LINE-18]]:3: note: destructor declared here
      // OPTOUT-MESSAGES: :[[@LINE-3]]:7: warning: call to 'sideOf'
      // OPTOUT-MESSAGES: :[[@LINE-20]]:3: note: destructor declared here
      // UNKNOWN-MESSAGES: :[[@LINE-5]]:7: warning: call to 'sideOf'
      // UNKNOWN-MESSAGES: :[[@LINE-22]]:3: note: destructor declared here
    } catch (const std::runtime_error &) {
    }
  }
};

