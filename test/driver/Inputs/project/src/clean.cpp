#include <mutex>

std::mutex clean_m;
int clean_total;

void clean_add(int n) {
  std::lock_guard<std::mutex> lock(clean_m);
  clean_total += n;
}
