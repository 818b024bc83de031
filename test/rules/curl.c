// The families of rules/curl.yaml on mock libcurl declarations.
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release %t -- -std=c11 -isystem %S/Inputs/api

#include <curl_api.h>

int positiveEasy(const char *url) {
  CURL *c = curl_easy_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'c' acquired by 'curl_easy_init' is not released on every path [raii-release-skipped]
  if (!c)
    return -1;
  if (curl_easy_setopt(c, 10002, url) != 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'c' is skipped by this return
  int rc = curl_easy_perform(c);
  curl_easy_cleanup(c);
  return rc;
}

// The multi handle takes the easy handle over.
int negativeMulti(CURLM *m) {
  CURL *c = curl_easy_init();
  if (!c)
    return -1;
  return curl_multi_add_handle(m, c);
}

// Appending releases the old list and returns the one to keep.
int negativeHeaders(CURL *c) {
  struct curl_slist *h = NULL;
  h = curl_slist_append(h, "Accept: */*");
  h = curl_slist_append(h, "X-A: b");
  int rc = curl_easy_setopt(c, 10023, h);
  curl_slist_free_all(h);
  return rc;
}

void mismatchedEscape(CURL *c, const char *s) {
  char *e = curl_easy_escape(c, s, 0);
  free(e);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'e' acquired by 'curl_easy_escape' is released by 'free'; release it with 'curl_free' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'e' acquired here
}
