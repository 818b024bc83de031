// Scenario: copy one file into another. Two handles, and every early exit
// (failed open, failed write, an exception from the progress callback) must
// close what is already open. Written the way it usually is written by hand.
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>

bool copy_file(const std::string &from, const std::string &to,
               const std::function<void(std::size_t)> &progress) {
  FILE *in = std::fopen(from.c_str(), "rb");
  if (!in)
    return false;
  FILE *out = std::fopen(to.c_str(), "wb");
  if (!out)
    return false; // `in` stays open

  char buf[4096];
  std::size_t total = 0;
  while (std::size_t n = std::fread(buf, 1, sizeof buf, in)) {
    if (std::fwrite(buf, 1, n, out) != n) {
      std::fclose(in);
      std::fclose(out);
      return false;
    }
    total += n;
    progress(total); // may throw: both files stay open
  }
  std::fclose(out);
  std::fclose(in);
  return true;
}
