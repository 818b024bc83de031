// The families of rules/curl.yaml on mock libcurl declarations.
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release,raii-double-release %t -- -std=c11 -isystem %S/Inputs/api

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

// Appending releases the old list and returns the one to keep; when it
// fails it returns null and leaves the list as it was (curl_slist_append(3)):
// storing over the only pointer loses the list then, unless it was null.
int positiveHeaders(CURL *c) {
  struct curl_slist *h = NULL;
  h = curl_slist_append(h, "Accept: */*");
  h = curl_slist_append(h, "X-A: b");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: when 'curl_slist_append' fails it returns null and 'h' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  int rc = curl_easy_setopt(c, 10023, h);
  curl_slist_free_all(h);
  return rc;
}

// Appended through a temporary, the list is freed once on every path.
int negativeHeadersTemporary(CURL *c, const char *const *extra, int n) {
  struct curl_slist *h = curl_slist_append(NULL, "Accept: */*");
  if (!h)
    return -1;
  for (int i = 0; i < n; i++) {
    struct curl_slist *t = curl_slist_append(h, extra[i]);
    if (!t)
      goto fail;
    h = t;
  }
  int rc = curl_easy_setopt(c, 10023, h);
  curl_slist_free_all(h);
  return rc;
fail:
  curl_slist_free_all(h);
  return -1;
}

void mismatchedEscape(CURL *c, const char *s) {
  char *e = curl_easy_escape(c, s, 0);
  free(e);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'e' acquired by 'curl_easy_escape' is released by 'free'; release it with 'curl_free' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'e' acquired here
}
