// The path-sensitive dataflow is bounded. 3000 independent conditions
// between a correlated lock and unlock cost one path per resource state (the
// conditions' facts merge away) and draw nothing. Three conditional locks
// with correlated unlocks 3000 conditions later make eight resource states,
// within the cap of eight paths per program point, kept apart all the way,
// and draw nothing either. Five make 32: the points past the cap merge
// their paths, the five locks are solved again one at a time (two states
// each), and nothing is reported. Forty are dealt out to eight runs of five
// locks, 32 states again, past the cap in every run: the analysis falls
// back to merged paths, and each conditional lock is reported as it was
// before path sensitivity. (Time: bench/engine.)
// RUN: %python %S/Inputs/gen_conditions.py 3000 3 > %t.within.c
// RUN: %clang_tidy --load=%raii_plugin --checks='-*,raii-release-skipped' --quiet %t.within.c -- -isystem %mock_include/libc 2>&1 | FileCheck %s --check-prefix=WITHIN --allow-empty
// WITHIN-NOT: warning:
// RUN: %python %S/Inputs/gen_conditions.py 3000 5 > %t.focus.c
// RUN: %clang_tidy --load=%raii_plugin --checks='-*,raii-release-skipped' --quiet %t.focus.c -- -isystem %mock_include/libc 2>&1 | FileCheck %s --check-prefix=FOCUS --allow-empty
// FOCUS-NOT: warning:
// RUN: %python %S/Inputs/gen_conditions.py 3000 40 > %t.past.c
// RUN: %clang_tidy --load=%raii_plugin --checks='-*,raii-release-skipped' --quiet %t.past.c -- -isystem %mock_include/libc 2>&1 | FileCheck %s --check-prefix=PAST
// PAST-NOT: 'a' acquired
// PAST: :3014:13: warning: 'm[0]' acquired by 'pthread_mutex_lock' is not released on every path
// PAST: :3053:14: warning: 'm[39]' acquired by 'pthread_mutex_lock' is not released on every path
// PAST-NOT: warning:
// RUN: %clang_tidy --load=%raii_plugin --checks='-*,raii-release-skipped' --quiet %t.past.c -- -isystem %mock_include/libc 2>&1 | grep -c "warning:" | FileCheck %s --check-prefix=COUNT
// COUNT: {{^}}40{{$}}
