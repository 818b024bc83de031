// The families of rules/libpcap.yaml and rules/bzip2.yaml on mock
// declarations: the openers and their closes, the filter a pcap_compile
// fills, the device list, and the streams and descriptors that
// pcap_fopen_offline and BZ2_bzdopen take over where they succeed.
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release %t -- -std=c11 -isystem %S/Inputs/api

#include <pcap_bzip2_api.h>

int negativeCapture(const char *dev, const char *expr) {
  char err[256];
  struct bpf_program prog;
  pcap_t *p = pcap_open_live(dev, 65535, 1, 100, err);
  if (!p)
    return -1;
  if (pcap_compile(p, &prog, expr, 1, 0) != 0) {
    pcap_close(p);
    return -2;
  }
  int rc = pcap_setfilter(p, &prog);
  pcap_freecode(&prog);
  pcap_close(p);
  return rc;
}

int positiveFilterLeaks(const char *dev, const char *expr) {
  char err[256];
  struct bpf_program prog;
  pcap_t *p = pcap_open_live(dev, 65535, 1, 100, err);
  if (!p)
    return -1;
  if (pcap_compile(p, &prog, expr, 1, 0) != 0) {
    pcap_close(p);
    return -2;
  }
  if (pcap_setfilter(p, &prog) != 0) {
    pcap_close(p);
    return -3;
  }
  // CHECK-MESSAGES: :[[@LINE-8]]:7: warning: 'prog' acquired by 'pcap_compile' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: release of 'prog' is skipped by this return
  pcap_freecode(&prog);
  pcap_close(p);
  return 0;
}

int positiveHandleLeaks(const char *path, int n) {
  char err[256];
  pcap_t *p = pcap_open_offline(path, err);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'p' acquired by 'pcap_open_offline' is not released on every path [raii-release-skipped]
  if (!p)
    return -1;
  if (n < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  pcap_close(p);
  return 0;
}

// The stream belongs to the capture handle once it is made; where
// pcap_fopen_offline fails, it is still the caller's.
pcap_t *negativeStreamTaken(const char *path) {
  char err[256];
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  pcap_t *p = pcap_fopen_offline(f, err);
  if (!p) {
    fclose(f);
    return NULL;
  }
  return p;
}

pcap_t *positiveStreamLostOnFailure(const char *path) {
  char err[256];
  FILE *f = fopen(path, "rb");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is never released, and not handed off on every path [raii-release-skipped]
  if (!f)
    return NULL;
  pcap_t *p = pcap_fopen_offline(f, err);
  if (!p)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  return p;
}

int negativeDevices(void) {
  char err[256];
  pcap_if_t *all;
  if (pcap_findalldevs(&all, err) != 0)
    return -1;
  pcap_freealldevs(all);
  return 0;
}

int negativeDumper(pcap_t *p, const char *path) {
  pcap_dumper_t *d = pcap_dump_open(p, path);
  if (!d)
    return -1;
  pcap_dump_close(d);
  return 0;
}

// BZ2_bzdopen takes the descriptor where it succeeds (the rule follows
// that case; bzlib closes it itself on some failures, see bzip2.yaml).
int negativeDescriptorTaken(const char *path, void *buf, int len) {
  int fd = open(path, 0);
  if (fd < 0)
    return -1;
  BZFILE *b = BZ2_bzdopen(fd, "rb");
  if (!b) {
    close(fd);
    return -1;
  }
  int n = BZ2_bzread(b, buf, len);
  BZ2_bzclose(b);
  return n;
}

int positiveBzfileLeaks(const char *path, void *buf, int len) {
  BZFILE *b = BZ2_bzopen(path, "rb");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'b' acquired by 'BZ2_bzopen' is not released on every path [raii-release-skipped]
  if (!b)
    return -1;
  int n = BZ2_bzread(b, buf, len);
  if (n < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'b' is skipped by this return
  BZ2_bzclose(b);
  return n;
}

// BZ2_bzReadClose leaves the FILE to the caller.
int negativeReader(FILE *f, void *buf, int len) {
  int err;
  BZFILE *b = BZ2_bzReadOpen(&err, f, 0, 0, NULL, 0);
  if (!b)
    return -1;
  int n = BZ2_bzRead(&err, b, buf, len);
  BZ2_bzReadClose(&err, b);
  return n;
}

int mismatchedBzfileClose(const char *path) {
  BZFILE *b = BZ2_bzopen(path, "rb");
  if (!b)
    return -1;
  int err;
  BZ2_bzReadClose(&err, b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'b' acquired by 'BZ2_bzopen' is released by 'BZ2_bzReadClose'; release it with 'BZ2_bzclose' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:15: note: 'b' acquired here
  return 0;
}
