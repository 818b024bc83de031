// RUN: %check_raii %s raii-use-guard %t -- -std=c11 -isystem %mock_include/libc
// C has no guards: raii-use-guard is C++ only.
#include <pthread.h>
pthread_mutex_t m;
void negativeC(void) {
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
}
