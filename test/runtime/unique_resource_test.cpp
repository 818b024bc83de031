// Run tests for raii::unique_resource and make_unique_resource_checked.
#include <raii/unique_resource.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace {

struct boom : std::runtime_error {
  boom() : std::runtime_error("boom") {}
};

// Records every value it is called with.
struct recorder {
  std::vector<int> *log;
  void operator()(int r) const { log->push_back(r); }
};

// A deleter whose copies throw while *fail is set and whose move may throw,
// so unique_resource must copy it.
struct fragile_deleter {
  std::vector<int> *log;
  const bool *fail;
  fragile_deleter(std::vector<int> *l, const bool *f) : log(l), fail(f) {}
  fragile_deleter(const fragile_deleter &o) : log(o.log), fail(o.fail) {
    if (*fail)
      throw boom();
  }
  fragile_deleter(fragile_deleter &&o) noexcept(false)
      : log(o.log), fail(o.fail) {}
  fragile_deleter &operator=(const fragile_deleter &) = default;
  void operator()(int r) const { log->push_back(r); }
};

// A resource whose copies throw while *fail is set.
struct fragile_resource {
  int value;
  const bool *fail;
  fragile_resource(int v, const bool *f) : value(v), fail(f) {}
  fragile_resource(const fragile_resource &o) : value(o.value), fail(o.fail) {
    if (*fail)
      throw boom();
  }
  fragile_resource(fragile_resource &&o) noexcept(false)
      : value(o.value), fail(o.fail) {}
  fragile_resource &operator=(const fragile_resource &o) {
    if (*o.fail)
      throw boom();
    value = o.value;
    fail = o.fail;
    return *this;
  }
};

struct fragile_recorder {
  std::vector<int> *log;
  void operator()(const fragile_resource &r) const { log->push_back(r.value); }
};

using counted = raii::unique_resource<int, recorder>;

} // namespace

TEST(UniqueResource, TypeProperties) {
  static_assert(!std::is_copy_constructible_v<counted>);
  static_assert(!std::is_copy_assignable_v<counted>);
  static_assert(std::is_move_constructible_v<counted>);
  static_assert(std::is_move_assignable_v<counted>);
  // The traits see through to the destructor: a deleter that may throw makes
  // even the (noexcept) move constructor look potentially-throwing.
  static_assert(!std::is_nothrow_move_constructible_v<counted>);
  // recorder::operator() may throw (push_back), so may the destructor.
  static_assert(!std::is_nothrow_destructible_v<counted>);
  auto nothrow_del = [](int) noexcept {};
  struct quiet_del {
    void operator()(int) const noexcept {}
  };
  using quiet = raii::unique_resource<int, quiet_del>;
  static_assert(std::is_nothrow_destructible_v<quiet>);
  static_assert(std::is_nothrow_move_constructible_v<quiet>);
  static_assert(std::is_nothrow_move_assignable_v<quiet>);
  // Empty deleters cost nothing.
  static_assert(sizeof(raii::unique_resource<int, decltype(nothrow_del)>) ==
                2 * sizeof(int));
  static_assert(sizeof(raii::unique_resource<int, decltype(nothrow_del),
                                             raii::fd_traits>) == sizeof(int));
  SUCCEED();
}

TEST(UniqueResource, DeletesOnDestruction) {
  std::vector<int> log;
  { counted r(7, recorder{&log}); EXPECT_EQ(r.get(), 7); }
  EXPECT_EQ(log, std::vector<int>{7});
}

TEST(UniqueResource, Ctad) {
  std::vector<int> log;
  {
    raii::unique_resource r(3, recorder{&log});
    static_assert(std::is_same_v<decltype(r), counted>);
  }
  EXPECT_EQ(log, std::vector<int>{3});
}

TEST(UniqueResource, DeletesOnException) {
  std::vector<int> log;
  EXPECT_THROW(
      {
        counted r(1, recorder{&log});
        throw boom();
      },
      boom);
  EXPECT_EQ(log, std::vector<int>{1});
}

TEST(UniqueResource, ReleaseKeepsValueButDoesNotDelete) {
  std::vector<int> log;
  {
    counted r(5, recorder{&log});
    r.release();
    EXPECT_EQ(r.get(), 5) << "P0052: release() leaves the value readable";
    EXPECT_FALSE(r.allocated());
  }
  EXPECT_TRUE(log.empty());
}

