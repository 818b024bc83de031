#include "shared.h"

int a_main() {
  shared_bump();
  return shared_first_byte("a");
}
