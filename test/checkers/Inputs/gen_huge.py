"""Writes a C++ function with N branches and loops around a manual lock."""
import sys

n = int(sys.argv[1])
out = ["#include <mutex>", "std::mutex m;", "int g(int) noexcept;",
       "int huge(int x) {", "  int acc = 0;", "  m.lock();"]
for i in range(n):
    k = i % 4
    if k == 0:
        out.append("  if (g(%d)) acc += %d; else acc -= x;" % (i, i))
    elif k == 1:
        out.append("  for (int i%d = 0; i%d < x; ++i%d) { if (g(i%d)) break; acc ^= i%d; }" % ((i,) * 5))
    elif k == 2:
        out.append("  while (acc > %d) { acc -= g(acc); if (acc == 7) continue; }" % i)
    else:
        out.append("  switch (g(%d)) { case 1: acc++; break; case 2: acc--; break; default: break; }" % i)
out.append("  if (acc == 12345)")
out.append("    return -1;")
out += ["  m.unlock();", "  return acc;", "}"]
print("\n".join(out))
