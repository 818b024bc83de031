// Library headers reached with -I (pkg-config's -I/usr/include/postgresql)
// are project headers to clang; one that declares a function the rules
// name is the library's API all the same, and its functions borrow.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c11 -I %S/Inputs/api -I %S/Inputs/project

#include <curl_api.h>
#include <conn_pool.h>

void keep_connection(PGconn *conn); // the project's: declared here

// PQsetnonblocking is declared beside PQconnectdb: it borrows.
int positiveBesideRuleFunction(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'conn' acquired by 'PQconnectdb' is never released [raii-release-skipped]
  if (PQsetnonblocking(conn, 1) != 0)
    return -1;
  return 0;
}

// PQexec is named by a rule (it acquires a result): it borrows the
// connection.
void positiveRuleFunction(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'conn' acquired by 'PQconnectdb' is never released [raii-release-skipped]
  PQclear(PQexec(conn, "set search_path = public"));
}

// A function of the main file, and one of a header that declares nothing
// the rules name, may keep what they are given.
void negativeMainFile(const char *info) {
  PGconn *conn = PQconnectdb(info);
  keep_connection(conn);
}

int negativeProjectHeader(const char *info) {
  PGconn *conn = PQconnectdb(info);
  return pool_keep(conn);
}
