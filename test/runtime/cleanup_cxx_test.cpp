// Run tests of the C header <raii/cleanup.h> used from C++: an exception
// leaving the scope runs the cleanups (unwinding, as for destructors), and
// steal keeps its meaning. The C behaviour itself: cleanup_*_test.c.
#include <raii/cleanup.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <stdexcept>

#include <fcntl.h>

namespace {

bool fd_is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

int releases;
void count_release(int *token) {
  if (*token != 0)
    ++releases;
}

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

[[noreturn]] void fail() { throw std::runtime_error("fail"); }

} // namespace

TEST(CleanupHeader, ExceptionRunsTheCleanups) {
  int raw = -1;
  releases = 0;
  EXPECT_THROW(
      {
        RAII_MUTEX_GUARD(lock_m, &m);
        RAII_AUTOFD int fd = ::open("/dev/null", O_RDONLY);
        RAII_AUTOFREE char *buf = static_cast<char *>(std::malloc(64));
        RAII_CLEANUP(count_release) int token = 1;
        ASSERT_GE(fd, 0);
        ASSERT_NE(buf, nullptr);
        raw = fd;
        (void)token;
        fail();
      },
      std::runtime_error);
  EXPECT_FALSE(fd_is_open(raw));
  EXPECT_EQ(releases, 1);
  ASSERT_EQ(pthread_mutex_trylock(&m), 0); // the guard unlocked it
  EXPECT_EQ(pthread_mutex_unlock(&m), 0);
}

TEST(CleanupHeader, StealKeepsTheTypeAndDisarms) {
  std::FILE *kept = nullptr;
  {
    RAII_AUTOFILE std::FILE *f = std::fopen("/dev/null", "r");
    ASSERT_NE(f, nullptr);
    auto *stolen = raii_steal_ptr(&f);
    static_assert(std::is_same<decltype(stolen), std::FILE *>::value,
                  "raii_steal_ptr keeps the pointer type in C++");
    EXPECT_EQ(f, nullptr);
    kept = stolen;
  }
  EXPECT_EQ(std::fclose(kept), 0);
}
