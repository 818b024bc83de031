"""Writes C functions with many independent conditions, to show that the
path-sensitive dataflow stays bounded: N conditions between a correlated
lock and unlock (one path per resource state; the conditions' facts are
merged away), and K conditional locks on K mutexes with the same N
conditions before the correlated unlocks: 2**K resource states, kept apart
through all N conditions while 2**K is within the cap of eight paths; past
it, the locks are solved again in at most eight groups, each kept apart
while its own states fit in the cap."""
import sys

n, k = int(sys.argv[1]), int(sys.argv[2])
out = ["#include <pthread.h>",
       "pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;",
       "pthread_mutex_t m[%d];" % k,
       "int work(void);",
       "int many(const int *c, int need) {",
       "  int x = 0;",
       "  if (need)",
       "    pthread_mutex_lock(&a);"]
for i in range(n):
    out.append("  if (c[%d]) x += %d;" % (i, i))
out += ["  if (need)", "    pthread_mutex_unlock(&a);", "  return x;", "}",
        "void wide(const int *c) {"]
for i in range(k):
    out.append("  if (c[%d]) pthread_mutex_lock(&m[%d]);" % (i, i))
for i in range(n):
    out.append("  if (c[%d]) work();" % (k + i))
for i in range(k):
    out.append("  if (c[%d]) pthread_mutex_unlock(&m[%d]);" % (i, i))
out.append("}")
print("\n".join(out))
