// Run tests for exit_stack's context-manager side: enter_context, push_exit,
// and the stack itself as a context manager (enter/exit, with()).
#include <raii/exit_stack.hpp>
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

std::string describe(const std::exception_ptr &e) {
  if (!e)
    return "none";
  try {
    std::rethrow_exception(e);
  } catch (const std::exception &x) {
    return x.what();
  }
}

// A context manager that logs, hands out a reference to its own member, and
// suppresses when told to.
struct connection_cm {
  log_t *log;
  std::string name;
  bool suppress = false;
  std::string state = "closed";
  std::string &enter() {
    log->push_back("enter " + name);
    state = "open";
    return state;
  }
  bool exit(std::exception_ptr e) {
    log->push_back("exit " + name + " (" + describe(e) + ")");
    state = "closed";
    return suppress;
  }
};

struct void_cm {
  log_t *log;
  void enter() { log->push_back("enter void"); }
  void exit(std::exception_ptr e) {
    log->push_back("exit void (" + describe(e) + ")");
  }
};

struct value_cm {
  int enter() { return 7; }
  void exit(std::exception_ptr) {}
};

struct failing_enter_cm {
  log_t *log;
  int enter() {
    log->push_back("enter fails");
    throw boom("enter");
  }
  void exit(std::exception_ptr) { log->push_back("exit must not run"); }
  ~failing_enter_cm() { log->push_back("destroyed"); }
};

} // namespace

TEST(ExitStackContext, EnterContextReturnsWhatEnterReturns) {
  log_t log;
  std::string *state = nullptr;
  {
    raii::exit_stack s;
    std::string &st = s.enter_context(connection_cm{&log, "a"});
    state = &st;
    EXPECT_EQ(st, "open");
    int v = s.enter_context(value_cm{});
    EXPECT_EQ(v, 7);
    s.enter_context(void_cm{&log});
    EXPECT_EQ(s.size(), 3u);
  }
  EXPECT_EQ(log, (log_t{"enter a", "enter void", "exit void (none)",
                        "exit a (none)"}));
  (void)state;
}

TEST(ExitStackContext, ReferencesFromEnterSurvivePopAll) {
  log_t log;
  raii::exit_stack kept;
  std::vector<std::string *> states;
  {
    raii::exit_stack s;
    for (int i = 0; i < 10; ++i)
      states.push_back(&s.enter_context(
          connection_cm{&log, std::to_string(i)}));
    kept = s.pop_all();
  }
  for (auto *st : states)
    EXPECT_EQ(*st, "open");
  kept.close();
  EXPECT_EQ(log.size(), 20u);
  EXPECT_EQ(log.back(), "exit 0 (none)");
}

TEST(ExitStackContext, FailedEnterIsNotExited) {
  log_t log;
  raii::exit_stack s;
  s.enter_context(void_cm{&log});
  EXPECT_THROW(s.enter_context(failing_enter_cm{&log}), boom);
  EXPECT_EQ(s.size(), 1u);
  // The stored manager was taken off the stack (moved out, then destroyed)
  // and the temporary argument destroyed; exit() was never called.
  EXPECT_EQ(log, (log_t{"enter void", "enter fails", "destroyed", "destroyed",
                        "destroyed"}));
  s.close();
  EXPECT_EQ(log.back(), "exit void (none)");
}

TEST(ExitStackContext, ExitHandlerSeesPendingExceptionAndSuppresses) {
  log_t log;
  raii::exit_stack s;
  s.push_exit([&](std::exception_ptr e) {
    log.push_back("outer sees " + describe(e));
  });
  s.push_exit([&](std::exception_ptr e) {
    log.push_back("inner sees " + describe(e));
    return true; // swallow
  });
  s.callback([&] { throw boom("callback"); });
  EXPECT_NO_THROW(s.close());
  EXPECT_EQ(log, (log_t{"inner sees callback", "outer sees none"}));
}

