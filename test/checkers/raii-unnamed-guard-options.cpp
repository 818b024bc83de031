// GuardTypes replaces the default list: user guards are found, and types
// left out of the list are not.
// RUN: %check_raii %s raii-unnamed-guard %t \
// RUN:   --config="{CheckOptions: {raii-unnamed-guard.GuardTypes: 'app::SpinGuard;Transaction'}}" \
// RUN:   -- -std=c++17 -isystem %mock_include
// A global GuardTypes entry serves as well.
// RUN: %check_raii --prefix=GLOBAL %s raii-unnamed-guard %t.global \
// RUN:   --config="{CheckOptions: {GuardTypes: '::app::SpinGuard'}}" \
// RUN:   -- -std=c++17 -isystem %mock_include

#include <mutex>

namespace app {
struct SpinLock {
  void lock();
  void unlock();
};
class SpinGuard {
public:
  explicit SpinGuard(SpinLock &l) : l_(l) { l_.lock(); }
  ~SpinGuard() { l_.unlock(); }

private:
  SpinLock &l_;
};
} // namespace app

namespace db {
struct Connection {};
class Transaction {
public:
  explicit Transaction(Connection &) {}
  ~Transaction();
};
} // namespace db

app::SpinLock spin;
db::Connection conn;
std::mutex m;
void work();

void userGuard() {
  app::SpinGuard{spin};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'app::SpinGuard' temporary is destroyed at the end of the statement and guards nothing; give it a name to hold it until the end of the scope [raii-unnamed-guard]
  // CHECK-FIXES: app::SpinGuard lock_spin{spin};
  // GLOBAL-MESSAGES: :[[@LINE-3]]:3: warning: 'app::SpinGuard' temporary is destroyed
  // GLOBAL-FIXES: app::SpinGuard lock_spin{spin};
  work();
}

void unqualifiedEntry() {
  db::Transaction{conn};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'db::Transaction' temporary is destroyed
  // CHECK-FIXES: db::Transaction guard{conn};
}

void notListed() { std::lock_guard<std::mutex>{m}; }
