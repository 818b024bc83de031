// The standard streams report failure in their state: with no exception mask
// set anywhere in the unit, their inserters, extractors, std::getline and
// their members throw nothing (real libstdc++ headers). A project's own
// operator<< that throws, a container's at(), and a `throw` under a constant
// condition that takes it are still exception edges; a `throw` under one
// that never takes it is not. A body clang-tidy's analyzer finds throwing
// is looked into by the same policy: its constructor initialisers with it,
// and mutual recursion does not make either function nothrow. The twin
// files -streams-masks.cpp and -streams-template-mask.cpp set a mask.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

void report(const std::string &msg) { std::cerr << "error: " << msg << '\n'; }

struct Widget {
  int v;
};
std::ostream &operator<<(std::ostream &os, const Widget &w) {
  if (w.v < 0)
    throw std::runtime_error("negative widget");
  return os << w.v;
}

int print_while_open(const char *path) {
  FILE *f = std::fopen(path, "r");
  if (!f)
    return -1;
  std::cout << "opened " << path << std::endl;
  report(path);
  std::string line;
  std::getline(std::cin, line);
  int n = 0;
  std::cin >> n;
  std::ifstream other(path);
  other >> n;
  std::ostringstream os;
  os << n;
  std::fclose(f);
  return n;
}

int print_widget_while_open(const char *path, const Widget &w) {
  FILE *f = std::fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  if (!f)
    return -1;
  std::cout << w;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: note: release of 'f' is skipped when 'operator<<' throws an exception
  std::fclose(f);
  return 0;
}

int read_element(std::vector<int> &v) {
  char *p = static_cast<char *>(std::malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  int x = v.at(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: release of 'p' is skipped when 'at' throws an exception
  std::free(p);
  return x;
}

static const bool kChecked = false;
static const bool kStrict = true;
void check_quietly() {
  if (kChecked)
    throw std::runtime_error("unreachable");
}
void check_strictly() {
  if (kStrict)
    throw std::runtime_error("always");
}

void call_quiet_checker() {
  char *p = static_cast<char *>(std::malloc(4));
  check_quietly();
  std::free(p);
}

void call_strict_checker() {
  char *p = static_cast<char *>(std::malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  check_strictly();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'check_strictly' throws an exception
  std::free(p);
}

// An inserter template given a project's enumeration (`std::ostringstream()
// << c`, libstdc++'s rvalue inserter) runs the project's operator<<.
enum class Color { Red, Bad };
std::ostream &operator<<(std::ostream &os, Color c) {
  if (c == Color::Bad)
    throw std::invalid_argument("bad color");
  return os << static_cast<int>(c);
}

std::string describe_while_open(const char *path, Color c) {
  FILE *f = std::fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  if (!f)
    return "";
  std::string s = (std::ostringstream() << c).str();
  // CHECK-MESSAGES: :[[@LINE-1]]:41: note: release of 'f' is skipped when 'operator<<' throws an exception
  std::fclose(f);
  return s;
}

// What a constructor's member initialisers and a default member initialiser
// compute is looked at with its body.
int validate(int n) {
  if (n < 0)
    throw std::invalid_argument("negative");
  return n;
}
struct Checked {
  int v;
  explicit Checked(int n) : v(validate(n)) {}
};
struct Defaulted {
  int v = validate(-1);
  Defaulted() {}
};

void construct_checked(int n) {
  char *p = static_cast<char *>(std::malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  Checked c(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: release of 'p' is skipped when the constructor of 'Checked' throws an exception
  std::free(p);
}

void construct_defaulted() {
  char *p = static_cast<char *>(std::malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  Defaulted d;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: note: release of 'p' is skipped when the constructor of 'Defaulted' throws an exception
  std::free(p);
}

// Mutual recursion (a recursive-descent parser): whichever function is
// asked first, both throw.
struct Lexer {
  const char *p;
};
int parse_value(Lexer &lx);
int parse_array(Lexer &lx) {
  int n = 0;
  ++lx.p;
  while (*lx.p && *lx.p != ']')
    n += parse_value(lx);
  ++lx.p;
  return n;
}
int parse_value(Lexer &lx) {
  if (*lx.p == '[')
    return parse_array(lx);
  if (*lx.p < '0' || *lx.p > '9')
    throw std::runtime_error("bad token");
  return *lx.p++ - '0';
}

int read_value(const char *text) {
  char *buf = static_cast<char *>(std::malloc(64));
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'buf' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  Lexer lx{text};
  int v = parse_value(lx);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: release of 'buf' is skipped when 'parse_value' throws an exception
  std::free(buf);
  return v;
}

int read_array(const char *text) {
  char *buf = static_cast<char *>(std::malloc(64));
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'buf' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  Lexer lx{text};
  int v = parse_array(lx);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: release of 'buf' is skipped when 'parse_array' throws an exception
  std::free(buf);
  return v;
}

// A member named `exceptions` of a class that is no stream, called in a
// template: no stream's mask is set, the streams stay nothrow.
struct Options {
  void exceptions(int) {}
};
template <class T> void configure(T &o) { o.exceptions(1); }
void configureOptions(Options &o) { configure(o); }

int read_line_while_open(const char *path) {
  FILE *f = std::fopen(path, "r");
  if (!f)
    return -1;
  std::string line;
  std::getline(std::cin, line);
  std::fclose(f);
  return 0;
}

// A callee that catches what it throws with a handler of that type (its
// C call leaves the analyzer unsure): nothing leaves it. One whose handler
// catches another type still throws.
struct Busy : std::runtime_error {
  using std::runtime_error::runtime_error;
};
void retry_quietly(int n) {
  std::fflush(nullptr);
  try {
    if (n > 3)
      throw Busy("busy");
  } catch (const Busy &) {
    std::fputs("busy\n", stderr);
  }
}
void retry_narrowly(int n) {
  std::fflush(nullptr);
  try {
    if (n > 3)
      throw std::runtime_error("busy");
  } catch (const Busy &) {
    std::fputs("busy\n", stderr);
  }
}

void call_quiet_retry(int n) {
  char *p = static_cast<char *>(std::malloc(4));
  retry_quietly(n);
  std::free(p);
}

void call_narrow_retry(int n) {
  char *p = static_cast<char *>(std::malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  retry_narrowly(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'retry_narrowly' throws an exception
  std::free(p);
}

// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &std::fclose);
// CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &std::free);
// CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &std::free);
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &std::fclose);
// CHECK-FIXES: close_f.reset();
// CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &std::free);
// CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &std::free);
// CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_buf(buf, &std::free);
// CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_buf(buf, &std::free);
// CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &std::free);
// CHECK-DELETED: std::fclose(f);
// CHECK-DELETED: std::free(p);
// CHECK-DELETED: std::free(p);
// CHECK-DELETED: std::free(p);
// CHECK-DELETED: std::free(p);
// CHECK-DELETED: std::free(buf);
// CHECK-DELETED: std::free(buf);
// CHECK-DELETED: std::free(p);
