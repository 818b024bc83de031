// async_with(cm, body) with the hand-written task type of support/task.hpp:
// the order of enter/body/exit, exceptions from each, suppression, the
// result type, ownership of the manager, and what a destroyed coroutine
// frame does not run.
#include <raii/async.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "support/loop.hpp"
#include "support/recorder.hpp"
#include "support/task.hpp"

namespace {

using raii_test::event_log;
using raii_test::loop;
using raii_test::plain_recorder;
using raii_test::recorder;
using raii_test::task;

TEST(AsyncWith, BodyCompletesThenExitSeesNull) {
  event_log log;
  loop l;
  recorder cm{log, l};
  auto t = raii::async_with(cm, [&](int &v) -> task<int> {
    log.push_back("body(" + std::to_string(v) + ")");
    co_await l.yield();
    co_return v + 1;
  });
  // exit() yields bool, so the result may be missing: std::optional.
  static_assert(std::is_same_v<decltype(t), task<std::optional<int>>>);
  std::optional<int> r = raii_test::run(l, std::move(t));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 43);
  EXPECT_EQ(log, (event_log{"cm.enter", "body(42)", "cm.exit(null)"}));
}

TEST(AsyncWith, BodyGetsTheEnteredObjectByReference) {
  event_log log;
  loop l;
  recorder cm{log, l};
  raii_test::run(l, raii::async_with(cm, [&](int &v) -> task<void> {
                   v = 7;
                   co_return;
                 }));
  EXPECT_EQ(cm.value, 7);
}

TEST(AsyncWith, BodyExceptionReachesExitAndPropagates) {
  event_log log;
  loop l;
  recorder cm{log, l};
  const std::runtime_error *thrown = nullptr;
  auto t = raii::async_with(cm, [&](int &) -> task<int> {
    log.push_back("body");
    co_await l.yield();
    static std::runtime_error boom("boom");
    thrown = &boom;
    throw boom;
  });
  try {
    (void)raii_test::run(l, std::move(t));
    FAIL() << "no exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "boom");
  }
  EXPECT_NE(thrown, nullptr);
  EXPECT_EQ(log, (event_log{"cm.enter", "body", "cm.exit(boom)"}));
}

TEST(AsyncWith, TheSameExceptionObjectIsRethrown) {
  event_log log;
  loop l;
  recorder cm{log, l};
  const void *in_body = nullptr;
  auto t = raii::async_with(cm, [&](int &) -> task<void> {
    co_await l.yield();
    try {
      throw std::out_of_range("range");
    } catch (const std::out_of_range &e) {
      in_body = &e;
      throw;
    }
  });
  try {
    raii_test::run(l, std::move(t));
    FAIL() << "no exception";
  } catch (const std::out_of_range &e) {
    EXPECT_EQ(static_cast<const void *>(&e), in_body);
  }
}

TEST(AsyncWith, SuppressedExceptionGivesAnEmptyResult) {
  event_log log;
  loop l;
  recorder cm{log, l};
  cm.suppress = true;
  std::optional<int> r =
      raii_test::run(l, raii::async_with(cm, [&](int &) -> task<int> {
                       log.push_back("body");
                       throw std::runtime_error("swallowed");
                       co_return 1;
                     }));
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(log, (event_log{"cm.enter", "body", "cm.exit(swallowed)"}));
}

TEST(AsyncWith, SuppressingExitDoesNotDropAValueOnSuccess) {
  event_log log;
  loop l;
  recorder cm{log, l};
  cm.suppress = true; // true after a normal body is ignored, as in Python
  std::optional<int> r = raii_test::run(
      l, raii::async_with(cm, [&](int &) -> task<int> { co_return 5; }));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 5);
}

TEST(AsyncWith, SuppressedExceptionInVoidBodyReturnsNormally) {
  event_log log;
  loop l;
  recorder cm{log, l};
  cm.suppress = true;
  auto t = raii::async_with(cm, [&](int &) -> task<void> {
    log.push_back("body");
    throw std::logic_error("gone");
    co_return;
  });
  static_assert(std::is_same_v<decltype(t), task<void>>);
  EXPECT_NO_THROW(raii_test::run(l, std::move(t)));
  EXPECT_EQ(log, (event_log{"cm.enter", "body", "cm.exit(gone)"}));
}

TEST(AsyncWith, EnterThrowsRunsNeitherBodyNorExit) {
  event_log log;
  loop l;
  recorder cm{log, l};
  cm.throw_in_enter = true;
  try {
    (void)raii_test::run(l, raii::async_with(cm, [&](int &) -> task<int> {
                           log.push_back("body");
                           co_return 1;
                         }));
    FAIL() << "no exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "cm.enter failed");
  }
  EXPECT_EQ(log, (event_log{"cm.enter"}));
}

TEST(AsyncWith, ExitThrowsAfterNormalBody) {
  event_log log;
  loop l;
  recorder cm{log, l};
  cm.throw_in_exit = true;
  try {
    (void)raii_test::run(l, raii::async_with(cm, [&](int &) -> task<int> {
                           log.push_back("body");
                           co_return 1;
                         }));
    FAIL() << "no exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "cm.exit failed");
  }
  EXPECT_EQ(log, (event_log{"cm.enter", "body", "cm.exit(null)"}));
}

