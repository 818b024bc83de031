// The families of rules/libpq.yaml on mock libpq declarations.
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release %t -- -std=c11 -isystem %S/Inputs/api

#include <curl_api.h>

// PQfinish is needed "even if the server connection attempt fails".
int positiveConnect(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'conn' acquired by 'PQconnectdb' is not released on every path [raii-release-skipped]
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'conn' is skipped by this return
  PQfinish(conn);
  return 0;
}

int positiveResult(PGconn *conn) {
  PGresult *res = PQexec(conn, "select 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'res' acquired by 'PQexec' is not released on every path [raii-release-skipped]
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'res' is skipped by this return
  int n = PQntuples(res);
  PQclear(res);
  return n;
}

int negativeResult(PGconn *conn) {
  PGresult *res = PQexec(conn, "vacuum");
  int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  return ok;
}

void mismatchedEscape(PGconn *conn, const char *s) {
  char *lit = PQescapeLiteral(conn, s, 3);
  if (!lit)
    return;
  free(lit);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'lit' acquired by 'PQescapeLiteral' is released by 'free'; release it with 'PQfreemem' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:15: note: 'lit' acquired here
}