TEST(UniqueResource, ResetDeletesOnce) {
  std::vector<int> log;
  {
    counted r(1, recorder{&log});
    r.reset();
    r.reset();
    EXPECT_FALSE(r);
  }
  EXPECT_EQ(log, std::vector<int>{1});
}

TEST(UniqueResource, ResetWithValue) {
  std::vector<int> log;
  {
    counted r(1, recorder{&log});
    r.reset(2);
    EXPECT_EQ(log, std::vector<int>{1});
    EXPECT_EQ(r.get(), 2);
    r.release();
    r.reset(3); // owns again after release
  }
  EXPECT_EQ(log, (std::vector<int>{1, 3}));
}

TEST(UniqueResource, MoveConstructTransfers) {
  std::vector<int> log;
  {
    counted a(1, recorder{&log});
    counted b(std::move(a));
    EXPECT_FALSE(a.allocated());
    EXPECT_TRUE(b.allocated());
  }
  EXPECT_EQ(log, std::vector<int>{1});
}

TEST(UniqueResource, MoveAssignDeletesOldTakesNew) {
  std::vector<int> log;
  {
    counted a(1, recorder{&log});
    counted b(2, recorder{&log});
    b = std::move(a);
    EXPECT_EQ(log, std::vector<int>{2});
    EXPECT_EQ(b.get(), 1);
    EXPECT_FALSE(a.allocated());
    counted &alias = b;
    b = std::move(alias); // self-move is a no-op
    EXPECT_TRUE(b.allocated());
  }
  EXPECT_EQ(log, (std::vector<int>{2, 1}));
}

TEST(UniqueResource, DefaultConstructedOwnsNothing) {
  counted r;
  EXPECT_FALSE(r.allocated());
}

TEST(UniqueResource, ReferenceResource) {
  int x = 1;
  {
    raii::unique_resource<int &, void (*)(int &)> r(x, [](int &v) { v = 0; });
    EXPECT_EQ(&r.get(), &x);
    auto s = std::move(r);
  }
  EXPECT_EQ(x, 0);
}

TEST(UniqueResource, PointerAccess) {
  struct point {
    int x, y;
  } p{1, 2};
  raii::unique_resource r(&p, [](point *) noexcept {});
  EXPECT_EQ(r->y, 2);
  EXPECT_EQ((*r).x, 1);
}

TEST(UniqueResource, DeleterFailureOnConstructionDeletesResource) {
  std::vector<int> log;
  const bool fail = true;
  fragile_deleter d(&log, &fail);
  using ur = raii::unique_resource<int, fragile_deleter>;
  EXPECT_THROW({ ur r(4, d); }, boom);
  EXPECT_EQ(log, std::vector<int>{4})
      << "P0052: if storing the deleter throws, it is called on the resource";
}

TEST(UniqueResource, ResourceFailureOnConstructionDeletesArgument) {
  std::vector<int> log;
  const bool fail = true;
  fragile_resource res(9, &fail);
  using ur = raii::unique_resource<fragile_resource, fragile_recorder>;
  EXPECT_THROW({ ur r(res, fragile_recorder{&log}); }, boom);
  EXPECT_EQ(log, std::vector<int>{9});
}

TEST(UniqueResource, FailedMoveLeavesSourceOwning) {
  std::vector<int> log;
  bool fail = false;
  using ur = raii::unique_resource<fragile_resource, fragile_recorder>;
  {
    ur a(fragile_resource(1, &fail), fragile_recorder{&log});
    static_assert(!std::is_nothrow_move_constructible_v<ur>);
    fail = true; // the resource has to be copied; make that throw
    EXPECT_THROW({ ur b(std::move(a)); }, boom);
    EXPECT_TRUE(a.allocated());
    EXPECT_TRUE(log.empty());
    fail = false;
  }
  EXPECT_EQ(log, std::vector<int>{1});
}

TEST(UniqueResource, MovedResourceFailedDeleterCopyDeletes) {
  // Resource moves cannot throw, deleter copies can: when the deleter copy
  // fails the moved resource is deleted and the source released (P0052).
  std::vector<int> log;
  bool fail = false;
  using ur = raii::unique_resource<int, fragile_deleter>;
  {
    ur a(6, fragile_deleter(&log, &fail));
    fail = true;
    EXPECT_THROW({ ur b(std::move(a)); }, boom);
    EXPECT_EQ(log, std::vector<int>{6});
    EXPECT_FALSE(a.allocated());
    fail = false;
  }
  EXPECT_EQ(log, std::vector<int>{6});
}

