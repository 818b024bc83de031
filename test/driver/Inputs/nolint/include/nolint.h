#pragma once
#include <mutex>

inline std::mutex hm;

inline void inHeader() {
  std::lock_guard<std::mutex>{hm}; /* NOLINT(raii-unnamed-guard): ünïcode reason */
}
