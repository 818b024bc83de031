// In RaiiGuardStyle 'raii' the raii-manual-finally fix declares
// raii::scope_exit, so it is offered only where the translation unit can
// compile it: <raii/scope_exit.hpp> on the include path and C++17;
// RaiiUseRuntime forces either way. In the standard style (the default) it
// is not offered at all, runtime or not: no standard type runs a cleanup.
// RUN: %check_raii --compile-fixed --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s raii-manual-finally %t -- -std=c++17 -isystem %raii_runtime_include
// RUN: %check_raii --prefix CXX11 --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s raii-manual-finally %t.cxx11 -- -std=c++11 -isystem %raii_runtime_include
// RUN: %check_raii --prefix NOPATH --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s raii-manual-finally %t.nopath -- -std=c++17
// RUN: %check_raii --prefix ALWAYS --config="{CheckOptions: {RaiiGuardStyle: raii, RaiiUseRuntime: always}}" %s raii-manual-finally %t.always -- -std=c++17
// RUN: %check_raii --prefix NEVER --config="{CheckOptions: {RaiiGuardStyle: raii, RaiiUseRuntime: never}}" %s raii-manual-finally %t.never -- -std=c++17 -isystem %raii_runtime_include
// RUN: %check_raii --prefix STD %s raii-manual-finally %t.std -- -std=c++17 -isystem %raii_runtime_include
// RUN: %check_raii --prefix STD --config="{CheckOptions: {RaiiUseRuntime: always}}" %s raii-manual-finally %t.std-always -- -std=c++17
// The check's own entry overrides the global one.
// RUN: %check_raii --prefix STD --config="{CheckOptions: {RaiiGuardStyle: raii, raii-manual-finally.RaiiGuardStyle: std}}" %s raii-manual-finally %t.std-local -- -std=c++17 -isystem %raii_runtime_include
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-manual-finally' --config="{CheckOptions: {RaiiUseRuntime: sometimes}}" %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-manual-finally' --config="{CheckOptions: {RaiiGuardStyle: boost}}" %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=BADSTYLE
// BADSTYLE: warning: invalid configuration value 'boost' for option 'raii-manual-finally.RaiiGuardStyle'; expected 'std' or 'raii' [clang-tidy-config]
// BAD: warning: invalid configuration value 'sometimes' for option 'raii-manual-finally.RaiiUseRuntime'; expected 'auto', 'always' or 'never' [clang-tidy-config]

void release() noexcept;
void work();

void finallyByHand() {
  try {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: hand-written finally: the cleanup in 'catch (...)' is repeated after the 'try'; declare a raii::scope_exit before the body instead [raii-manual-finally]
    // CXX11-MESSAGES: :[[@LINE-2]]:3: warning: hand-written finally
    // CXX11-MESSAGES: :[[@LINE-3]]:3: note: no fix offered: the raii runtime needs C++17
    // NOPATH-MESSAGES: :[[@LINE-4]]:3: warning: hand-written finally
    // NOPATH-MESSAGES: :[[@LINE-5]]:3: note: no fix offered: <raii/scope_exit.hpp> is not on the include path
    // ALWAYS-MESSAGES: :[[@LINE-6]]:3: warning: hand-written finally
    // NEVER-MESSAGES: :[[@LINE-7]]:3: warning: hand-written finally
    // NEVER-MESSAGES: :[[@LINE-8]]:3: note: no fix offered: RaiiUseRuntime is 'never'
    // STD-MESSAGES: :[[@LINE-9]]:3: warning: hand-written finally: the cleanup in 'catch (...)' is repeated after the 'try'; declare a scope guard before the body instead [raii-manual-finally]
    // STD-MESSAGES: :[[@LINE-10]]:3: note: no fix offered: the standard library has no scope guard; RaiiGuardStyle 'raii' rewrites it into a runtime guard
    work();
  } catch (...) {
    release();
    throw;
  }
  release();
}

// CHECK-FIXES: #include <raii/scope_exit.hpp>
// CHECK-FIXES: {
// CHECK-FIXES: raii::scope_exit guard([&] { release(); });
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: release();
// CHECK-DELETED: throw;
// CHECK-DELETED: release();
// ALWAYS-FIXES: #include <raii/scope_exit.hpp>
// ALWAYS-FIXES: {
// ALWAYS-FIXES: raii::scope_exit guard([&] { release(); });
// ALWAYS-DELETED: } catch (...) {
// ALWAYS-DELETED: release();
// ALWAYS-DELETED: throw;
// ALWAYS-DELETED: release();
