/* Scenario: the same copy in C, with a buffer from malloc. The failed-write
 * path forgets the buffer. */
#include <stdio.h>
#include <stdlib.h>

int copy_file(const char *from, const char *to) {
  FILE *in = fopen(from, "rb");
  if (!in)
    return -1;
  FILE *out = fopen(to, "wb");
  if (!out) {
    fclose(in);
    return -1;
  }
  char *buf = malloc(1 << 16);
  if (!buf) {
    fclose(out);
    fclose(in);
    return -1;
  }
  size_t n;
  while ((n = fread(buf, 1, 1 << 16, in)) > 0) {
    if (fwrite(buf, 1, n, out) != n) {
      fclose(out);
      fclose(in);
      return -1; /* buf leaks */
    }
  }
  free(buf);
  fclose(out);
  fclose(in);
  return 0;
}
