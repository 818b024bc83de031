// Run tests for with(a, b, ..., body): Python's `with a, b:`.
#include <raii/with.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace {

struct boom : std::runtime_error {
  explicit boom(const char *w = "boom") : std::runtime_error(w) {}
};

using log_t = std::vector<std::string>;

std::string describe(const std::exception_ptr &e) {
  if (!e)
    return "none";
  try {
    std::rethrow_exception(e);
  } catch (const std::exception &x) {
    return x.what();
  }
}

// exit() returns void; enter() returns a reference to a member.
struct named_cm {
  log_t *log;
  std::string name;
  std::string &enter() {
    log->push_back("enter " + name);
    return name;
  }
  void exit(std::exception_ptr e) {
    log->push_back("exit " + name + " (" + describe(e) + ")");
  }
};

// exit() returns bool; enter() returns a value.
struct suppressing_cm {
  log_t *log;
  bool suppress;
  int enter() {
    log->push_back("enter s");
    return 5;
  }
  bool exit(std::exception_ptr e) {
    log->push_back("exit s (" + describe(e) + ")");
    return suppress;
  }
};

struct void_cm {
  log_t *log;
  void enter() { log->push_back("enter v"); }
  void exit(std::exception_ptr e) {
    log->push_back("exit v (" + describe(e) + ")");
  }
};

struct throwing_exit_cm {
  log_t *log;
  void enter() { log->push_back("enter t"); }
  void exit(std::exception_ptr e) {
    log->push_back("exit t (" + describe(e) + ")");
    throw boom("from exit");
  }
};

struct failing_enter_cm {
  log_t *log;
  int enter() { throw boom("enter"); }
  void exit(std::exception_ptr) { log->push_back("exit f"); }
};

} // namespace

TEST(WithNested, EntersLeftToRightExitsRightToLeft) {
  log_t log;
  named_cm a{&log, "a"}, b{&log, "b"};
  auto r = raii::with(a, b, [&](std::string &x, std::string &y) {
    log.push_back("body " + x + y);
    return x.size() + y.size();
  });
  static_assert(std::is_same_v<decltype(r), std::size_t>);
  EXPECT_EQ(r, 2u);
  EXPECT_EQ(log, (log_t{"enter a", "enter b", "body ab", "exit b (none)",
                        "exit a (none)"}));
}

TEST(WithNested, VoidEntersPassNothing) {
  log_t log;
  void_cm v{&log};
  named_cm a{&log, "a"};
  raii::with(v, a, void_cm{&log}, [&](std::string &x) {
    log.push_back("body " + x);
  });
  EXPECT_EQ(log, (log_t{"enter v", "enter a", "enter v", "body a",
                        "exit v (none)", "exit a (none)", "exit v (none)"}));
}

TEST(WithNested, ExceptionSeenByEveryExitInReverse) {
  log_t log;
  named_cm a{&log, "a"}, b{&log, "b"};
  EXPECT_THROW(raii::with(a, b, [](std::string &, std::string &) {
                 throw boom("body");
               }),
               boom);
  EXPECT_EQ(log, (log_t{"enter a", "enter b", "exit b (body)",
                        "exit a (body)"}));
}

TEST(WithNested, InnerSuppressionHidesTheExceptionFromOuter) {
  log_t log;
  named_cm a{&log, "a"};
  suppressing_cm s{&log, true};
  auto r = raii::with(a, s, [](std::string &, int) -> int {
    throw boom("body");
  });
  static_assert(std::is_same_v<decltype(r), std::optional<int>>);
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(log, (log_t{"enter a", "enter s", "exit s (body)",
                        "exit a (none)"}));
}

TEST(WithNested, OuterSuppressionAfterInnerLetItThrough) {
  log_t log;
  suppressing_cm s{&log, true};
  named_cm b{&log, "b"};
  auto r = raii::with(s, b, [](int v, std::string &) -> int {
    if (v == 5)
      throw boom("body");
    return v;
  });
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(log, (log_t{"enter s", "enter b", "exit b (body)",
                        "exit s (body)"}));
}

TEST(WithNested, ValueWhenNothingThrowsWithSuppressingManager) {
  log_t log;
  suppressing_cm s{&log, true};
  void_cm v{&log};
  auto r = raii::with(s, v, [](int x) { return x * 2; });
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 10);
}

TEST(WithNested, ExitExceptionReplacesAndReachesOuter) {
  log_t log;
  named_cm a{&log, "a"};
  throwing_exit_cm t{&log};
  try {
    raii::with(a, t, [](std::string &) { throw boom("body"); });
    FAIL();
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "from exit");
  }
  EXPECT_EQ(log, (log_t{"enter a", "enter t", "exit t (body)",
                        "exit a (from exit)"}));
}

TEST(WithNested, FailedEnterExitsTheManagersAlreadyEntered) {
  log_t log;
  named_cm a{&log, "a"};
  failing_enter_cm f{&log};
  named_cm c{&log, "c"};
  EXPECT_THROW(raii::with(a, f, c, [&](std::string &, int, std::string &) {
                 log.push_back("body");
               }),
               boom);
  EXPECT_EQ(log, (log_t{"enter a", "exit a (enter)"}));
}

TEST(WithNested, ReferencesAndMoveOnlyResults) {
  log_t log;
  named_cm a{&log, "a"}, b{&log, "b"};
  std::string &ref =
      raii::with(a, b, [](std::string &x, std::string &) -> std::string & {
        return x;
      });
  EXPECT_EQ(&ref, &a.name);
  auto p = raii::with(a, b, [](std::string &, std::string &) {
    return std::make_unique<int>(3);
  });
  static_assert(std::is_same_v<decltype(p), std::unique_ptr<int>>);
  EXPECT_EQ(*p, 3);
  suppressing_cm s{&log, false};
  auto q = raii::with(s, a, [](int, std::string &x) -> std::string & {
    return x;
  });
  static_assert(std::is_same_v<
                decltype(q),
                std::optional<std::reference_wrapper<std::string>>>);
  EXPECT_EQ(&q->get(), &a.name);
}

TEST(WithNested, RvalueManagers) {
  log_t log;
  int r = raii::with(named_cm{&log, "x"}, void_cm{&log},
                     [](std::string &x) { return static_cast<int>(x.size()); });
  EXPECT_EQ(r, 1);
  EXPECT_EQ(log.back(), "exit x (none)");
}
