// Scenario: a lazily opened socket connection, used nested: the outermost
// user opens it, inner users reuse it, the outermost closes it.
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

class Connection {
public:
  void send(const char *data, std::size_t len) {
    bool opened_here = false;
    if (fd_ < 0) {
      fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
      if (fd_ < 0)
        throw std::runtime_error("socket");
      opened_here = true;
    }
    ++depth_;
    if (::write(fd_, data, len) < 0) {
      --depth_;
      throw std::runtime_error("write"); // a fresh connection is never closed
    }
    if (--depth_ == 0 && opened_here) {
      ::close(fd_);
      fd_ = -1;
    }
  }

private:
  int fd_ = -1;
  int depth_ = 0;
};

// A one-shot probe: the descriptor is a local, and the early return leaks it.
bool probe(const sockaddr_in &addr) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return false;
  if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0)
    return false;
  ::close(fd);
  return true;
}