TEST(UniqueResource, FailedResetDeletesNewValue) {
  std::vector<int> log;
  bool fail = false;
  using ur = raii::unique_resource<fragile_resource, fragile_recorder>;
  {
    ur a(fragile_resource(1, &fail), fragile_recorder{&log});
    fragile_resource next(2, &fail);
    fail = true;
    EXPECT_THROW(a.reset(next), boom);
    fail = false;
    EXPECT_EQ(log, (std::vector<int>{1, 2}));
    EXPECT_FALSE(a.allocated());
  }
  EXPECT_EQ(log, (std::vector<int>{1, 2}));
}

TEST(UniqueResource, ThrowingDeleterIsNotCalledTwice) {
  int calls = 0;
  auto throwing = [&calls](int) {
    ++calls;
    throw boom();
  };
  {
    raii::unique_resource r(1, throwing);
    EXPECT_THROW(r.reset(), boom);
    EXPECT_FALSE(r.allocated());
  }
  EXPECT_EQ(calls, 1);
}

TEST(UniqueResource, ThrowingDeleterPropagatesFromDestructor) {
  EXPECT_THROW(
      { raii::unique_resource r(1, [](int) { throw boom(); }); }, boom);
}

TEST(MakeUniqueResourceChecked, InvalidIsNotDeleted) {
  std::vector<int> log;
  {
    auto r = raii::make_unique_resource_checked(-1, -1, recorder{&log});
    EXPECT_FALSE(r.allocated());
    EXPECT_EQ(r.get(), -1);
  }
  EXPECT_TRUE(log.empty());
}

TEST(MakeUniqueResourceChecked, ValidIsDeleted) {
  std::vector<int> log;
  {
    auto r = raii::make_unique_resource_checked(4, -1, recorder{&log});
    EXPECT_TRUE(r.allocated());
  }
  EXPECT_EQ(log, std::vector<int>{4});
}

TEST(MakeUniqueResourceChecked, InvalidWithFailingDeleterCopyCallsNothing) {
  std::vector<int> log;
  const bool fail = true;
  fragile_deleter d(&log, &fail);
  EXPECT_THROW((void)raii::make_unique_resource_checked(-1, -1, d), boom);
  EXPECT_TRUE(log.empty());
}

// --- traits -----------------------------------------------------------------

namespace {
struct rec_noexcept {
  std::vector<int> *log;
  void operator()(int r) const noexcept { log->push_back(r); }
};
using traits_fd = raii::unique_resource<int, rec_noexcept, raii::fd_traits>;
} // namespace

TEST(UniqueResourceTraits, NoResourceValueIsNeverDeleted) {
  std::vector<int> log;
  {
    traits_fd a(-1, rec_noexcept{&log});
    traits_fd b(-7, rec_noexcept{&log});
    EXPECT_FALSE(a);
    EXPECT_FALSE(b);
    traits_fd c;
    EXPECT_EQ(c.get(), -1);
  }
  EXPECT_TRUE(log.empty());
}

TEST(UniqueResourceTraits, ReleaseResetsToDefault) {
  std::vector<int> log;
  {
    traits_fd a(3, rec_noexcept{&log});
    int fd = a.get();
    a.release();
    EXPECT_EQ(fd, 3);
    EXPECT_EQ(a.get(), -1);
  }
  EXPECT_TRUE(log.empty());
}

TEST(UniqueResourceTraits, MoveLeavesSourceDefault) {
  std::vector<int> log;
  {
    traits_fd a(3, rec_noexcept{&log});
    traits_fd b(std::move(a));
    EXPECT_EQ(a.get(), -1);
    traits_fd c(5, rec_noexcept{&log});
    c = std::move(b);
    EXPECT_EQ(log, std::vector<int>{5});
    EXPECT_EQ(b.get(), -1);
    c.reset(-1); // resetting to "no resource" owns nothing
    EXPECT_FALSE(c);
  }
  EXPECT_EQ(log, (std::vector<int>{5, 3}));
}

TEST(UniqueResourceTraits, SentinelTraits) {
  int deleted = 0;
  auto del = [&deleted](int *) noexcept { ++deleted; };
  int x = 0;
  {
    raii::unique_resource<int *, decltype(del), raii::null_traits> a(nullptr,
                                                                     del);
    raii::unique_resource<int *, decltype(del), raii::null_traits> b(&x, del);
    EXPECT_FALSE(a);
    EXPECT_TRUE(b);
  }
  EXPECT_EQ(deleted, 1);
}
