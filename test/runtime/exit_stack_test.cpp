// Run tests for raii::exit_stack.
#include <raii/exit_stack.hpp>
#include <raii/handles.hpp>
#include <raii/scope_exit.hpp>

#include <gtest/gtest.h>

#include <fcntl.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct boom : std::runtime_error {
  explicit boom(const std::string &w) : std::runtime_error(w) {}
};

using order_t = std::vector<int>;

// Bigger than a slot: goes to the heap.
struct big_callback {
  std::array<char, 256> payload{};
  order_t *order;
  int id;
  void operator()() const { order->push_back(id); }
};

} // namespace

TEST(ExitStack, RunsLifoOnDestruction) {
  order_t order;
  {
    raii::exit_stack s;
    for (int i = 0; i < 5; ++i)
      s.callback([&order, i] { order.push_back(i); });
    EXPECT_EQ(s.size(), 5u);
  }
  EXPECT_EQ(order, (order_t{4, 3, 2, 1, 0}));
}

TEST(ExitStack, RunsOnException) {
  order_t order;
  EXPECT_THROW(
      {
        raii::exit_stack s;
        s.callback([&] { order.push_back(1); });
        s.callback([&] { order.push_back(2); });
        throw boom("body");
      },
      boom);
  EXPECT_EQ(order, (order_t{2, 1}));
}

TEST(ExitStack, ManyEntriesAcrossChunksKeepOrder) {
  order_t order;
  {
    raii::exit_stack s;
    for (int i = 0; i < 100; ++i) {
      if (i % 7 == 0)
        s.callback(big_callback{{}, &order, i});
      else
        s.callback([&order, i] { order.push_back(i); });
    }
    EXPECT_EQ(s.size(), 100u);
  }
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(order[static_cast<std::size_t>(i)], 99 - i);
}

TEST(ExitStack, MixesGuardsAndCallbacks) {
  order_t order;
  {
    raii::exit_stack s;
    s.callback([&] { order.push_back(1); });
    auto &g = s.push(raii::scope_exit([&] { order.push_back(2); }));
    EXPECT_TRUE(g.active());
    s.push(std::unique_ptr<int, void (*)(int *)>(
        new int(3), [](int *p) {
          // order is not reachable from a function pointer; use the value.
          delete p;
        }));
    s.push(raii::scope_exit([&] { order.push_back(4); }));
  }
  EXPECT_EQ(order, (order_t{4, 2, 1}));
}

TEST(ExitStack, PushedGuardCanBeReleasedThroughReference) {
  order_t order;
  {
    raii::exit_stack s;
    auto &g = s.push(raii::scope_exit([&] { order.push_back(1); }));
    g.release();
  }
  EXPECT_TRUE(order.empty());
}

TEST(ExitStack, PushedHandlesAreClosed) {
  int raw;
  {
    raii::exit_stack s;
    auto &fd = s.push(raii::unique_fd(::open("/dev/null", O_RDONLY)));
    raw = fd.get();
    ASSERT_GE(raw, 0);
  }
  EXPECT_EQ(::fcntl(raw, F_GETFD), -1);
}

TEST(ExitStack, EveryCallbackRunsWhenOneThrows) {
  order_t order;
  try {
    raii::exit_stack s;
    s.callback([&] { order.push_back(1); });
    s.callback([&] {
      order.push_back(2);
      throw boom("middle");
    });
    s.callback([&] { order.push_back(3); });
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "middle");
  }
  EXPECT_EQ(order, (order_t{3, 2, 1}));
}

TEST(ExitStack, FirstExceptionPropagatesLaterAreSuppressed) {
  order_t order;
  raii::exit_stack s;
  s.callback([&] {
    order.push_back(1);
    throw boom("pushed first, runs last");
  });
  s.callback([&] { order.push_back(2); });
  s.callback([&] {
    order.push_back(3);
    throw boom("pushed last, runs first");
  });
  try {
    s.close();
    FAIL();
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "pushed last, runs first");
  }
  EXPECT_EQ(order, (order_t{3, 2, 1}));
  ASSERT_EQ(s.suppressed().size(), 1u);
  try {
    std::rethrow_exception(s.suppressed()[0]);
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "pushed first, runs last");
  }
  EXPECT_TRUE(s.empty());
}

TEST(ExitStack, ThrowingGuardDestructorIsContained) {
  order_t order;
  try {
    raii::exit_stack s;
    s.callback([&] { order.push_back(1); });
    s.push(raii::scope_exit([&] {
      order.push_back(2);
      throw boom("guard");
    }));
    s.callback([&] { order.push_back(3); });
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "guard");
  }
  EXPECT_EQ(order, (order_t{3, 2, 1}));
}

TEST(ExitStack, ExceptionsDuringUnwindingAreDropped) {
  order_t order;
  try {
    raii::exit_stack s;
    s.callback([&] { order.push_back(1); });
    s.callback([&] {
      order.push_back(2);
      throw boom("cleanup");
    });
    throw boom("body");
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "body") << "the exception in flight wins";
  }
  EXPECT_EQ(order, (order_t{2, 1}));
}

TEST(ExitStack, PopAllHandsEverythingOver) {
  order_t order;
  raii::exit_stack kept;
  {
    raii::exit_stack s;
    for (int i = 0; i < 12; ++i) // crosses the inline part into a chunk
      s.callback([&order, i] { order.push_back(i); });
    s.callback(big_callback{{}, &order, 12});
    kept = s.pop_all();
    EXPECT_TRUE(s.empty());
  }
  EXPECT_TRUE(order.empty());
  EXPECT_EQ(kept.size(), 13u);
  kept.close();
  ASSERT_EQ(order.size(), 13u);
  EXPECT_EQ(order.front(), 12);
  EXPECT_EQ(order.back(), 0);
  EXPECT_TRUE(kept.empty());
}

