// The families of rules/selinux.yaml on mock libselinux declarations: a
// context the getters store is the C heap's, freed with freecon or free;
// getfilecon reports success by a positive length.
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release %t -- -std=c11 -isystem %S/Inputs/api

#include <selinux_api.h>

int use(const char *);

int negativePidContext(pid_t pid) {
  char *con = 0;
  if (getpidcon(pid, &con) != 0)
    return -1; // nothing to free
  int rc = use(con);
  freecon(con);
  return rc;
}

int negativeFileContextFreed(const char *path) {
  char *con;
  if (getfilecon(path, &con) <= 0)
    return -1;
  use(con);
  free(con);
  return 0;
}

int positiveFileContextLeaks(const char *path, int verbose) {
  char *con;
  if (getfilecon(path, &con) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'con' acquired by 'getfilecon' is not released on every path [raii-release-skipped]
  if (verbose)
    return use(con);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'con' is skipped by this return
  freecon(con);
  return 0;
}

int positiveLabelHandle(const char *path) {
  struct selabel_handle *h = selabel_open(SELABEL_CTX_FILE, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'h' acquired by 'selabel_open' is not released on every path [raii-release-skipped]
  if (!h)
    return -1;
  char *con;
  if (selabel_lookup(h, &con, path, 0) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'h' is skipped by this return
  use(con);
  freecon(con);
  selabel_close(h);
  return 0;
}