TEST(ExitStackContext, ExitGivesHandlersTheBodysException) {
  log_t log;
  raii::exit_stack s;
  s.enter_context(connection_cm{&log, "db"});
  s.push_exit([&](std::exception_ptr e) {
    log.push_back("handler sees " + describe(e));
  });
  auto body_error = std::make_exception_ptr(boom("body"));
  EXPECT_FALSE(s.exit(body_error)) << "nobody suppressed it";
  EXPECT_EQ(log, (log_t{"enter db", "handler sees body", "exit db (body)"}));
  EXPECT_TRUE(s.empty());
}

TEST(ExitStackContext, ExitReportsSuppression) {
  log_t log;
  raii::exit_stack s;
  s.enter_context(connection_cm{&log, "outer"});
  connection_cm inner{&log, "inner"};
  inner.suppress = true;
  s.enter_context(std::move(inner));
  EXPECT_TRUE(s.exit(std::make_exception_ptr(boom("body"))));
  EXPECT_EQ(log, (log_t{"enter outer", "enter inner", "exit inner (body)",
                        "exit outer (none)"}));
}

TEST(ExitStackContext, ExitWithoutExceptionRethrowsAnEntrysFailure) {
  raii::exit_stack s;
  s.callback([] { throw boom("cleanup"); });
  try {
    (void)s.exit(nullptr);
    FAIL();
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "cleanup");
  }
}

TEST(ExitStackContext, FirstExceptionStaysPendingLaterAreSuppressed) {
  log_t log;
  raii::exit_stack s;
  s.push_exit([&](std::exception_ptr e) {
    log.push_back("outer sees " + describe(e));
  });
  s.callback([] { throw boom("second"); });
  s.callback([] { throw boom("first"); });
  try {
    s.close();
    FAIL();
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "first");
  }
  EXPECT_EQ(log, (log_t{"outer sees first"}));
  ASSERT_EQ(s.suppressed().size(), 1u);
  EXPECT_EQ(describe(s.suppressed()[0]), "second");
}

TEST(ExitStackContext, UnwindingDestructorGivesUnknownException) {
  log_t log;
  try {
    raii::exit_stack s;
    s.enter_context(void_cm{&log});
    s.push_exit([&](std::exception_ptr e) {
      try {
        std::rethrow_exception(e);
      } catch (const raii::unknown_exception &) {
        log.push_back("unknown");
      }
      return true; // cannot stop the unwinding
    });
    throw boom("body");
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "body");
  }
  EXPECT_EQ(log, (log_t{"enter void", "unknown",
                        "exit void (raii::exit_stack: an exception is "
                        "unwinding the stack's scope (not accessible from a "
                        "destructor))"}));
}

TEST(ExitStackContext, WithDrivesTheStack) {
  log_t log;
  auto r = raii::with(raii::exit_stack(), [&](raii::exit_stack &s) {
    std::string &a = s.enter_context(connection_cm{&log, "a"});
    connection_cm b{&log, "b"};
    b.suppress = true;
    s.enter_context(std::move(b));
    log.push_back("body with " + a);
    throw boom("body");
    return 1;
  });
  EXPECT_FALSE(r.has_value()) << "b suppressed the body's exception";
  EXPECT_EQ(log, (log_t{"enter a", "enter b", "body with open",
                        "exit b (body)", "exit a (none)"}));
}

TEST(ExitStackContext, PushExitThatCannotBeStoredIsCalled) {
  log_t log;
  raii::exit_stack s;
  s.callback([&] {
    s.push_exit([&](std::exception_ptr e) {
      log.push_back("called with " + describe(e));
    });
  });
  EXPECT_THROW(s.close(), std::logic_error);
  EXPECT_EQ(log, (log_t{"called with raii::exit_stack: cannot add entries "
                        "while the stack is closing"}));
}

TEST(ExitStackContext, MoveOnlyContextManagerOnHeap) {
  log_t log;
  struct big_cm {
    log_t *log;
    std::unique_ptr<int> p = std::make_unique<int>(5);
    char pad[128] = {};
    int &enter() { return *p; }
    void exit(std::exception_ptr) { log->push_back("exit big"); }
  };
  {
    raii::exit_stack s;
    int &v = s.enter_context(big_cm{&log});
    EXPECT_EQ(v, 5);
  }
  EXPECT_EQ(log, log_t{"exit big"});
}
