// The families of rules/zlib.yaml on mock zlib declarations (the Init
// macros expand to the underscore functions, as in zlib.h).
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release,raii-reacquire %t -- -std=c11 -isystem %S/Inputs/api

#include <zlib_api.h>

int negativeDeflate(const unsigned char *in, unsigned n) {
  z_stream s = {0};
  if (deflateInit(&s, 6) != Z_OK)
    return -1; // nothing to end
  s.next_in = in;
  s.avail_in = n;
  int rc = deflate(&s, Z_FINISH);
  deflateEnd(&s);
  return rc == Z_STREAM_END ? 0 : -2;
}

int positiveInflate(const unsigned char *in, unsigned n) {
  z_stream s = {0};
  if (inflateInit(&s) != Z_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 's' acquired by 'inflateInit_' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: zlib_api.h:19:27: note: expanded from macro 'inflateInit'
  s.next_in = in;
  s.avail_in = n;
  if (inflate(&s, Z_FINISH) != Z_STREAM_END)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 's' is skipped by this return
  inflateEnd(&s);
  return 0;
}

void mismatchedEnd(void) {
  z_stream s = {0};
  if (deflateInit2(&s, 9, 8, 31, 8, 0) != Z_OK)
    return;
  inflateEnd(&s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 's' acquired by 'deflateInit2_' is released by 'inflateEnd'; release it with 'deflateEnd' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 's' acquired here
  // CHECK-MESSAGES: zlib_api.h:21:3: note: expanded from macro 'deflateInit2'
}

// Initialising a stream again leaks the first state; it is no deadlock.
void negativeReinit(void) {
  z_stream s = {0};
  if (deflateInit(&s, 1) == Z_OK)
    deflateEnd(&s);
  if (deflateInit(&s, 9) == Z_OK)
    deflateEnd(&s);
}

int positiveGzip(const char *path, const void *buf, unsigned n) {
  gzFile f = gzopen(path, "wb");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'f' acquired by 'gzopen' is not released on every path [raii-release-skipped]
  if (f == NULL)
    return -1;
  if (gzwrite(f, buf, n) == 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  return gzclose(f);
}
