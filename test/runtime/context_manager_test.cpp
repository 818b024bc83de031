// Run tests for raii::context_manager, @contextmanager as a C++20 coroutine.
#include <raii/context_manager.hpp>
#include <raii/exit_stack.hpp>
#include <raii/scope_exit.hpp>
#include <raii/with.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct boom : std::runtime_error {
  explicit boom(const char *w = "boom") : std::runtime_error(w) {}
};
using log_t = std::vector<std::string>;

// The Python shape: set up, yield, tear down; try/except around the yield.
raii::context_manager<std::string> tag(log_t &log, std::string name,
                                       bool swallow = false) {
  log.push_back("<" + name + ">");
  try {
    co_yield name;
  } catch (const boom &e) {
    log.push_back("caught " + std::string(e.what()) + " in " + name);
    if (!swallow)
      throw;
  }
  log.push_back("</" + name + ">");
}

raii::context_manager<> timer(log_t &log) {
  log.push_back("start");
  raii::scope_exit stop([&log]() noexcept { log.push_back("stop"); });
  co_yield {};
}

struct connection {
  std::string name;
  bool open = false;
};
raii::context_manager<connection &> opened(connection &c) {
  c.open = true;
  raii::scope_exit close([&c]() noexcept { c.open = false; });
  co_yield c;
}

raii::context_manager<int> fails_before_yield() {
  throw boom("setup");
  co_yield 1;
}
raii::context_manager<int> never_yields() { co_return; }
raii::context_manager<int> yields_twice() {
  co_yield 1;
  co_yield 2;
}
raii::context_manager<int> replaces(log_t &log) {
  try {
    co_yield 1;
  } catch (...) {
    log.push_back("replacing");
  }
  throw std::logic_error("from teardown");
}

} // namespace

TEST(ContextManager, EntersAtYieldExitsAfter) {
  log_t log;
  auto r = raii::with(tag(log, "p"), [&](std::string &n) {
    log.push_back("body in " + n);
    return n.size();
  });
  static_assert(std::is_same_v<decltype(r), std::optional<std::size_t>>);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 1u);
  EXPECT_EQ(log, (log_t{"<p>", "body in p", "</p>"}));
}

TEST(ContextManager, BodyExceptionIsRethrownAtTheYield) {
  log_t log;
  EXPECT_THROW(raii::with(tag(log, "p"), [](std::string &) { throw boom("b"); }),
               boom);
  EXPECT_EQ(log, (log_t{"<p>", "caught b in p"}));
}

TEST(ContextManager, FinishingAfterCatchingSuppresses) {
  log_t log;
  auto r = raii::with(tag(log, "p", /*swallow=*/true),
                      [](std::string &) -> int { throw boom("b"); });
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(log, (log_t{"<p>", "caught b in p", "</p>"}));
}

TEST(ContextManager, OtherExceptionsPassTheCatch) {
  log_t log;
  EXPECT_THROW(raii::with(tag(log, "p", true),
                          [](std::string &) { throw std::runtime_error("x"); }),
               std::runtime_error);
  EXPECT_EQ(log, (log_t{"<p>"})) << "the catch (const boom&) did not match";
}

TEST(ContextManager, VoidYieldAndGuardsInsideTheCoroutine) {
  log_t log;
  raii::with(timer(log), [&] { log.push_back("body"); });
  EXPECT_EQ(log, (log_t{"start", "body", "stop"}));
  log.clear();
  EXPECT_THROW(raii::with(timer(log), [] { throw boom(); }), boom);
  EXPECT_EQ(log, (log_t{"start", "stop"}));
}

TEST(ContextManager, YieldsAReference) {
  connection c{"db"};
  raii::with(opened(c), [&](connection &x) {
    EXPECT_EQ(&x, &c);
    EXPECT_TRUE(x.open);
  });
  EXPECT_FALSE(c.open);
}

TEST(ContextManager, ErrorBeforeYieldPropagatesFromEnter) {
  bool body = false;
  try {
    raii::with(fails_before_yield(), [&](int) { body = true; });
    FAIL();
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "setup");
  }
  EXPECT_FALSE(body);
}

TEST(ContextManager, MustYieldExactlyOnce) {
  EXPECT_THROW(raii::with(never_yields(), [](int) {}), std::logic_error);
  EXPECT_THROW(raii::with(yields_twice(), [](int) {}), std::logic_error);
}

TEST(ContextManager, TeardownExceptionReplacesTheBodys) {
  log_t log;
  try {
    raii::with(replaces(log), [](int) { throw boom("body"); });
    FAIL();
  } catch (const std::logic_error &e) {
    EXPECT_STREQ(e.what(), "from teardown");
  }
  EXPECT_EQ(log, log_t{"replacing"});
}

TEST(ContextManager, NestedAndInAnExitStack) {
  log_t log;
  raii::with(tag(log, "a"), tag(log, "b"), [&](std::string &a, std::string &b) {
    log.push_back(a + b);
  });
  EXPECT_EQ(log, (log_t{"<a>", "<b>", "ab", "</b>", "</a>"}));
  log.clear();
  {
    raii::exit_stack s;
    std::string &x = s.enter_context(tag(log, "x"));
    std::string &y = s.enter_context(tag(log, "y"));
    log.push_back(x + y);
  }
  EXPECT_EQ(log, (log_t{"<x>", "<y>", "xy", "</y>", "</x>"}));
}

TEST(ContextManager, DestroyedWithoutExitRunsLocalDestructorsOnly) {
  log_t log;
  {
    auto cm = timer(log);
    cm.enter();
  }
  EXPECT_EQ(log, (log_t{"start", "stop"}));
  log.clear();
  { auto cm = timer(log); }
  EXPECT_TRUE(log.empty()) << "never started";
}
