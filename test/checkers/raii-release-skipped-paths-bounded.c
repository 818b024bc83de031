// The path-sensitive dataflow is bounded. 3000 independent conditions
// between a correlated lock and unlock cost one path per resource state (the
// conditions' facts merge away) and draw nothing. Three conditional locks
// with correlated unlocks 3000 conditions later make eight resource states,
// within the cap, kept apart all the way, and draw nothing either; twelve
// make 4096, past the cap of eight paths per program point, and the
// analysis falls back to one merged path: then each conditional lock is
// reported as it was before path sensitivity. (Time: bench/engine.)
// RUN: %python %S/Inputs/gen_conditions.py 3000 3 > %t.within.c
// RUN: %clang_tidy --load=%raii_plugin --checks='-*,raii-release-skipped' --quiet %t.within.c -- -isystem %mock_include/libc 2>&1 | FileCheck %s --check-prefix=WITHIN --allow-empty
// WITHIN-NOT: warning:
// RUN: %python %S/Inputs/gen_conditions.py 3000 12 > %t.past.c
// RUN: %clang_tidy --load=%raii_plugin --checks='-*,raii-release-skipped' --quiet %t.past.c -- -isystem %mock_include/libc 2>&1 | FileCheck %s --check-prefix=PAST
// PAST-NOT: 'a' acquired
// PAST: :3014:13: warning: 'm[0]' acquired by 'pthread_mutex_lock' is not released on every path
// PAST: :3025:14: warning: 'm[11]' acquired by 'pthread_mutex_lock' is not released on every path
// PAST-NOT: warning:
