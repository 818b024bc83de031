// The twin of -streams.cpp: once the unit's code asks a stream to throw
// (`exceptions(mask)`), the standard streams' functions may throw again,
// wherever they are called (real libstdc++ headers).
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17

#include <cstdio>
#include <iostream>
#include <string>

void strict_streams() { std::cin.exceptions(std::ios::failbit); }

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
