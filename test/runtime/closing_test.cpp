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

// --- the owning form and the context-manager protocol -----------------------
#include <raii/exit_stack.hpp>
#include <raii/with.hpp>

#include <memory>

namespace {
// A connection made by a factory, as Python's closing(urlopen(url)).
struct socket_conn {
  std::shared_ptr<int> closes = std::make_shared<int>(0);
  void close() noexcept { ++*closes; }
};
socket_conn open_conn() { return socket_conn{}; }
} // namespace

static_assert(std::is_nothrow_destructible_v<raii::owned_closing<socket_conn>>);
static_assert(!std::is_copy_constructible_v<raii::owned_closing<socket_conn>>);

TEST(OwnedClosing, OwnsATemporaryAndClosesIt) {
  std::shared_ptr<int> closes;
  {
    raii::owned_closing c(open_conn());
    closes = c->closes;
    EXPECT_TRUE(c.active());
  }
  EXPECT_EQ(*closes, 1);
}

TEST(OwnedClosing, MoveClosesOnce) {
  std::shared_ptr<int> closes;
  {
    raii::owned_closing a(open_conn());
    closes = a.get().closes;
    raii::owned_closing b(std::move(a));
    EXPECT_FALSE(a.active());
  }
  EXPECT_EQ(*closes, 1);
}

TEST(OwnedClosing, ReleaseHandsTheObjectBack) {
  raii::owned_closing c(open_conn());
  socket_conn s = c.release();
  EXPECT_FALSE(c.active());
  EXPECT_EQ(*s.closes, 0);
}

TEST(OwnedClosing, WithClosesAtExitOnce) {
  std::shared_ptr<int> closes;
  raii::with(raii::owned_closing(open_conn()), [&](socket_conn &s) {
    closes = s.closes;
    EXPECT_EQ(*s.closes, 0);
  });
  EXPECT_EQ(*closes, 1) << "closed by exit(), not again by the destructor";
}

TEST(Closing, WithAndExitStack) {
  connection c;
  raii::with(raii::closing(c), [&](connection &x) { EXPECT_EQ(&x, &c); });
  EXPECT_EQ(c.closes, 1);
  {
    raii::exit_stack s;
    connection &x = s.enter_context(raii::closing(c));
    EXPECT_EQ(&x, &c);
  }
  EXPECT_EQ(c.closes, 2);
}
