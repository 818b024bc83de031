// Test support: an async context manager for the hand-written task type
// that logs every step, suspends on the loop inside enter() and exit(), and
// can be told to throw in either or to suppress. describe(e) renders an
// exception_ptr for the log.
#ifndef RAII_TEST_SUPPORT_RECORDER_HPP
#define RAII_TEST_SUPPORT_RECORDER_HPP

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "loop.hpp"
#include "task.hpp"

namespace raii_test {

using event_log = std::vector<std::string>;

inline std::string describe(const std::exception_ptr &e) {
  if (!e)
    return "null";
  try {
    std::rethrow_exception(e);
  } catch (const std::exception &x) {
    return x.what();
  } catch (...) {
    return "unknown";
  }
}

// enter() yields a reference to `value`; exit() yields `suppress`.
struct recorder {
  event_log &log;
  loop &l;
  std::string name = "cm";
  bool throw_in_enter = false;
  bool throw_in_exit = false;
  bool suppress = false;
  int value = 42;

  task<int &> enter() {
    log.push_back(name + ".enter");
    co_await l.yield();
    if (throw_in_enter)
      throw std::runtime_error(name + ".enter failed");
    co_return value;
  }
  task<bool> exit(std::exception_ptr e) {
    log.push_back(name + ".exit(" + describe(e) + ")");
    co_await l.yield();
    if (throw_in_exit)
      throw std::runtime_error(name + ".exit failed");
    co_return suppress;
  }
};

// enter() yields nothing, exit() yields void: never suppresses.
struct plain_recorder {
  event_log &log;
  loop &l;
  task<void> enter() {
    log.push_back("enter");
    co_await l.yield();
  }
  task<void> exit(std::exception_ptr e) {
    log.push_back("exit(" + describe(e) + ")");
    co_await l.yield();
  }
};

} // namespace raii_test

#endif // RAII_TEST_SUPPORT_RECORDER_HPP