TEST(AsyncWith, ExitExceptionReplacesTheBodys) {
  event_log log;
  loop l;
  recorder cm{log, l};
  cm.throw_in_exit = true;
  cm.suppress = true; // never reached: exit throws before returning
  try {
    (void)raii_test::run(l, raii::async_with(cm, [&](int &) -> task<int> {
                           throw std::invalid_argument("from body");
                           co_return 1;
                         }));
    FAIL() << "no exception";
  } catch (const std::invalid_argument &) {
    FAIL() << "the body's exception escaped";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "cm.exit failed");
  }
  EXPECT_EQ(log, (event_log{"cm.enter", "cm.exit(from body)"}));
}

TEST(AsyncWith, VoidExitReturnsTheBodysValueItself) {
  event_log log;
  loop l;
  plain_recorder cm{log, l};
  auto t = raii::async_with(cm, [&]() -> task<std::string> {
    log.push_back("body");
    co_return "value";
  });
  static_assert(std::is_same_v<decltype(t), task<std::string>>);
  EXPECT_EQ(raii_test::run(l, std::move(t)), "value");
  EXPECT_EQ(log, (event_log{"enter", "body", "exit(null)"}));
}

TEST(AsyncWith, VoidExitCannotSuppress) {
  event_log log;
  loop l;
  plain_recorder cm{log, l};
  EXPECT_THROW(raii_test::run(l, raii::async_with(cm, [&]() -> task<int> {
                                throw std::range_error("kept");
                                co_return 0;
                              })),
               std::range_error);
  EXPECT_EQ(log, (event_log{"enter", "exit(kept)"}));
}

TEST(AsyncWith, ReferenceResultIsPassedThrough) {
  event_log log;
  loop l;
  plain_recorder cm{log, l};
  int target = 3;
  auto t = raii::async_with(cm, [&]() -> task<int &> { co_return target; });
  static_assert(std::is_same_v<decltype(t), task<int &>>);
  int &r = raii_test::run(l, std::move(t));
  EXPECT_EQ(&r, &target);
}

TEST(AsyncWith, RvalueManagerLivesInTheCoroutineFrame) {
  event_log log;
  loop l;
  // The temporary recorder dies at the end of this statement; async_with
  // moved it into its frame (ASan would report a use after scope if not).
  auto t = raii::async_with(recorder{log, l, "temp"}, [&](int &v) -> task<int> {
    co_return v;
  });
  std::optional<int> r = raii_test::run(l, std::move(t));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(log, (event_log{"temp.enter", "temp.exit(null)"}));
}

TEST(AsyncWith, NestedManagersExitInReverseOrder) {
  event_log log;
  loop l;
  recorder outer{log, l, "outer"};
  recorder inner{log, l, "inner"};
  inner.suppress = true;
  auto t = raii::async_with(outer, [&](int &) -> task<void> {
    std::optional<int> r =
        co_await raii::async_with(inner, [&](int &) -> task<int> {
          log.push_back("body");
          throw std::runtime_error("inner only");
          co_return 0;
        });
    log.push_back(r ? "value" : "suppressed");
  });
  raii_test::run(l, std::move(t));
  EXPECT_EQ(log, (event_log{"outer.enter", "inner.enter", "body",
                            "inner.exit(inner only)", "suppressed",
                            "outer.exit(null)"}));
}

TEST(AsyncWith, ExplicitTaskTypeForABodyReturningAPlainAwaiter) {
  event_log log;
  loop l;
  plain_recorder cm{log, l};
  // loop::yield_awaiter is no task template, so name the task type.
  auto t = raii::async_with<task<void>>(cm, [&] {
    log.push_back("body");
    return l.yield();
  });
  raii_test::run(l, std::move(t));
  EXPECT_EQ(log, (event_log{"enter", "body", "exit(null)"}));
}

TEST(AsyncWith, DestroyedFrameRunsNoExit) {
  // The limitation docs/runtime/async.md states: a coroutine frame
  // destroyed while suspended in the body never reaches exit(); only the
  // destructors of the frames' locals run.
  event_log log;
  loop l;
  recorder cm{log, l};
  {
    auto t = raii::async_with(cm, [&](int &) -> task<void> {
      struct local {
        event_log &log;
        ~local() { log.push_back("body local destroyed"); }
      } guard{log};
      log.push_back("body suspended");
      co_await l.yield();
      log.push_back("body resumed");
    });
    t.start();                  // suspends in cm.enter()
    ASSERT_TRUE(l.run_one());   // enter completes; the body suspends
    ASSERT_EQ(l.pending(), 1u); // the body, waiting on the loop
    l.drop();                   // never resumed; `t` dies with it
  }
  EXPECT_EQ(log, (event_log{"cm.enter", "body suspended",
                            "body local destroyed"}));
}

} // namespace
