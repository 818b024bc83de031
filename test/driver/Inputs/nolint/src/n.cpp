#include <mutex>
#include "nolint.h"

std::mutex m;

void sameLine() {
  std::lock_guard<std::mutex>{m}; // NOLINT(raii-unnamed-guard): only a fence
}

void nextLine() {
  // NOLINTNEXTLINE(raii-*) - the caller holds it
  std::lock_guard<std::mutex>{m};
}

void noReason() {
  std::lock_guard<std::mutex>{m}; // NOLINT
}

// NOLINTBEGIN(raii-unnamed-guard): legacy code, see #123
void block() {
  std::lock_guard<std::mutex>{m};
}
// NOLINTEND(raii-unnamed-guard)

void otherCheck() {
  std::lock_guard<std::mutex>{m}; // NOLINT(bugprone-*): not ours
}
