// Run tests for raii::with, the context-manager protocol.
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

// enter() returns a value; exit() returns bool and suppresses when told to.
struct suppressing_cm {
  log_t *log;
  bool suppress;
  std::exception_ptr seen;
  int enter() {
    log->push_back("enter");
    return 42;
  }
  bool exit(std::exception_ptr e) {
    log->push_back(e ? "exit(error)" : "exit(ok)");
    seen = e;
    return suppress;
  }
};

// enter() and exit() return void.
struct plain_cm {
  log_t *log;
  void enter() { log->push_back("enter"); }
  void exit(std::exception_ptr e) {
    log->push_back(e ? "exit(error)" : "exit(ok)");
  }
};

// enter() returns a reference to a member.
struct ref_cm {
  std::string name = "conn";
  std::string &enter() { return name; }
  void exit(std::exception_ptr) {}
};

} // namespace

TEST(With, PassesEnterResultAndReturnsOptional) {
  log_t log;
  suppressing_cm cm{&log, false, nullptr};
  auto r = raii::with(cm, [&](int v) {
    log.push_back("body");
    return v + 1;
  });
  static_assert(std::is_same_v<decltype(r), std::optional<int>>);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 43);
  EXPECT_EQ(log, (log_t{"enter", "body", "exit(ok)"}));
  EXPECT_FALSE(cm.seen);
}

TEST(With, SuppressedExceptionGivesEmptyOptional) {
  log_t log;
  suppressing_cm cm{&log, true, nullptr};
  auto r = raii::with(cm, [](int) -> int { throw boom("body"); });
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(log, (log_t{"enter", "exit(error)"}));
  ASSERT_TRUE(cm.seen);
  try {
    std::rethrow_exception(cm.seen);
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "body") << "exit() saw the body's exception";
  }
}

TEST(With, NotSuppressedExceptionPropagates) {
  log_t log;
  suppressing_cm cm{&log, false, nullptr};
  EXPECT_THROW(raii::with(cm, [](int) -> int { throw boom(); }), boom);
  EXPECT_EQ(log, (log_t{"enter", "exit(error)"}));
}

TEST(With, VoidBodyWithBoolExit) {
  log_t log;
  suppressing_cm cm{&log, true, nullptr};
  raii::with(cm, [](int) { throw boom(); });
  auto void_body = [](int) {};
  static_assert(std::is_void_v<decltype(raii::with(cm, void_body))>);
  EXPECT_EQ(log, (log_t{"enter", "exit(error)"}));
}

TEST(With, VoidEnterVoidExitReturnsBodyValueDirectly) {
  log_t log;
  plain_cm cm{&log};
  auto r = raii::with(cm, [&] {
    log.push_back("body");
    return std::string("value");
  });
  static_assert(std::is_same_v<decltype(r), std::string>);
  EXPECT_EQ(r, "value");
  EXPECT_EQ(log, (log_t{"enter", "body", "exit(ok)"}));
}

TEST(With, VoidExitNeverSuppresses) {
  log_t log;
  plain_cm cm{&log};
  EXPECT_THROW(raii::with(cm, [] { throw boom(); }), boom);
  EXPECT_EQ(log, (log_t{"enter", "exit(error)"}));
}

TEST(With, RvalueContextManager) {
  log_t log;
  auto r = raii::with(suppressing_cm{&log, false, nullptr},
                      [](int v) { return v; });
  EXPECT_EQ(r, 42);
  EXPECT_EQ(log, (log_t{"enter", "exit(ok)"}));
}

TEST(With, ReferencesFromEnterAndBody) {
  ref_cm cm;
  std::string &r = raii::with(cm, [](std::string &s) -> std::string & {
    s += "!";
    return s;
  });
  EXPECT_EQ(&r, &cm.name);
  EXPECT_EQ(cm.name, "conn!");
}

TEST(With, ReferenceResultWithSuppressingExitIsReferenceWrapper) {
  log_t log;
  suppressing_cm cm{&log, false, nullptr};
  int x = 0;
  auto r = raii::with(cm, [&](int) -> int & { return x; });
  static_assert(
      std::is_same_v<decltype(r), std::optional<std::reference_wrapper<int>>>);
  EXPECT_EQ(&r->get(), &x);
}

TEST(With, MoveOnlyResult) {
  log_t log;
  plain_cm cm{&log};
  auto p = raii::with(cm, [] { return std::make_unique<int>(3); });
  EXPECT_EQ(*p, 3);
  suppressing_cm scm{&log, false, nullptr};
  auto q = raii::with(scm, [](int) { return std::make_unique<int>(4); });
  EXPECT_EQ(**q, 4);
}

namespace {
struct failing_enter {
  log_t *log;
  int enter() { throw boom("enter"); }
  void exit(std::exception_ptr) { log->push_back("exit"); }
};
struct failing_exit {
  log_t *log;
  void enter() {}
  void exit(std::exception_ptr e) {
    log->push_back(e ? "exit(error)" : "exit(ok)");
    throw boom("exit");
  }
};
} // namespace

TEST(With, EnterThrowsSkipsBodyAndExit) {
  log_t log;
  failing_enter cm{&log};
  EXPECT_THROW(raii::with(cm, [&](int) { log.push_back("body"); }), boom);
  EXPECT_TRUE(log.empty());
}

TEST(With, ExitThrowsOnNormalPathCalledOnce) {
  log_t log;
  failing_exit cm{&log};
  try {
    (void)raii::with(cm, [] { return 1; });
    FAIL();
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "exit");
  }
  EXPECT_EQ(log, log_t{"exit(ok)"});
}

TEST(With, ExitExceptionReplacesBodyException) {
  log_t log;
  failing_exit cm{&log};
  try {
    raii::with(cm, [] { throw boom("body"); });
    FAIL();
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "exit");
  }
  EXPECT_EQ(log, log_t{"exit(error)"});
}
