#include "nolint.h"

void useHeader() { inHeader(); }
