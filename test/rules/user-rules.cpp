// RUN: %check_raii --config="{CheckOptions: {RaiiRuleFiles: '%S/Inputs/db.yaml'}}" %s raii-release-skipped %t -- -std=c++17 -isystem %S/Inputs/libs
// RUN: %check_raii --prefix USE --config="{CheckOptions: {RaiiRuleFiles: '%S/Inputs/db.yaml', RaiiGuardStyle: raii}}" %s raii-use-guard %t -- -std=c++17 -isystem %S/Inputs/libs

struct Database {
  void begin();
  void commit();
  void rollback() noexcept;
};
#include <c_libs.h>
bool apply(Database &db);

void positiveTransaction(Database &db) {
  db.begin();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'db' acquired by 'begin' is not released on every path; hold it in a scope guard to release it automatically [raii-release-skipped]
  if (!apply(db))
    return;
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: release of 'db' is skipped when 'apply' throws an exception
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 'db' is skipped by this return
  db.commit();
}

void correctTransaction(Database &db) {
  db.begin();
  // USE-MESSAGES: :[[@LINE-1]]:3: warning: 'db' is acquired by 'begin' and released by hand; hold it in 'raii::transaction' instead [raii-use-guard]
  try {
    if (!apply(db)) {
      db.rollback();
      return;
    }
  } catch (...) {
    db.rollback();
    throw;
  }
  db.commit();
}

void noexceptTransaction(Database &db) noexcept {
  db.begin();
  apply(db);
  db.commit();
  // USE-MESSAGES: :[[@LINE-3]]:3: warning: 'db' is acquired by 'begin' and released by hand; hold it in 'raii::transaction' instead [raii-use-guard]
}

int positiveSqlite(const char *path) {
  sqlite3 *db;
  if (sqlite3_open_v2(path, &db, 0, 0) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'db' acquired by 'sqlite3_open_v2' is not released on every path
  if (sqlite3_exec(db, "select 1") != 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'db' is skipped by this return
  sqlite3_close(db);
  return 0;
}

void positiveCurl() {
  CURL *c = curl_easy_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'c' acquired by 'curl_easy_init' is never released
  curl_easy_perform(c);
}

void negativeCurlTransfer(void *multi) {
  CURL *c = curl_easy_init();
  if (c)
    curl_multi_add_handle(multi, c);
}
