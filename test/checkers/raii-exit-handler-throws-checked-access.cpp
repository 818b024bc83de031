// `opt.value()` throws only when the optional holds no value: under a test
// that says it does (`if (opt)`, `if (opt.has_value())`, `opt !=
// std::nullopt`, the left side of `&&`, after `if (!opt) return;`), with
// nothing in between that could empty it, it cannot throw, neither out of
// a destructor nor past a release. Untested, or emptied after the test
// (`opt.reset()`), it still may. Real libstdc++ headers.
// RUN: %check_raii --compile-fixed %s raii-exit-handler-throws,raii-release-skipped %t -- -std=c++17

#include <cstdlib>
#include <optional>
#include <vector>
// CHECK-FIXES: #include <memory>

struct TestedInIf {
  std::vector<int> &attrs;
  std::optional<int> start;
  ~TestedInIf() {
    if (start)
      attrs.push_back(start.value());
  }
};

struct HasValue {
  std::optional<int> start;
  int n = 0;
  ~HasValue() {
    if (start.has_value())
      n = start.value();
  }
};

struct ComparedWithNullopt {
  std::optional<int> start;
  int n = 0;
  ~ComparedWithNullopt() {
    if (start != std::nullopt && start.value() > 2)
      n = 1;
  }
};

struct ReturnedBefore {
  std::optional<int> start;
  int n = 0;
  ~ReturnedBefore() {
    if (!start)
      return;
    n = start.value();
  }
};

struct Untested {
  std::optional<int> start;
  int n = 0;
  ~Untested() { n = start.value(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: call to 'value' may throw out of the destructor of 'Untested'; catch the exception inside and report it [raii-exit-handler-throws]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: destructor declared here
};

struct EmptiedAfterTest {
  std::optional<int> start;
  int n = 0;
  ~EmptiedAfterTest() {
    if (start) {
      start.reset();
      n = start.value();
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'value' may throw out of the destructor of 'EmptiedAfterTest'; catch the exception inside and report it [raii-exit-handler-throws]
      // CHECK-MESSAGES: :[[@LINE-5]]:3: note: destructor declared here
    }
  }
};

struct OtherObjectTested {
  std::optional<int> a, b;
  int n = 0;
  ~OtherObjectTested() {
    if (a)
      n = b.value();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'value' may throw out of the destructor of 'OtherObjectTested'; catch the exception inside and report it [raii-exit-handler-throws]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: destructor declared here
  }
};

// Emptied between the test and the call by what the test cannot see
// through: a member that resets the field, the enclosing object given
// away.
struct MemberReset {
  std::optional<int> start;
  int n = 0;
  void drop() { start.reset(); }
  ~MemberReset() {
    if (start) {
      drop();
      n = start.value();
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'value' may throw out of the destructor of 'MemberReset'; catch the exception inside and report it [raii-exit-handler-throws]
      // CHECK-MESSAGES: :[[@LINE-5]]:3: note: destructor declared here
    }
  }
};

struct Holder {
  std::optional<int> opt;
};
void resetHolder(Holder &h);
struct EnclosingGivenAway {
  Holder h;
  int n = 0;
  ~EnclosingGivenAway() {
    if (h.opt) {
      resetHolder(h);
      n = h.opt.value();
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'value' may throw out of the destructor of 'EnclosingGivenAway'; catch the exception inside and report it [raii-exit-handler-throws]
      // CHECK-MESSAGES: :[[@LINE-5]]:3: note: destructor declared here
    }
  }
};

// A `case` after the guard lets control in past it.
struct CasePastGuard {
  std::optional<int> start;
  int n = 0, k = 0;
  ~CasePastGuard() {
    switch (k) {
    case 1:
      if (!start)
        break;
      n = 1;
    case 2:
      n = start.value();
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: call to 'value' may throw out of the destructor of 'CasePastGuard'; catch the exception inside and report it [raii-exit-handler-throws]
      // CHECK-MESSAGES: :[[@LINE-9]]:3: note: destructor declared here
    }
  }
};

int checkedBetweenAcquireAndRelease(std::optional<int> o) {
  char *p = static_cast<char *>(std::malloc(4));
  if (!p)
    return -1;
  int r = 0;
  if (o)
    r = o.value();
  std::free(p);
  return r;
}

int uncheckedBetweenAcquireAndRelease(std::optional<int> o) {
  char *p = static_cast<char *>(std::malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  if (!p)
    return -1;
  // CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &std::free);
  int r = o.value();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: release of 'p' is skipped when 'value' throws an exception
  std::free(p);
  // CHECK-DELETED: std::free(p);
  return r;
}
