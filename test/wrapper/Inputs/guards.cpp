#include <mutex>
std::mutex m;
int shared;
void bump() {
  std::lock_guard<std::mutex>{m};
  ++shared;
}
