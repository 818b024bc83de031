// A call through a local function pointer whose every value the body
// gives it is null or a release of one kind by the same argument
// (`closefunc = fclose;` or `= pclose;`, then `if (closefunc != NULL)
// (*closefunc)(fin);`, inetutils' ftp) releases that argument, for a
// handle of any family of the kind; a function's address stored in the
// pointer is not null. A pointer given anything else releases nothing.
// RUN: %check_raii %s 'raii-release-skipped,raii-mismatched-release,raii-double-release' %t -- -std=gnu11 -isystem %mock_include/libc

#include <stddef.h>
#include <stdio.h>

int getflag(void);

int negativeClosedThroughPointer(const char *local, int piped) {
  FILE *fin;
  int (*closefunc)(FILE *) = NULL;
  if (piped) {
    fin = popen(local, "r");
    if (fin == NULL)
      return -1;
    closefunc = pclose;
  } else {
    fin = fopen(local, "r");
    if (fin == NULL)
      return -1;
    closefunc = &fclose;
  }
  if (fgetc(fin) == EOF) {
    if (closefunc != NULL)
      (*closefunc)(fin);
    return -1;
  }
  if (closefunc != NULL)
    closefunc(fin);
  return 0;
}

static int keep(FILE *f);

// Given another function too: a call through it is no release (only a
// call that may take the handle), so the fclose after it is none twice.
int negativeOtherValue(const char *local) {
  int (*closefunc)(FILE *) = fclose;
  FILE *fin = fopen(local, "r");
  if (fin == NULL)
    return -1;
  if (getflag())
    closefunc = keep;
  closefunc(fin);
  fclose(fin);
  return 0;
}

int positiveClosedTwice(const char *local) {
  int (*closefunc)(FILE *) = fclose;
  FILE *fin = fopen(local, "r");
  if (fin == NULL)
    return -1;
  closefunc(fin);
  fclose(fin);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fin' is released by 'fclose' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'fin' was first released here
  return 0;
}

int positiveSkippedBeforeClose(const char *local) {
  int (*closefunc)(FILE *) = fclose;
  FILE *fin = fopen(local, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'fin' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (fin == NULL)
    return -1;
  if (fgetc(fin) == EOF)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fin' is skipped by this return
  closefunc(fin);
  return 0;
}
