// A string compared with a literal by strcmp or strcasecmp spells it on
// the equal branch: a later comparison with another literal differs there
// (`!strcmp(action, "add")` then `!strcmp(action, "delete")`, opensmtpd's
// table commands), until the variable is written or given to a call that
// may rewrite it (not as `const char *`).
// RUN: %check_raii %s raii-release-skipped %t -- -std=gnu11 -isystem %mock_include/libc

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

void respond(const char *msg);
int add_user(const char *u);
int del_user(const char *u);
void refill(char *buf);

void negativeExclusiveCommands(const char *action, const char *user) {
  char *message = NULL;
  if (!strcmp(action, "add")) {
    if (add_user(user))
      message = strdup("User added");
  }
  if (!strcmp(action, "delete")) {
    if (user == NULL)
      return;
    if (del_user(user))
      message = strdup("User deleted");
  }
  respond(message);
  free(message);
}

void negativeIgnoringCase(char *action, const char *user) {
  char *message = NULL;
  if (strcasecmp(action, "ADD") == 0)
    message = strdup("User added");
  respond(action);
  if (strcasecmp("delete", action) == 0) {
    if (user == NULL)
      return;
  }
  respond(message);
  free(message);
}

void positiveRewritten(char *action, const char *user) {
  char *message = NULL;
  if (!strcmp(action, "add"))
    message = strdup("User added");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'message' acquired by 'strdup' is not released on every path [raii-release-skipped]
  refill(action);
  if (!strcmp(action, "delete")) {
    if (user == NULL)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'message' is skipped by this return
  }
  respond(message);
  free(message);
}

void positiveSameLiteral(const char *action, const char *user) {
  char *message = NULL;
  if (!strcmp(action, "add"))
    message = strdup("User added");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'message' acquired by 'strdup' is not released on every path [raii-release-skipped]
  if (strcmp(action, "add") == 0) {
    if (user == NULL)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'message' is skipped by this return
  }
  respond(message);
  free(message);
}

// "add" in its case, then "ADD" ignoring case: the same string.
void positiveEqualIgnoringCase(const char *action, const char *user) {
  char *message = NULL;
  if (!strcmp(action, "add"))
    message = strdup("User added");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'message' acquired by 'strdup' is not released on every path [raii-release-skipped]
  if (!strcasecmp(action, "ADD")) {
    if (user == NULL)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'message' is skipped by this return
  }
  respond(message);
  free(message);
}

// Only the equal branch spells: "add" ruled out tells nothing of
// "delete".
void positiveNotEqualTellsNothing(const char *action, const char *user) {
  char *message = NULL;
  if (strcmp(action, "add") != 0)
    message = strdup("not add");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'message' acquired by 'strdup' is not released on every path [raii-release-skipped]
  if (!strcmp(action, "delete")) {
    if (user == NULL)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'message' is skipped by this return
  }
  respond(message);
  free(message);
}
