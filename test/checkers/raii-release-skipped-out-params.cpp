// A function of the file that hands a fresh object back through a `T *&`
// parameter acquires it for its caller, as `T **` does in C. Returning a
// value read through a handle (`return c->fd;`) hands nothing off. The C
// library's out-parameters stay the C functions' (`std::getline(in, s)` is
// not POSIX `getline(&line, &n, f)`).
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17

#include <cstdlib>
#include <sstream>
#include <string>

struct Conn {
  int fd;
};

static void source(char *&data) {
  data = static_cast<char *>(std::malloc(100));
  if (data == nullptr)
    std::exit(1);
}

static bool open_conn(Conn *&out, int fd) {
  if (fd < 0)
    return false;
  out = new Conn{fd};
  return true;
}

void released() {
  char *data = nullptr;
  source(data);
  data[0] = 0;
  std::free(data);
}

void leaked() {
  char *data = nullptr;
  source(data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'data' acquired by 'source' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-23]]:30: note: 'source' acquires the resource here
  data[0] = 0;
}

int connected(int fd) {
  Conn *c = nullptr;
  if (!open_conn(c, fd))
    return -1;
  int r = c->fd;
  delete c;
  return r;
}

int connectedLeak(int fd) {
  Conn *c = nullptr;
  if (!open_conn(c, fd))
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'c' acquired by 'open_conn' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-32]]:9: note: 'open_conn' acquires the resource here
    return -1;
  return c->fd;
}

int lineLength(const std::string &text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  return static_cast<int>(line.size());
}

// Through a local reference too: what is stored through `&r` is the
// function's to release.
static void make_block(char **out) { *out = static_cast<char *>(malloc(8)); }
void viaLocalReference() {
  char *p = nullptr;
  char *&r = p;
  make_block(&r);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'r' acquired by 'make_block' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-6]]:65: note: 'make_block' acquires the resource here
}

// Not through a local reference to a field: the block is the object's.
struct Holder {
  char *buf;
};
void intoField(Holder *o) {
  char *&r = o->buf;
  make_block(&r);
}

// Through a local reference bound to either of two locals: the caller's.
void viaChosenReference(bool first) {
  char *p = nullptr, *q = nullptr;
  char *&r = first ? p : q;
  make_block(&r);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'r' acquired by 'make_block' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-24]]:65: note: 'make_block' acquires the resource here
}

// A handle stored into a reference parameter goes to the caller's object
// (apt's pkgDirStream::DoItem: `Fd = iFd; return true;`): before, "'Fd'
// acquired by 'open' is never released", as if Fd were a local.
#include <fcntl.h>
#include <unistd.h>
bool openOut(const char *name, int &Fd) {
  int iFd = open(name, O_WRONLY);
  if (iFd < 0)
    return false;
  if (fsync(iFd) != 0) {
    close(iFd);
    return false;
  }
  Fd = iFd;
  return true;
}
bool openOutLeaks(const char *name, int &Fd, bool check) {
  int iFd = open(name, O_WRONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'iFd' acquired by 'open' is never released, and not handed off on every path [raii-release-skipped]
  if (iFd < 0)
    return false;
  if (check)
    return false;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'iFd' is skipped by this return
  Fd = iFd;
  return true;
}
