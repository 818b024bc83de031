#include <mutex>

std::mutex p;

void reported() {
  std::lock_guard<std::mutex>{p};
}
