// Mock declarations of the sqlite3 functions in rules/sqlite3.yaml.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
#define NULL ((void *)0)
#define SQLITE_OK 0
#define SQLITE_ROW 100
typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef struct sqlite3_mutex sqlite3_mutex;
int sqlite3_open(const char *filename, sqlite3 **ppDb);
int sqlite3_open_v2(const char *filename, sqlite3 **ppDb, int flags, const char *zVfs);
int sqlite3_close(sqlite3 *db);
int sqlite3_prepare_v2(sqlite3 *db, const char *zSql, int nByte,
                       sqlite3_stmt **ppStmt, const char **pzTail);
int sqlite3_step(sqlite3_stmt *stmt);
int sqlite3_column_int(sqlite3_stmt *stmt, int iCol);
int sqlite3_finalize(sqlite3_stmt *stmt);
sqlite3_mutex *sqlite3_db_mutex(sqlite3 *db);
void sqlite3_mutex_enter(sqlite3_mutex *m);
int sqlite3_mutex_try(sqlite3_mutex *m);
void sqlite3_mutex_leave(sqlite3_mutex *m);
void *sqlite3_malloc(int n);
char *sqlite3_mprintf(const char *fmt, ...);
void sqlite3_free(void *p);
void free(void *p);
#ifdef __cplusplus
}
#endif
