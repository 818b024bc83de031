// The guards the fix-its declare (raii::scope_exit and kin, the handles,
// raii::unique_resource, raii::transaction) compile and work in a program
// built with -fno-exceptions, as code bases such as leveldb are. Built
// without GoogleTest, which needs exceptions: the program checks itself and
// exits non-zero on the first wrong value.
#include <raii/handles.hpp>
#include <raii/scope_exit.hpp>
#include <raii/transaction.hpp>
#include <raii/unique_resource.hpp>

#include <cstdio>
#include <cstdlib>

static void expect(bool ok, const char *what) {
  if (!ok) {
    std::fprintf(stderr, "no_exceptions_test: %s\n", what);
    std::exit(1);
  }
}

int main() {
  int runs = 0;
  {
    raii::scope_exit exit_guard([&] { ++runs; });
    raii::scope_fail fail_guard([&] { runs += 100; });
    raii::scope_success success_guard([&] { runs += 10; });
  }
  expect(runs == 11, "scope guards: exit and success run, fail does not");

  {
    raii::scope_exit disarmed([&] { runs += 1000; });
    disarmed.release();
  }
  expect(runs == 11, "a released scope_exit does not run");

  int closed = 0;
  {
    auto r = raii::make_unique_resource_checked(
        std::fopen("/dev/null", "r"), nullptr, [&](std::FILE *f) {
          ++closed;
          std::fclose(f);
        });
    expect(r.get() != nullptr, "unique_resource holds the opened file");
    r.reset(std::fopen("/dev/null", "r"));
    expect(closed == 1, "reset closes the first file");
  }
  expect(closed == 2, "the destructor closes the second file");

  {
    raii::unique_file f(std::fopen("/dev/null", "r"));
    expect(static_cast<bool>(f), "unique_file holds the opened file");
  }

  int committed = 0, rolled_back = 0;
  {
    raii::transaction tx([&] { ++committed; }, [&]() noexcept { ++rolled_back; });
  }
  expect(committed == 1 && rolled_back == 0, "transaction commits on exit");
  {
    raii::transaction tx([&] { ++committed; }, [&]() noexcept { ++rolled_back; });
    tx.rollback();
  }
  expect(committed == 1 && rolled_back == 1, "explicit rollback, no commit");
  std::puts("no_exceptions_test: ok");
  return 0;
}
