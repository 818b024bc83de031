// Run tests for raii::scope_exit, scope_fail and scope_success.
#include <raii/scope_exit.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace {

struct boom : std::runtime_error {
  boom() : std::runtime_error("boom") {}
};

// A callable whose copy constructor throws on demand and whose move
// constructor is not noexcept, so guards must copy it (P0052).
struct throwing_copy {
  int *calls;
  const bool *throw_on_copy;
  throwing_copy(int *c, const bool *t) : calls(c), throw_on_copy(t) {}
  throwing_copy(const throwing_copy &o)
      : calls(o.calls), throw_on_copy(o.throw_on_copy) {
    if (*throw_on_copy)
      throw boom();
  }
  throwing_copy(throwing_copy &&o) noexcept(false)
      : calls(o.calls), throw_on_copy(o.throw_on_copy) {}
  void operator()() const { ++*calls; }
};

int free_calls = 0;
void free_action() { ++free_calls; }

} // namespace

// --- type properties --------------------------------------------------------

TEST(ScopeExit, TypeProperties) {
  auto nothrow = []() noexcept {};
  auto may_throw = [] {};
  using nothrow_t = raii::scope_exit<decltype(nothrow)>;
  using throw_t = raii::scope_exit<decltype(may_throw)>;
  static_assert(!std::is_copy_constructible_v<nothrow_t>);
  static_assert(!std::is_copy_assignable_v<nothrow_t>);
  static_assert(!std::is_move_assignable_v<nothrow_t>);
  static_assert(std::is_nothrow_move_constructible_v<nothrow_t>);
  // The Boost.Scope rule: the destructor is noexcept iff the action is.
  static_assert(std::is_nothrow_destructible_v<nothrow_t>);
  static_assert(!std::is_nothrow_destructible_v<throw_t>);
  static_assert(!std::is_nothrow_destructible_v<raii::scope_fail<void (*)()>>);
  static_assert(
      std::is_nothrow_destructible_v<raii::scope_success<void (*)() noexcept>>);
  // Empty callables cost no space: only the armed flag remains.
  static_assert(sizeof(nothrow_t) == 1);
  SUCCEED();
}

TEST(ScopeExit, Ctad) {
  int n = 0;
  {
    raii::scope_exit g{[&n] { ++n; }};
    raii::scope_fail f{[&n] { n += 100; }};
    raii::scope_success s([&n] { n += 10; });
    static_assert(!std::is_reference_v<
                  decltype(g)>); // deduced from a prvalue lambda
  }
  EXPECT_EQ(n, 11);
}

// --- scope_exit -------------------------------------------------------------

TEST(ScopeExit, RunsOnNormalExit) {
  int n = 0;
  { raii::scope_exit g([&] { ++n; }); }
  EXPECT_EQ(n, 1);
}

TEST(ScopeExit, RunsOnException) {
  int n = 0;
  EXPECT_THROW(
      {
        raii::scope_exit g([&] { ++n; });
        throw boom();
      },
      boom);
  EXPECT_EQ(n, 1);
}

TEST(ScopeExit, ReleaseAndRearm) {
  int n = 0;
  {
    raii::scope_exit g([&] { ++n; });
    EXPECT_TRUE(g.active());
    g.release();
    EXPECT_FALSE(g.active());
  }
  EXPECT_EQ(n, 0);
  {
    raii::scope_exit g([&] { ++n; });
    g.set_active(false);
    g.set_active(true);
  }
  EXPECT_EQ(n, 1);
}

TEST(ScopeExit, MoveTransfersOwnership) {
  int n = 0;
  {
    raii::scope_exit a([&] { ++n; });
    {
      auto b = std::move(a);
      EXPECT_FALSE(a.active());
      EXPECT_TRUE(b.active());
    }
    EXPECT_EQ(n, 1);
  }
  EXPECT_EQ(n, 1);
}

TEST(ScopeExit, MoveOfReleasedStaysReleased) {
  int n = 0;
  {
    raii::scope_exit a([&] { ++n; });
    a.release();
    auto b = std::move(a);
    EXPECT_FALSE(b.active());
  }
  EXPECT_EQ(n, 0);
}

TEST(ScopeExit, FunctionReference) {
  free_calls = 0;
  {
    raii::scope_exit<void (&)()> g(free_action);
    auto h = std::move(g);
  }
  EXPECT_EQ(free_calls, 1);
}

TEST(ScopeExit, FunctionObjectReference) {
  int n = 0;
  auto f = [&] { ++n; };
  {
    raii::scope_exit<decltype(f) &> g(f);
    // Stores a reference: no copy of the callable is made.
    static_assert(sizeof(g) <= 2 * sizeof(void *));
  }
  EXPECT_EQ(n, 1);
}

TEST(ScopeExit, ThrowingActionPropagatesOnNormalExit) {
  // Unlike TS v3 (noexcept destructor => std::terminate) the exception
  // propagates, as an exception in a Python __exit__ does.
  EXPECT_THROW({ raii::scope_exit g([] { throw boom(); }); }, boom);
}

