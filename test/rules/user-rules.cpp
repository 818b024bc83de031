// RUN: %check_raii --config="{CheckOptions: {RaiiRuleFiles: '%S/Inputs/db.yaml'}}" %s raii-release-skipped %t -- -std=c++17 -isystem %S/Inputs/libs
// RUN: %check_raii --prefix USE --config="{CheckOptions: {RaiiRuleFiles: '%S/Inputs/db.yaml', RaiiGuardStyle: raii}}" %s raii-use-guard %t -- -std=c++17 -isystem %S/Inputs/libs

struct Database {
  void begin();
  void commit();
  void rollback() noexcept;
};
#include <kv_http.h>
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

int positiveKvstore(const char *path) {
  kvstore *db;
  if (kv_open(path, &db, 0, 0) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'db' acquired by 'kv_open' is not released on every path
  if (kv_exec(db, "select 1") != 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'db' is skipped by this return
  kv_close(db);
  return 0;
}

void positiveHttpClient() {
  http_client *c = http_client_new();
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'c' acquired by 'http_client_new' is never released
  http_client_get(c);
}

void negativeHttpClientTransfer(void *multi) {
  http_client *c = http_client_new();
  if (c)
    http_pool_add(multi, c);
}
