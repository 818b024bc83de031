// A generated function with thousands of branches and loops is analysed by
// dataflow, not by enumerating paths: it finishes quickly and finds the one
// skipped release.
// RUN: %python %S/Inputs/gen_huge.py 4000 > %t.cpp
// RUN: %clang_tidy --load=%raii_plugin --checks='-*,raii-release-skipped' --quiet %t.cpp -- -std=c++17 -isystem %mock_include 2>&1 | FileCheck %s
// CHECK: :6:3: warning: 'm' acquired by 'lock' is not released on every path
// CHECK: :4008:5: note: release of 'm' is skipped by this return
