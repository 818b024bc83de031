// The raii-manual-finally fix declares raii::scope_exit, so it is offered
// only where the translation unit can compile it: <raii/scope_exit.hpp> on
// the include path and C++17; RaiiUseRuntime forces either way.
// RUN: %check_raii --compile-fixed %s raii-manual-finally %t -- -std=c++17 -isystem %raii_runtime_include
// RUN: %check_raii --prefix CXX11 %s raii-manual-finally %t.cxx11 -- -std=c++11 -isystem %raii_runtime_include
// RUN: %check_raii --prefix NOPATH %s raii-manual-finally %t.nopath -- -std=c++17
// RUN: %check_raii --prefix ALWAYS --config="{CheckOptions: {RaiiUseRuntime: always}}" %s raii-manual-finally %t.always -- -std=c++17
// RUN: %check_raii --prefix NEVER --config="{CheckOptions: {RaiiUseRuntime: never}}" %s raii-manual-finally %t.never -- -std=c++17 -isystem %raii_runtime_include
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-manual-finally' --config="{CheckOptions: {RaiiUseRuntime: sometimes}}" %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=BAD
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
