// Run tests for raii::transaction.
#include <raii/transaction.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct boom : std::runtime_error {
  explicit boom(const char *w = "boom") : std::runtime_error(w) {}
};

// A toy database: what happened, in order.
struct db {
  std::vector<std::string> log;
  bool fail_commit = false;
  bool fail_rollback = false;
  auto commit_fn() {
    return [this] {
      log.push_back("commit");
      if (fail_commit)
        throw boom("commit failed");
    };
  }
  auto rollback_fn() {
    return [this] {
      log.push_back("rollback");
      if (fail_rollback)
        throw boom("rollback failed");
    };
  }
};

using log_t = std::vector<std::string>;

} // namespace

TEST(Transaction, CommitsOnNormalExit) {
  db d;
  {
    raii::transaction tx(d.commit_fn(), d.rollback_fn());
    EXPECT_TRUE(tx.active());
  }
  EXPECT_EQ(d.log, log_t{"commit"});
}

TEST(Transaction, RollsBackOnException) {
  db d;
  EXPECT_THROW(
      {
        raii::transaction tx(d.commit_fn(), d.rollback_fn());
        throw boom();
      },
      boom);
  EXPECT_EQ(d.log, log_t{"rollback"});
}

TEST(Transaction, ExplicitCommitThenExit) {
  db d;
  {
    raii::transaction tx(d.commit_fn(), d.rollback_fn());
    tx.commit();
    EXPECT_EQ(tx.status(), decltype(tx)::state::committed);
    tx.commit(); // no second commit
  }
  EXPECT_EQ(d.log, log_t{"commit"});
}

TEST(Transaction, ExplicitCommitThenExceptionDoesNotRollBack) {
  db d;
  EXPECT_THROW(
      {
        raii::transaction tx(d.commit_fn(), d.rollback_fn());
        tx.commit();
        throw boom();
      },
      boom);
  EXPECT_EQ(d.log, log_t{"commit"});
}

TEST(Transaction, ExplicitRollback) {
  db d;
  {
    raii::transaction tx(d.commit_fn(), d.rollback_fn());
    tx.rollback();
    tx.rollback();
    tx.commit(); // too late: finished
  }
  EXPECT_EQ(d.log, log_t{"rollback"});
}

TEST(Transaction, ImplicitCommitThrowsRollsBackAndPropagatesCommitError) {
  db d;
  d.fail_commit = true;
  try {
    raii::transaction tx(d.commit_fn(), d.rollback_fn());
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "commit failed");
  }
  EXPECT_EQ(d.log, (log_t{"commit", "rollback"}));
}

TEST(Transaction, ImplicitCommitAndRollbackThrowCommitErrorWins) {
  db d;
  d.fail_commit = true;
  d.fail_rollback = true;
  try {
    raii::transaction tx(d.commit_fn(), d.rollback_fn());
  } catch (const boom &e) {
    EXPECT_STREQ(e.what(), "commit failed");
  }
  EXPECT_EQ(d.log, (log_t{"commit", "rollback"}));
}

TEST(Transaction, ExplicitCommitThrowsDestructorRollsBack) {
  db d;
  d.fail_commit = true;
  {
    raii::transaction tx(d.commit_fn(), d.rollback_fn());
    EXPECT_THROW(tx.commit(), boom);
    EXPECT_TRUE(tx.active());
    EXPECT_EQ(tx.status(), decltype(tx)::state::commit_failed);
    // The caller handled the error and leaves the scope normally: the
    // destructor must roll back, not commit a second time.
  }
  EXPECT_EQ(d.log, (log_t{"commit", "rollback"}));
}

TEST(Transaction, ReleaseDoesNothing) {
  db d;
  {
    raii::transaction tx(d.commit_fn(), d.rollback_fn());
    tx.release();
  }
  EXPECT_TRUE(d.log.empty());
}

TEST(Transaction, MoveTransfers) {
  db d;
  {
    raii::transaction a(d.commit_fn(), d.rollback_fn());
    auto b = std::move(a);
    EXPECT_FALSE(a.active());
    EXPECT_TRUE(b.active());
  }
  EXPECT_EQ(d.log, log_t{"commit"});
}

namespace {
struct throwing_copy_rollback {
  std::vector<std::string> *log;
  throwing_copy_rollback(std::vector<std::string> *l) : log(l) {}
  throwing_copy_rollback(const throwing_copy_rollback &) { throw boom(); }
  void operator()() const { log->push_back("rollback"); }
};
} // namespace

TEST(Transaction, ConstructionFailureRollsBack) {
  db d;
  throwing_copy_rollback rb(&d.log);
  using tx_t = raii::transaction<decltype(d.commit_fn()), throwing_copy_rollback>;
  EXPECT_THROW({ tx_t tx(d.commit_fn(), rb); }, boom);
  EXPECT_EQ(d.log, log_t{"rollback"});
}

TEST(Transaction, NoexceptFollowsCallables) {
  auto c = []() noexcept {};
  auto r = []() noexcept {};
  auto t = [] {};
  static_assert(std::is_nothrow_destructible_v<raii::transaction<decltype(c), decltype(r)>>);
  static_assert(!std::is_nothrow_destructible_v<raii::transaction<decltype(t), decltype(r)>>);
  static_assert(sizeof(raii::transaction<decltype(c), decltype(r)>) <= 2 * sizeof(int));
  SUCCEED();
}