TEST(ScopeExit, ConstructorFailureRunsAction) {
  int n = 0;
  const bool yes = true;
  throwing_copy f(&n, &yes);
  EXPECT_THROW({ raii::scope_exit<throwing_copy> g(f); }, boom);
  EXPECT_EQ(n, 1) << "P0052: a guard that cannot be built runs its action";
}

TEST(ScopeExit, CopiesCallableWhoseMoveMayThrow) {
  int n = 0;
  bool throws = false;
  throwing_copy f(&n, &throws);
  {
    raii::scope_exit<throwing_copy> g(std::move(f));
    auto h = std::move(g); // copies (move may throw)
    EXPECT_FALSE(g.active());
  }
  EXPECT_EQ(n, 1);
}

TEST(ScopeExit, FailedMoveLeavesSourceArmed) {
  int n = 0;
  bool throws = false;
  throwing_copy f(&n, &throws);
  {
    raii::scope_exit<throwing_copy> g(f);
    static_assert(!std::is_nothrow_move_constructible_v<decltype(g)>);
    // The move constructor must copy; make that copy throw.
    throws = true;
    EXPECT_THROW({ auto h = std::move(g); }, boom);
    EXPECT_TRUE(g.active()) << "a failed move leaves the source armed";
    EXPECT_EQ(n, 0);
    throws = false;
  }
  EXPECT_EQ(n, 1);
}

TEST(ScopeExit, NestedGuardsRunInReverseOrder) {
  std::vector<int> order;
  {
    raii::scope_exit a([&] { order.push_back(1); });
    raii::scope_exit b([&] { order.push_back(2); });
    {
      raii::scope_exit c([&] { order.push_back(3); });
    }
    raii::scope_exit d([&] { order.push_back(4); });
  }
  EXPECT_EQ(order, (std::vector<int>{3, 4, 2, 1}));
}

// --- scope_fail -------------------------------------------------------------

TEST(ScopeFail, DoesNotRunOnNormalExit) {
  int n = 0;
  { raii::scope_fail g([&] { ++n; }); }
  EXPECT_EQ(n, 0);
}

TEST(ScopeFail, RunsOnException) {
  int n = 0;
  EXPECT_THROW(
      {
        raii::scope_fail g([&] { ++n; });
        throw boom();
      },
      boom);
  EXPECT_EQ(n, 1);
}

TEST(ScopeFail, ReleasedDoesNotRun) {
  int n = 0;
  EXPECT_THROW(
      {
        raii::scope_fail g([&] { ++n; });
        g.release();
        throw boom();
      },
      boom);
  EXPECT_EQ(n, 0);
}

TEST(ScopeFail, ConstructorFailureRunsAction) {
  int n = 0;
  const bool yes = true;
  throwing_copy f(&n, &yes);
  EXPECT_THROW({ raii::scope_fail<throwing_copy> g(f); }, boom);
  EXPECT_EQ(n, 1);
}

namespace {
// Created and destroyed while another exception unwinds: counts against the
// number in flight at construction, so it must not fire.
struct makes_guard_in_dtor {
  int *n;
  ~makes_guard_in_dtor() {
    raii::scope_fail g([this] { ++*n; });
  }
};
} // namespace

TEST(ScopeFail, GuardCreatedDuringUnwindingSeesNoNewFailure) {
  int n = 0;
  try {
    makes_guard_in_dtor m{&n};
    throw boom();
  } catch (const boom &) {
  }
  EXPECT_EQ(n, 0);
}

TEST(ScopeFail, GuardInsideCatchBlock) {
  int n = 0;
  try {
    throw boom();
  } catch (const boom &) {
    // One exception is being handled, but none is unwinding this scope.
    raii::scope_fail g([&] { ++n; });
  }
  EXPECT_EQ(n, 0);
}

TEST(ScopeFail, MovedGuardKeepsOriginalCount) {
  int n = 0;
  auto make = [&] { return raii::scope_fail([&] { ++n; }); };
  EXPECT_THROW(
      {
        auto g = make();
        throw boom();
      },
      boom);
  EXPECT_EQ(n, 1);
}

// --- scope_success ----------------------------------------------------------

TEST(ScopeSuccess, RunsOnNormalExit) {
  int n = 0;
  { raii::scope_success g([&] { ++n; }); }
  EXPECT_EQ(n, 1);
}

TEST(ScopeSuccess, DoesNotRunOnException) {
  int n = 0;
  EXPECT_THROW(
      {
        raii::scope_success g([&] { ++n; });
        throw boom();
      },
      boom);
  EXPECT_EQ(n, 0);
}

TEST(ScopeSuccess, ConstructorFailureDoesNotRunAction) {
  int n = 0;
  const bool yes = true;
  throwing_copy f(&n, &yes);
  EXPECT_THROW({ raii::scope_success<throwing_copy> g(f); }, boom);
  EXPECT_EQ(n, 0) << "P0052: scope_success does not run on a failed build";
}

TEST(ScopeSuccess, ThrowingActionPropagates) {
  EXPECT_THROW({ raii::scope_success g([] { throw boom(); }); }, boom);
}

TEST(ScopeSuccess, InsideCatchBlockRuns) {
  int n = 0;
  try {
    throw boom();
  } catch (const boom &) {
    raii::scope_success g([&] { ++n; });
  }
  EXPECT_EQ(n, 1);
}
