// The twin of -streams.cpp with the exception mask set in a template, on a
// stream of a dependent type (real libstdc++ headers): the standard streams'
// functions may throw again.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17

#include <cstdio>
#include <iostream>
#include <string>

template <class Stream> void make_strict(Stream &s) {
  s.exceptions(std::ios::failbit);
}
void strict_input() { make_strict(std::cin); }

int read_while_open(const char *path) {
  FILE *f = std::fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  if (!f)
    return -1;
  std::string line;
  std::getline(std::cin, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'f' is skipped when 'getline' throws an exception
  std::fclose(f);
  return 0;
}

// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &std::fclose);
// CHECK-FIXES: close_f.reset();
