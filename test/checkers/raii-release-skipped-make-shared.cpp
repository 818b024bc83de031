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
