// A call through a function-pointer parameter its function never writes
// throws only if a function the translation unit passes for it may
// (p8-platform's CCondition::Wait calls `callback(param)`, and libcec gives
// it a predicate that reads a bool: 11 destructors were reported before).
// Unknown, and so throwing in a unit that throws, where the function's
// address is taken, or a call passes a variable.
// RUN: %check_raii %s raii-exit-handler-throws %t -- -std=c++17 -isystem %mock_include

#include <exit_handlers.h>

void validate(int v) {
  if (v < 0)
    throw std::runtime_error("negative");
}

extern "C" void spin(void); // a C function: never throws
typedef bool (*Predicate)(void *param);
static bool readFlag(void *param) { return *static_cast<bool *>(param); }
static bool checkFlag(void *param) {
  validate(*static_cast<int *>(param));
  return true;
}

bool waitFor(Predicate callback, void *param) {
  while (!callback(param))
    spin();
  return true;
}
struct Waiter {
  bool stopped = false;
  ~Waiter() { waitFor(readFlag, &stopped); }
};

// The same function given a throwing predicate by another call.
bool waitChecked(Predicate callback, void *param) {
  spin();
  return callback(param);
}
int level = 1;
bool checked() { return waitChecked(checkFlag, &level); }
struct CheckedWaiter {
  bool stopped = false;
  ~CheckedWaiter() { waitChecked(readFlag, &stopped); }
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: call to 'waitChecked' may throw out of the destructor of 'CheckedWaiter'; catch the exception inside and report it [raii-exit-handler-throws]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: destructor declared here
};

// Its address taken: what else it is given is unknown.
bool waitAny(Predicate callback, void *param) {
  spin();
  return callback(param);
}
bool (*waitHook)(Predicate, void *) = &waitAny;
struct HookWaiter {
  bool stopped = false;
  ~HookWaiter() { waitAny(readFlag, &stopped); }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: call to 'waitAny' may throw out of the destructor of 'HookWaiter'; catch the exception inside and report it [raii-exit-handler-throws]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: destructor declared here
};

// A variable passed for it: unknown too.
bool waitVia(Predicate callback, void *param) {
  spin();
  return callback(param);
}
struct VarWaiter {
  Predicate pred = readFlag;
  bool stopped = false;
  ~VarWaiter() { waitVia(pred, &stopped); }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: call to 'waitVia' may throw out of the destructor of 'VarWaiter'; catch the exception inside and report it [raii-exit-handler-throws]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: destructor declared here
};

// A class template's members (p8-platform's CCondition<bool>): the calls
// are read in the instantiation.
template <typename P> struct Condition {
  static bool fromFlag(void *param) { return *static_cast<P *>(param); }
  bool wait(Predicate callback, void *param) {
    spin();
    return callback(param);
  }
  bool wait(P &flag) { return wait(fromFlag, &flag); }
};
struct TemplateWaiter {
  Condition<bool> cond;
  bool stopped = false;
  ~TemplateWaiter() { cond.wait(stopped); }
};

// A call a function template leaves unresolved may pass anything
// (`waitT(checkFlag, x)` with x of a dependent type), and a parameter
// bound to a non-const reference may be replaced by a throwing callback.
bool waitT(Predicate callback, void *param) {
  spin();
  return callback(param);
}
template <typename T> bool waitFor(T *x) { return waitT(checkFlag, x); }
bool useT() { return waitFor(&level); }
struct TWaiter {
  bool stopped = false;
  ~TWaiter() { waitT(readFlag, &stopped); }
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: call to 'waitT' may throw out of the destructor of 'TWaiter'; catch the exception inside and report it [raii-exit-handler-throws]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: destructor declared here
};
void harden(Predicate &cb) { cb = checkFlag; }
bool waitHard(Predicate callback, void *param) {
  spin();
  harden(callback);
  return callback(param);
}
struct HardWaiter {
  bool stopped = false;
  ~HardWaiter() { waitHard(readFlag, &stopped); }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: call to 'waitHard' may throw out of the destructor of 'HardWaiter'; catch the exception inside and report it [raii-exit-handler-throws]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: destructor declared here
};
