// Included by two translation units: each finding here is reported once.
#pragma once
#include <mutex>
#include <stdio.h>

inline std::mutex shared_m;
inline int shared_count;

inline void shared_bump() {
  std::lock_guard<std::mutex>{shared_m};
  ++shared_count;
}

inline int shared_first_byte(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  int c = fgetc(f);
  if (c < 0)
    return -2;
  fclose(f);
  return c;
}