TEST(ExitStack, MoveAssignClosesTarget) {
  order_t order;
  {
    raii::exit_stack a;
    a.callback([&] { order.push_back(1); });
    raii::exit_stack b;
    b.callback([&] { order.push_back(2); });
    b = std::move(a);
    EXPECT_EQ(order, order_t{2});
    EXPECT_TRUE(a.empty());
    EXPECT_EQ(b.size(), 1u);
  }
  EXPECT_EQ(order, (order_t{2, 1}));
}

TEST(ExitStack, MoveConstructRelocatesInlineEntries) {
  order_t order;
  auto shared = std::make_shared<int>(5);
  {
    raii::exit_stack a;
    a.callback([&order, shared] { order.push_back(*shared); });
    EXPECT_EQ(shared.use_count(), 2);
    raii::exit_stack b(std::move(a));
    EXPECT_EQ(shared.use_count(), 2) << "moved, not copied";
  }
  EXPECT_EQ(order, order_t{5});
  EXPECT_EQ(shared.use_count(), 1) << "the callback was destroyed";
}

TEST(ExitStack, CloseTwiceAndReuse) {
  order_t order;
  raii::exit_stack s;
  s.callback([&] { order.push_back(1); });
  s.close();
  s.close();
  s.callback([&] { order.push_back(2); });
  s.close();
  EXPECT_EQ(order, (order_t{1, 2}));
}

TEST(ExitStack, PushDuringCloseRunsCallbackAndThrows) {
  order_t order;
  raii::exit_stack s;
  s.callback([&] {
    s.callback([&] { order.push_back(9); });
  });
  EXPECT_THROW(s.close(), std::logic_error);
  EXPECT_EQ(order, order_t{9}) << "a callback that cannot be stored runs";
}

namespace {
struct copy_throws {
  order_t *order;
  explicit copy_throws(order_t *o) : order(o) {}
  copy_throws(const copy_throws &) { throw boom("copy"); }
  void operator()() const { order->push_back(7); }
};
} // namespace

TEST(ExitStack, FailedRegistrationRunsCallback) {
  order_t order;
  raii::exit_stack s;
  copy_throws c(&order);
  EXPECT_THROW(s.callback(c), boom);
  EXPECT_EQ(order, order_t{7});
  EXPECT_TRUE(s.empty());
}

// --- an entry that takes the stack's entries while it closes (issue 12,
// defect 2): the running entry must not live in storage the stack gives away.
TEST(ExitStack, EntryPopsAllWhileClosingPastInlineSlots) {
  order_t order;
  {
    raii::exit_stack s;
    for (int i = 0; i < 9; ++i)
      s.callback([&order, i] { order.push_back(i); });
    // The 10th entry lives in a heap chunk; the popped stack frees that
    // chunk when it dies, while this entry still runs.
    s.callback([&order, &s] {
      {
        raii::exit_stack popped = s.pop_all();
        EXPECT_EQ(popped.size(), 9u);
      }
      order.push_back(100);
    });
  }
  EXPECT_EQ(order, (order_t{8, 7, 6, 5, 4, 3, 2, 1, 0, 100}));
}

TEST(ExitStack, EntryMovesTheStackWhileClosing) {
  order_t order;
  {
    raii::exit_stack s;
    for (int i = 0; i < 40; ++i)
      s.callback([&order, i] { order.push_back(i); });
    s.callback([&order, &s] {
      { raii::exit_stack other(std::move(s)); }
      order.push_back(100);
    });
  }
  ASSERT_EQ(order.size(), 41u);
  EXPECT_EQ(order.front(), 39);
  EXPECT_EQ(order[39], 0);
  EXPECT_EQ(order.back(), 100);
}

// --- references from push() survive pop_all() and moves (issue 12, defect 4)
namespace {
struct record {
  order_t *order;
  int id;
  void operator()() const noexcept { order->push_back(id); }
};
} // namespace

TEST(ExitStack, PushedReferencesSurvivePopAll) {
  order_t order;
  raii::exit_stack kept;
  std::vector<raii::scope_exit<record> *> guards;
  {
    raii::exit_stack s;
    for (int i = 0; i < 12; ++i)
      guards.push_back(&s.push(raii::scope_exit<record>(record{&order, i})));
    kept = s.pop_all();
  }
  EXPECT_TRUE(order.empty());
  for (auto *g : guards)
    EXPECT_TRUE(g->active()) << "names the live guard, not a moved-from one";
  guards[0]->release();
  guards[11]->release();
  raii::exit_stack moved(std::move(kept));
  guards[5]->release();
  moved.close();
  EXPECT_EQ(order, (order_t{10, 9, 8, 7, 6, 4, 3, 2, 1}));
}

TEST(ExitStack, InlineEntryPopsAllWhileClosing) {
  // An inline entry runs in place: popping it excluded its slot from what
  // pop_all() relocates.
  order_t order;
  {
    raii::exit_stack s;
    for (int i = 0; i < 3; ++i)
      s.callback([&order, i] { order.push_back(i); });
    s.callback([&order, &s] {
      { raii::exit_stack popped = s.pop_all(); }
      order.push_back(100);
    });
  }
  EXPECT_EQ(order, (order_t{2, 1, 0, 100}));
}
