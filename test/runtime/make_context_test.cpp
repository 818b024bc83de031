// Run tests for raii::make_context, a context manager from two functions.
#include <raii/exit_stack.hpp>
#include <raii/make_context.hpp>
#include <raii/with.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace {
struct boom : std::runtime_error {
  explicit boom(const char *w = "boom") : std::runtime_error(w) {}
};
using log_t = std::vector<std::string>;
} // namespace

TEST(MakeContext, ExitGetsTheValueAndTheException) {
  log_t log;
  auto cm = raii::make_context(
      [&] {
        log.push_back("open");
        return std::string("handle");
      },
      [&](std::string &h, std::exception_ptr e) {
        log.push_back("close " + h + (e ? " after error" : ""));
      });
  auto n = raii::with(cm, [&](std::string &h) {
    log.push_back("use " + h);
    return h.size();
  });
  static_assert(std::is_same_v<decltype(n), std::size_t>);
  EXPECT_EQ(n, 6u);
  EXPECT_THROW(raii::with(cm, [](std::string &) { throw boom(); }), boom);
  EXPECT_EQ(log, (log_t{"open", "use handle", "close handle", "open",
                        "close handle after error"}));
}

TEST(MakeContext, BoolExitSuppresses) {
  auto cm = raii::make_context([] { return 1; },
                               [](int &, std::exception_ptr e) {
                                 return e != nullptr;
                               });
  auto r = raii::with(cm, [](int) -> int { throw boom(); });
  EXPECT_FALSE(r.has_value());
}

TEST(MakeContext, ExitWithoutTheValue) {
  log_t log;
  auto cm = raii::make_context([&] { log.push_back("in"); },
                               [&](std::exception_ptr e) {
                                 log.push_back(e ? "out(error)" : "out");
                               });
  raii::with(cm, [&] { log.push_back("body"); });
  EXPECT_EQ(log, (log_t{"in", "body", "out"}));
}

TEST(MakeContext, ExitWithNoArguments) {
  int depth = 0;
  auto cm = raii::make_context([&] { return ++depth; }, [&] { --depth; });
  raii::with(cm, [&](int d) { EXPECT_EQ(d, 1); });
  EXPECT_EQ(depth, 0);
}

TEST(MakeContext, ReferenceFromEnter) {
  std::string conn = "conn";
  auto cm = raii::make_context([&]() -> std::string & { return conn; },
                               [](std::string &c, std::exception_ptr) {
                                 c += " closed";
                               });
  std::string *seen = nullptr;
  raii::with(cm, [&](std::string &c) { seen = &c; });
  EXPECT_EQ(seen, &conn);
  EXPECT_EQ(conn, "conn closed");
}

TEST(MakeContext, ValueDestroyedAfterExit) {
  auto owned = std::make_shared<int>(1);
  std::weak_ptr<int> watch = owned;
  auto cm = raii::make_context([&] { return std::move(owned); },
                               [](std::shared_ptr<int> &, std::exception_ptr) {});
  raii::with(cm, [&](std::shared_ptr<int> &p) { EXPECT_EQ(*p, 1); });
  EXPECT_TRUE(watch.expired()) << "the stored value died after exit()";
}

TEST(MakeContext, InAnExitStack) {
  log_t log;
  {
    raii::exit_stack s;
    int &v = s.enter_context(raii::make_context(
        [&] {
          log.push_back("enter");
          return 7;
        },
        [&](int &x, std::exception_ptr) {
          log.push_back("exit " + std::to_string(x));
        }));
    v = 8;
  }
  EXPECT_EQ(log, (log_t{"enter", "exit 8"}));
}
