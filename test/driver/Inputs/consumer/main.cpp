// Uses the installed runtime: prints "body" then "cleanup".
#include <cstdio>
#include <raii/raii.hpp>

int main() {
  raii::scope_exit cleanup([] { std::puts("cleanup"); });
  std::puts("body");
  return 0;
}
