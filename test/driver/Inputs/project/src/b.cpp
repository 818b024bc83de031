#include "shared.h"

std::mutex b_m;
int b_total;

void b_add(int n) {
  std::lock_guard<std::mutex>{b_m};
  b_total += n;
}

int b_main() { return shared_first_byte("b"); }
