// A global object a module's init function sets up in place for the rest
// of the file (`regcomp(&user_re, ..)`, used by `regexec(&user_re, ..)` in
// another function) is kept where the function returns with it set up,
// even though its error tail undoes it (`return; err2: regfree(..);`) and
// its returns do not tell success from failure (a `void` function, or one
// returning 0 either way).
// An object no other function names, or one the function also releases on
// its main line, has its lifetime managed by the function: a path that
// leaves it set up is still reported.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c11 -isystem %mock_include/libc

#include <regex.h>
#include <stdio.h>

regex_t user_re;
regex_t group_re;
static regex_t word_re;
regex_t once_re;
regex_t line_re;

int matchUser(const char *s) { return !regexec(&user_re, s, 0, NULL, 0); }
int matchGroup(const char *s) { return !regexec(&group_re, s, 0, NULL, 0); }
int matchWord(const char *s) { return !regexec(&word_re, s, 0, NULL, 0); }
int matchLine(const char *s) { return !regexec(&line_re, s, 0, NULL, 0); }

void initTwo(const char *u, const char *g) {
  if (!u)
    goto error1;
  if (regcomp(&user_re, u, REG_EXTENDED)) {
    fputs("user regex", stderr);
    goto error1;
  }
  if (!g)
    goto error2;
  if (regcomp(&group_re, g, REG_EXTENDED))
    goto error2;
  return;
error2:
  regfree(&user_re);
error1:
  fputs("no regex", stderr);
}

int initStatic(const char *w, int strict) {
  if (regcomp(&word_re, w, REG_EXTENDED))
    return 0;
  if (strict && !w[1])
    goto fail;
  return 0;
fail:
  regfree(&word_re);
  return 0;
}

void positiveNamedNowhereElse(const char *p, int strict) {
  if (regcomp(&once_re, p, REG_EXTENDED))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'once_re' acquired by 'regcomp' is not released on every path [raii-release-skipped]
    return;
  if (strict)
    goto fail;
  return;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'once_re' is skipped by this return
fail:
  regfree(&once_re);
}

int positiveReleasedOnMainLine(const char *p, const char *s) {
  if (regcomp(&line_re, p, REG_EXTENDED))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'line_re' acquired by 'regcomp' is not released on every path [raii-release-skipped]
    return 0;
  if (!*s)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'line_re' is skipped by this return
  int r = !regexec(&line_re, s, 0, NULL, 0);
  regfree(&line_re);
  return r;
}

// The function uses the object besides setting it up (a call of a
// function of the file that names it, or a match of its own): it manages
// the lifetime, whatever its tail does.
regex_t scan_re;
static int scanMatches(const char *s) {
  return !regexec(&scan_re, s, 0, NULL, 0);
}
void positiveUsedThroughHelper(const char *pat, const char *s, int *r) {
  if (regcomp(&scan_re, pat, REG_EXTENDED))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'scan_re' acquired by 'regcomp' is not released on every path [raii-release-skipped]
    return;
  *r = scanMatches(s);
  if (*r)
    goto done;
  return;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'scan_re' is skipped by this return
done:
  regfree(&scan_re);
}

// The tail starts after a `return`: a `goto out` of the main line falls
// into the release and is no error path.
regex_t count_re;
int countMatch(const char *s) { return !regexec(&count_re, s, 0, NULL, 0); }
int positiveGotoOutToRelease(const char *pat, const char *line) {
  int ret;
  if (regcomp(&count_re, pat, REG_EXTENDED))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'count_re' acquired by 'regcomp' is not released on every path [raii-release-skipped]
    return -1;
  if (!line)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'count_re' is skipped by this return
  ret = 0;
  goto out;
out:
  regfree(&count_re);
  return ret;
}

// Set up twice: the first set-up is lost whatever the tail does.
regex_t twice_re;
int matchTwice(const char *s) { return !regexec(&twice_re, s, 0, NULL, 0); }
void positiveSetUpTwice(const char *a, const char *b) {
  if (regcomp(&twice_re, a, REG_EXTENDED))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'twice_re' acquired by 'regcomp' is not released on every path [raii-release-skipped]
    return;
  if (regcomp(&twice_re, b, REG_EXTENDED))
    goto fail;
  return;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'twice_re' is skipped by this return
fail:
  regfree(&twice_re);
}

// Only measured elsewhere (`sizeof`), or a field of a struct other code
// reads other fields of: not shared.
regex_t sized_re;
size_t sizedBytes(void) { return sizeof sized_re; }
void positiveOnlyMeasuredElsewhere(const char *p, int x) {
  if (regcomp(&sized_re, p, REG_EXTENDED))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'sized_re' acquired by 'regcomp' is not released on every path [raii-release-skipped]
    return;
  if (x)
    goto fail;
  return;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'sized_re' is skipped by this return
fail:
  regfree(&sized_re);
}

struct config {
  int verbose;
  regex_t re;
} cfg;
int verbose(void) { return cfg.verbose; }
void positiveFieldOfSharedStruct(const char *p, int x) {
  if (regcomp(&cfg.re, p, REG_EXTENDED))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'cfg.re' acquired by 'regcomp' is not released on every path [raii-release-skipped]
    return;
  if (x)
    goto fail;
  return;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'cfg.re' is skipped by this return
fail:
  regfree(&cfg.re);
}

// A function of the file that names the object, reached through a
// function pointer, is a use too.
regex_t pointed_re;
static int pointedMatch(const char *s) {
  return !regexec(&pointed_re, s, 0, NULL, 0);
}
void positiveUsedThroughPointer(const char *p, const char *s, int *r) {
  int (*match)(const char *) = pointedMatch;
  if (regcomp(&pointed_re, p, REG_EXTENDED))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'pointed_re' acquired by 'regcomp' is not released on every path [raii-release-skipped]
    return;
  *r = match(s);
  if (*r)
    goto done;
  return;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'pointed_re' is skipped by this return
done:
  regfree(&pointed_re);
}
