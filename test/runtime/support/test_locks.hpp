// Test support: lockables for async_retry_lock. flaky_lock fails its first
// N try_lock() calls; async_flaky_lock does the same through awaitables (a
// distributed lock's round trips), suspending on the loop in each call.
#ifndef RAII_TEST_SUPPORT_TEST_LOCKS_HPP
#define RAII_TEST_SUPPORT_TEST_LOCKS_HPP

#include <string>

#include "loop.hpp"
#include "recorder.hpp"
#include "task.hpp"

namespace raii_test {

struct flaky_lock {
  event_log &log;
  int failures = 0; // try_lock() calls that fail before one succeeds; -1: all
  int tries = 0;
  bool held = false;

  bool try_lock() {
    ++tries;
    if (failures < 0 || tries <= failures)
      return false;
    held = true;
    return true;
  }
  void unlock() {
    held = false;
    log.push_back("unlock");
  }
};

struct async_flaky_lock {
  event_log &log;
  loop &l;
  int failures = 0;
  int tries = 0;
  bool held = false;

  task<bool> try_lock() {
    ++tries;
    log.push_back("try_lock " + std::to_string(tries));
    co_await l.yield();
    if (failures < 0 || tries <= failures)
      co_return false;
    held = true;
    co_return true;
  }
  task<void> unlock() {
    log.push_back("async unlock");
    co_await l.yield();
    held = false;
  }
};

} // namespace raii_test

#endif // RAII_TEST_SUPPORT_TEST_LOCKS_HPP
