// C++ side of the loop scope-end loss: a handle held by a variable that a
// loop's condition or an `if`'s init declares is lost where that statement
// ends, not at the end of the function. Real system headers.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

bool more();

void positiveConditionVariable(const char *path) {
  while (FILE *f = fopen(path, "r")) {
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'f' acquired by 'fopen' is never released [raii-release-skipped]
    fgetc(f);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'f' is skipped where its variable's scope ends, before it is acquired again
}

void positiveIfInit(const char *path) {
  while (more())
    if (int fd = open(path, O_RDONLY); fd >= 0) {
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'fd' acquired by 'open' is never released [raii-release-skipped]
      char c;
      read(fd, &c, 1);
    }
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped where its variable's scope ends, before it is acquired again
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'fd' is skipped when the function ends here
