// Run tests for raii::closing.
#include <raii/closing.hpp>

#include <gtest/gtest.h>

#include <stdexcept>

namespace {
struct connection {
  int closes = 0;
  void close() noexcept { ++closes; }
};
struct fussy_connection {
  int closes = 0;
  void close() {
    ++closes;
    throw std::runtime_error("close failed");
  }
};
} // namespace

static_assert(std::is_nothrow_destructible_v<raii::closing<connection>>);
static_assert(!std::is_nothrow_destructible_v<raii::closing<fussy_connection>>);
static_assert(!std::is_copy_constructible_v<raii::closing<connection>>);
static_assert(!std::is_constructible_v<raii::closing<connection>, connection &&>);
static_assert(sizeof(raii::closing<connection>) == sizeof(void *));

TEST(Closing, ClosesOnScopeExit) {
  connection c;
  {
    raii::closing g(c);
    EXPECT_EQ(&g.get(), &c);
    EXPECT_EQ(g->closes, 0);
  }
  EXPECT_EQ(c.closes, 1);
}

TEST(Closing, ClosesOnException) {
  connection c;
  EXPECT_THROW(
      {
        raii::closing g(c);
        throw std::runtime_error("x");
      },
      std::runtime_error);
  EXPECT_EQ(c.closes, 1);
}

TEST(Closing, ReleaseSkipsClose) {
  connection c;
  {
    raii::closing g(c);
    EXPECT_EQ(&g.release(), &c);
    EXPECT_FALSE(g.active());
  }
  EXPECT_EQ(c.closes, 0);
}

TEST(Closing, MoveClosesOnce) {
  connection c;
  {
    raii::closing a(c);
    raii::closing b(std::move(a));
    EXPECT_FALSE(a.active());
  }
  EXPECT_EQ(c.closes, 1);
}

TEST(Closing, ThrowingClosePropagatesOnNormalExit) {
  fussy_connection c;
  EXPECT_THROW({ raii::closing g(c); }, std::runtime_error);
  EXPECT_EQ(c.closes, 1);
}
