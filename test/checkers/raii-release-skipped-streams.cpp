// The standard streams report failure in their state: with no exception mask
// set anywhere in the unit, their inserters, extractors, std::getline and
// their members throw nothing (real libstdc++ headers). A project's own
// operator<< that throws, a container's at(), and a `throw` under a constant
// condition that takes it are still exception edges; a `throw` under one
// that never takes it is not. The twin file -streams-masks.cpp sets a mask.
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

// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &std::fclose);
// CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &std::free);
// CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &std::free);
// CHECK-DELETED: std::fclose(f);
// CHECK-DELETED: std::free(p);
// CHECK-DELETED: std::free(p);
