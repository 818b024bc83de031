// Scenario: a lock with a timeout and a retry interval guarding a critical
// section -- the shape of a distributed lock with a TTL. The hand-written
// loop gets the happy path right; the exception path and the guard in
// report() do not.
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

std::timed_mutex lease;
int balance;

void apply(int delta) {
  if (balance + delta < 0)
    throw std::runtime_error("overdrawn");
  balance += delta;
}

bool transfer(int delta, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!lease.try_lock()) {
    if (std::chrono::steady_clock::now() >= deadline)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  apply(delta); // throws: `lease` is never unlocked
  lease.unlock();
  return true;
}

int report() {
  std::lock_guard<std::timed_mutex>{lease}; // unlocked again at the `;`
  return balance;
}
