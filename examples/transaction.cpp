// Scenario: a database transaction that must commit on success and roll
// back on error -- written as a hand-made finally.
#include <stdexcept>
#include <string>

struct Database {
  void execute(const std::string &sql);
  void begin() { execute("BEGIN"); }
  void commit() { execute("COMMIT"); }
  void rollback() noexcept;
};

void move_funds(Database &db, int from, int to, int amount) {
  db.begin();
  try {
    db.execute("UPDATE accounts SET balance = balance - " +
               std::to_string(amount) + " WHERE id = " + std::to_string(from));
    db.execute("UPDATE accounts SET balance = balance + " +
               std::to_string(amount) + " WHERE id = " + std::to_string(to));
  } catch (...) {
    db.rollback();
    throw;
  }
  db.commit();
}
