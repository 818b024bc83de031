// std::make_shared, std::make_unique and std::allocate_shared forward their
// arguments to the constructor of an object they allocate, which may keep
// them (aria2's SocketCore: the accepted descriptor goes to a socket object
// whose destructor closes it): the handle is maybe taken, as by a callee
// without a body. A release after the call on the same path says the object
// only borrowed it. Real libstdc++ and glibc headers.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17

#include <memory>
#include <sys/socket.h>
#include <unistd.h>

struct Sock {
  int fd_;
  explicit Sock(int fd) : fd_(fd) {}
  ~Sock() { close(fd_); }
};

std::shared_ptr<Sock> negativeKeptByObject(int lfd) {
  int fd = accept(lfd, nullptr, nullptr);
  if (fd == -1)
    return nullptr;
  auto sock = std::make_shared<Sock>(fd);
  return sock;
}

std::unique_ptr<Sock> negativeKeptByUnique(int lfd) {
  int fd = accept(lfd, nullptr, nullptr);
  if (fd == -1)
    return nullptr;
  auto sock = std::make_unique<Sock>(fd);
  return sock;
}

struct View {
  int fd;
  explicit View(int f) : fd(f) {}
};
int use(const View &v) noexcept;

int positiveBorrowedThenLeaked(int lfd, bool keep) {
  int fd = accept(lfd, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'accept' is not released on every path; hold it in a scope guard to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: no automatic fix: 'raii::unique_fd' needs the raii runtime, and <raii/handles.hpp> is not on the include path
  if (fd == -1)
    return -1;
  auto view = std::make_shared<View>(fd);
  int r = use(*view);
  if (keep)
    return r;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  close(fd);
  return r;
}

// An argument that stores the handle as it passes it (`p = new T`) passes
// what it stores: a smart pointer given it owns it (lshw's
// `std::unique_ptr<node>(p2 = new node)`, `x.reset(p2 = new node)`); a
// callee that only views it leaves it leaked.
struct Leaf {
  int v = 0;
};
void view(const Leaf *l);
void adoptInto(std::unique_ptr<Leaf> *out) {
  Leaf *l;
  *out = std::unique_ptr<Leaf>(l = new Leaf);
  l->v = 1;
}
void adoptOne(std::unique_ptr<Leaf> &slot) {
  Leaf *l;
  slot.reset(l = new Leaf);
  l->v = 1;
}
void positiveOnlyViewed() {
  Leaf *l;
  view(l = new Leaf);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'l' acquired by 'new' is never released [raii-release-skipped]
  l->v = 1;
}
