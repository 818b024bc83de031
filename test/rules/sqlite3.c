// The families of rules/sqlite3.yaml on mock sqlite3 declarations.
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release %t -- -std=c11 -isystem %S/Inputs/api

#include <sqlite3_api.h>

int work(sqlite3 *db);

// sqlite3_open allocates the connection even when it fails: the early
// return on an error leaks it (https://sqlite.org/c3ref/open.html).
int positiveOpenFailure(const char *path) {
  sqlite3 *db;
  if (sqlite3_open(path, &db) != SQLITE_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'db' acquired by 'sqlite3_open' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 'db' is skipped by this return
  int rc = work(db);
  sqlite3_close(db);
  return rc;
}

int negativeOpen(const char *path) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2(path, &db, 1, NULL);
  if (rc == SQLITE_OK)
    rc = work(db);
  sqlite3_close(db);
  return rc;
}

// prepare stores NULL when it fails: the early return skips nothing.
int negativePrepare(sqlite3 *db) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "select 1", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  int v = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  return v;
}

int positivePrepare(sqlite3 *db) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "select 1", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'stmt' acquired by 'sqlite3_prepare_v2' is not released on every path [raii-release-skipped]
  if (sqlite3_step(stmt) != SQLITE_ROW)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'stmt' is skipped by this return
  int v = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  return v;
}

int positiveMutex(sqlite3 *db) {
  sqlite3_mutex *m = sqlite3_db_mutex(db);
  sqlite3_mutex_enter(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'sqlite3_mutex_enter' is not released on every path [raii-release-skipped]
  if (work(db))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm' is skipped by this return
  sqlite3_mutex_leave(m);
  return 0;
}

int negativeMutexTry(sqlite3_mutex *m, sqlite3 *db) {
  if (sqlite3_mutex_try(m) != SQLITE_OK)
    return -1; // busy: not entered
  int rc = work(db);
  sqlite3_mutex_leave(m);
  return rc;
}

void mismatchedMemory(int id) {
  char *sql = sqlite3_mprintf("select %d", id);
  free(sql);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sql' acquired by 'sqlite3_mprintf' is released by 'free'; release it with 'sqlite3_free' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'sql' acquired here
  void *p = sqlite3_malloc(8);
  sqlite3_free(p);
}

// printf.html: `%z` frees its argument. A string built up in a loop is
// released by each next step, and by the `%z` of a precision given as `*`.
char *negativeFormatConsumes(int n, const char *tail) {
  char *s = sqlite3_mprintf("start");
  for (int i = 0; i < n; i++)
    s = sqlite3_mprintf("%z, %d", s, i);
  char *t = sqlite3_mprintf("%s", tail);
  return sqlite3_mprintf("%%%-5d %.*z.%z", n, 3, s, t);
}

// A `%z` that ends the format (sqlite3's sqlite3AuthReadCol, `z =
// sqlite3_mprintf("%s.%z", zDb, z)`: "acquired again while it still holds
// the earlier resource" before).
void negativeFormatEndsWithZ(const char *db, const char *tab, int c) {
  char *z = sqlite3_mprintf("%s", tab);
  if (c)
    z = sqlite3_mprintf("%s.%z", db, z);
  sqlite3_free(z);
}

// `%s` copies and frees nothing.
char *positiveFormatCopies(const char *name) {
  char *s = sqlite3_mprintf("%s", name);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 's' acquired by 'sqlite3_mprintf' is never released [raii-release-skipped]
  char *r = sqlite3_mprintf("%s!", s);
  return r;
}

// A variable declared again by the next pass of a loop is a new one: the
// `%z` of its null start releases nothing the last one released.
int negativeRedeclaredInLoop(int *phase, int (*step)(void)) {
  while (*phase != 3) {
    char *sql = 0;
    while (step() == 100) {
      sql = sqlite3_mprintf("%z x", sql);
      if (sql == 0)
        return 7;
    }
    sqlite3_free(sql);
    *phase = 3;
  }
  return 0;
}

// The format chosen by `?:` between literals that agree on the `%z`s.
char *negativeChosenFormat(char **argv, int n) {
  char *cmd = sqlite3_mprintf("%s", argv[0]);
  for (int i = 1; i < n && cmd != 0; i++)
    cmd = sqlite3_mprintf(argv[i][0] == '-' ? "%z %s" : "%z \"%s\"", cmd,
                          argv[i]);
  return cmd;
}
