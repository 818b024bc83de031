// A string compared with a literal by strcmp or strcasecmp spells it on
// the equal branch: a later comparison with another literal differs there
// (`!strcmp(action, "add")` then `!strcmp(action, "delete")`, icecast2's
// admin commands), until the variable is written. Only a `const char *`
// local or parameter whose values are literals, call results or such
// parameters: a buffer of the function's, a `char *`, a field or a global
// may be rewritten behind the test (by an alias, a call, a loop's read).
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

void negativeIgnoringCase(const char *action, const char *user) {
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

// A `char *` the function may rewrite, by a call or through an alias.
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

// The shape of icecast2's: a local given a call's result or a literal.
const char *query(const char *name);
void negativeLocalFromCall(const char *user) {
  char *message = NULL;
  const char *action = query("action");
  if (action == NULL)
    action = "list";
  if (!strcmp(action, "add"))
    message = strdup("User added");
  if (!strcmp(action, "delete")) {
    if (user == NULL)
      return;
  }
  respond(message);
  free(message);
}

// A pointer to const into the function's own buffer, which a call refills.
char *read_line(char *buf, int n);
void positiveBufferRefilled(const char *user) {
  char buf[32];
  const char *action = buf;
  char *message = NULL;
  if (!read_line(buf, sizeof buf))
    return;
  if (!strcmp(action, "add"))
    message = strdup("User added");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'message' acquired by 'strdup' is not released on every path [raii-release-skipped]
  read_line(buf, sizeof buf);
  if (!strcmp(action, "delete")) {
    if (user == NULL)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'message' is skipped by this return
  }
  respond(message);
  free(message);
}

// A field, which a call may refill.
struct conn {
  char name[16];
};
void refill_conn(struct conn *c);
void positiveField(struct conn *c, const char *user) {
  char *message = NULL;
  if (!strcmp(c->name, "add"))
    message = strdup("User added");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'message' acquired by 'strdup' is not released on every path [raii-release-skipped]
  refill_conn(c);
  if (!strcmp(c->name, "delete")) {
    if (user == NULL)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'message' is skipped by this return
  }
  respond(message);
  free(message);
}

// A call's result given the buffer it points into (`strchr(buf, ..)`): a
// refill of the buffer changes the string.
char *find_command(char *line);
void positiveCallIntoBuffer(const char *user) {
  char buf[32];
  char *message = NULL;
  if (!read_line(buf, sizeof buf))
    return;
  const char *action = find_command(buf);
  if (!strcmp(action, "add"))
    message = strdup("User added");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'message' acquired by 'strdup' is not released on every path [raii-release-skipped]
  read_line(buf, sizeof buf);
  if (!strcmp(action, "delete")) {
    if (user == NULL)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'message' is skipped by this return
  }
  respond(message);
  free(message);
}

// Its address given to a call, which may point it into a buffer.
void point_at_line(const char **out);
void positiveAddressGiven(const char *user) {
  const char *action = "list";
  char *message = NULL;
  point_at_line(&action);
  if (!strcmp(action, "add"))
    message = strdup("User added");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'message' acquired by 'strdup' is not released on every path [raii-release-skipped]
  point_at_line(NULL);
  if (!strcmp(action, "delete")) {
    if (user == NULL)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'message' is skipped by this return
  }
  respond(message);
  free(message);
}
