// An exception out of `main` ends the process (std::terminate), as its
// return does: what `main` holds is not leaked by it. One caught inside
// `main` still runs on, and a function other than `main` still leaks.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17

#include <cstdio>
#include <string>

void work(const std::string &name);

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  FILE *f = std::fopen(argv[1], "r");
  if (!f)
    return 1;
  work(argv[1]);
  std::fclose(f);
  try {
    FILE *g = std::fopen(argv[1], "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'g' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
    if (g) {
      work(argv[1]);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'g' is skipped when 'work' throws an exception
      std::fclose(g);
    }
  } catch (...) {
    std::puts("failed");
  }
  return 0;
}

int notMain(const char *name) {
  FILE *f = std::fopen(name, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  if (!f)
    return 1;
  work(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'f' is skipped when 'work' throws an exception
  std::fclose(f);
  return 0;
}
// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_g(g, &std::fclose);
// CHECK-FIXES: close_g.reset();
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &std::fclose);
// CHECK-DELETED: std::fclose(f);
