// A library header found through -isystem: its throw says nothing of the
// project, and its functions without a body may throw whatever the mode.
#pragma once
void library_step();
inline void library_check(bool ok) {
  if (!ok)
    throw 2;
}
