// The fixes of RaiiGuardStyle 'raii' (the standard style: see
// raii-manual-finally-std.cpp), built and run: every path counts its
// cleanups, commits and rollbacks the same before and after the fix.
// RUN: %check_raii --run-fixed --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s raii-manual-finally %t -- -std=c++17 -isystem %raii_runtime_include
// The alternative on the note is exported with it (clang-tidy --fix applies
// only the warning's own fix; --fix-notes too, since the warning has one).
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-manual-finally' --config="{CheckOptions: {RaiiGuardStyle: raii}}" --export-fixes=%t.yaml %s -- -std=c++17 -isystem %raii_runtime_include > /dev/null 2>&1
// RUN: FileCheck %s --check-prefix=YAML --input-file=%t.yaml

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
// CHECK-FIXES: #include <raii/transaction.hpp>
// CHECK-FIXES: #include <raii/scope_exit.hpp>

int cleanups = 0;
int commits = 0;
int rollbacks = 0;
void release() noexcept { ++cleanups; }
void mayFail(bool fail) {
  if (fail)
    throw std::runtime_error("failed");
}
void mayThrowCleanup() {
  if (cleanups < 0)
    throw std::logic_error("corrupt");
}

struct Db {
  void begin() {}
  void commit() { ++commits; }
  void rollback() noexcept { ++rollbacks; }
};

// A commit that may throw: the code does not roll back then.
int failedCommits = 0;
struct FlakyDb {
  bool failCommit = false;
  void begin() {}
  void commit() {
    if (failCommit) {
      ++failedCommits;
      throw std::runtime_error("commit failed");
    }
    ++commits;
  }
  void rollback() noexcept { ++rollbacks; }
};

// ---- positive: finally, with a fix ----------------------------------------

void positiveFinally(bool fail) {
  try {
    mayFail(fail);
  } catch (...) {
    release();
    throw;
  }
  release();
}
// CHECK-MESSAGES: :[[@LINE-8]]:3: warning: hand-written finally: the cleanup in 'catch (...)' is repeated after the 'try'; declare a raii::scope_exit before the body instead [raii-manual-finally]
// CHECK-FIXES: {
// CHECK-FIXES: raii::scope_exit guard([&] { release(); });

int positiveTwoStatements(bool fail) {
  char *buf = static_cast<char *>(std::malloc(16));
  int n = 0;
  try {
    n = 1;
    mayFail(fail);
  } catch (...) {
    std::free(buf);
    ++cleanups;
    throw;
  }
  std::free(buf);
  ++cleanups;
  return n;
}
// CHECK-MESSAGES: :[[@LINE-12]]:3: warning: hand-written finally
// CHECK-FIXES: {
// CHECK-FIXES: raii::scope_exit guard([&] { std::free(buf); ++cleanups; });

// ---- positive: commit/rollback, with a fix ---------------------------------

void positiveCommitRollback(Db &db, bool fail) {
  db.begin();
  try {
    mayFail(fail);
  } catch (...) {
    db.rollback();
    throw;
  }
  db.commit();
}
// The commit cannot throw: raii::transaction does what the code does.
// CHECK-MESSAGES: :[[@LINE-9]]:3: warning: hand-written commit/rollback: declare a raii::transaction before the body instead [raii-manual-finally]
// CHECK-FIXES: {
// CHECK-FIXES: raii::transaction tx([&] { db.commit(); }, [&] { db.rollback(); });

void positiveCommitMayThrow(FlakyDb &db, bool fail) {
  db.begin();
  try {
    mayFail(fail);
  } catch (...) {
    db.rollback();
    throw;
  }
  db.commit();
}
// CHECK-MESSAGES: :[[@LINE-8]]:3: warning: hand-written commit/rollback: declare raii::scope_success and raii::scope_fail (or a raii::transaction) before the body instead [raii-manual-finally]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: alternative fix: a raii::transaction, which also rolls back when this commit throws
// CHECK-FIXES: {
// CHECK-FIXES: raii::scope_success commit_guard([&] { db.commit(); });
// CHECK-FIXES: raii::scope_fail rollback_guard([&] { db.rollback(); });
// YAML:      DiagnosticName:  raii-manual-finally
// YAML:      Message:         'hand-written commit/rollback: declare raii::scope_success
// YAML:      ReplacementText: "{\n    raii::scope_success commit_guard([&] { db.commit(); });\n    raii::scope_fail rollback_guard([&] { db.rollback(); });"
// YAML:      Notes:
// YAML-NEXT:   - Message:         'alternative fix: a raii::transaction, which also rolls back when this commit throws'
// YAML:          Replacements:
// YAML-NEXT:       - FilePath:
// YAML-NEXT:         Offset:
// YAML-NEXT:         Length:          0
// YAML-NEXT:         ReplacementText: "#include <raii/transaction.hpp>\n"
// YAML-NEXT:       - FilePath:
// YAML-NEXT:         Offset:
// YAML-NEXT:         Length:          5
// YAML-NEXT:         ReplacementText: "{\n    raii::transaction tx([&] { db.commit(); }, [&] { db.rollback(); });"
// YAML-NEXT:       - FilePath:
// YAML-NEXT:         Offset:
// YAML-NEXT:         Length:          63
// YAML-NEXT:         ReplacementText: ''

