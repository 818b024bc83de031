// A header of the project's own tree (the directory above the main file's)
// that declares a function the rules name beside the project's own
// functions is no library's API: list_push may keep what it is given.
// RUN: rm -rf %t.inc && mkdir -p %t.inc && cp %S/Inputs/project/compat.h %t.inc/
// RUN: %check_raii %s raii-release-skipped %t -- -std=c11 -isystem %S/Inputs/api -I %t.inc

#include <compat.h>
#include <curl_api.h>

int negativeProjectKeeper(struct list *l, const char *name) {
  char *copy = strndup(name, 64);
  if (!copy)
    return -1;
  list_push(l, copy);
  return 0;
}

int positiveNotKept(const char *name) {
  char *copy = strndup(name, 64);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'copy' acquired by 'strndup' is never released [raii-release-skipped]
  if (!copy)
    return -1;
  return copy[0];
}