// ---- positive: no fix ------------------------------------------------------

int positiveEarlyReturn(bool fail) {
  try {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: hand-written finally
    if (fail)
      return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: no fix offered: this leaves the 'try' without running the cleanup, which a guard would run
    mayFail(fail);
  } catch (...) {
    release();
    throw;
  }
  release();
  return 0;
}


void positiveNamesFunction(bool fail) {
  try {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: hand-written finally
    mayFail(fail);
  } catch (...) {
    std::puts(__func__);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: no fix offered: this cannot move into the guard's lambda unchanged
    throw;
  }
  std::puts(__func__);
}

void positiveLoopBreakOk(bool fail) {
  // A break inside a loop of the body stays in the body: the fix is fine.
  try {
    for (int i = 0; i < 3; ++i)
      if (i == 1)
        break;
    mayFail(fail);
  } catch (...) {
    release();
    throw;
  }
  release();
}
// CHECK-MESSAGES: :[[@LINE-11]]:3: warning: hand-written finally
// CHECK-FIXES: {
// CHECK-FIXES: raii::scope_exit guard([&] { release(); });

// ---- negative ----------------------------------------------------------------

// A cleanup that may throw: the hand-written form is the right one (its
// exception replaces the one being handled; from a guard during unwinding
// it would call std::terminate), so there is nothing to advise (mosh's
// client.shutdown()).
void negativeThrowingCleanup(bool fail) {
  if (fail)
    return;
  try {
    mayFail(fail);
  } catch (...) {
    mayThrowCleanup();
    throw;
  }
  mayThrowCleanup();
}

void negativeDifferentCleanup(bool fail) {
  try {
    mayFail(fail);
  } catch (...) {
    release();
    throw;
  }
  ++commits;
}

void negativeNoRethrow(bool fail) {
  try {
    mayFail(fail);
  } catch (...) {
    release();
  }
}

void negativeTypedCatch(bool fail) {
  try {
    mayFail(fail);
  } catch (const std::exception &) {
    release();
    throw;
  }
  release();
}

void negativeUnrelatedCommit(Db &db, Db &other, bool fail) {
  try {
    mayFail(fail);
  } catch (...) {
    db.rollback();
    throw;
  }
  other.commit();
}

// ---- macros and templates --------------------------------------------------

#define FINALLY_RELEASE(stmt)                                                  \
  try {                                                                        \
    stmt;                                                                      \
  } catch (...) {                                                              \
    release();                                                                 \
    throw;                                                                     \
  }                                                                            \
  release();

void positiveMacro(bool fail) {
  FINALLY_RELEASE(mayFail(fail))
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: hand-written finally
}

template <class T> void positiveTemplate(T &t, bool fail) {
  try {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: hand-written finally
    t.use(fail);
  } catch (...) {
    release();
    throw;
  }
  release();
}
struct User {
  void use(bool fail) { mayFail(fail); }
};

int main() {
  User u;
  Db db;
  positiveFinally(false);
  positiveTwoStatements(false);
  positiveCommitRollback(db, false);
  positiveLoopBreakOk(false);
  positiveTemplate(u, false);
  try {
    positiveCommitRollback(db, true);
  } catch (const std::runtime_error &) {
  }
  try {
    positiveFinally(true);
  } catch (const std::runtime_error &) {
  }
  negativeThrowingCleanup(true);
  // The throwing commit: not rolled back, before the fix and after.
  FlakyDb flaky;
  positiveCommitMayThrow(flaky, false);
  try {
    positiveCommitMayThrow(flaky, true);
  } catch (const std::runtime_error &) {
  }
  flaky.failCommit = true;
  try {
    positiveCommitMayThrow(flaky, false);
  } catch (const std::runtime_error &) {
  }
  if (cleanups != 5 || commits != 2 || rollbacks != 2 || failedCommits != 1) {
    std::printf("cleanups=%d commits=%d rollbacks=%d failedCommits=%d\n",
                cleanups, commits, rollbacks, failedCommits);
    return 1;
  }
  return 0;
}

// What the fixes delete, in order:
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: release();
// CHECK-DELETED: throw;
// CHECK-DELETED: release();
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: std::free(buf);
// CHECK-DELETED: ++cleanups;
// CHECK-DELETED: throw;
// CHECK-DELETED: std::free(buf);
// CHECK-DELETED: ++cleanups;
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: db.rollback();
// CHECK-DELETED: throw;
// CHECK-DELETED: db.commit();
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: db.rollback();
// CHECK-DELETED: throw;
// CHECK-DELETED: db.commit();
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: release();
// CHECK-DELETED: throw;
// CHECK-DELETED: release();
