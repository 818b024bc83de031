// Code that does not compile: the check keeps going, reports what it can and
// never crashes. (clang-tidy applies no fixes to a file with errors.)
// RUN: %check_raii %s raii-unnamed-guard %t -- -std=c++17 -isystem %mock_include

#include <mutex>

std::mutex m;

void undeclaredMutex() {
  std::lock_guard<std::mutex>{undeclared};
  // CHECK-MESSAGES: :[[@LINE-1]]:31: error: use of undeclared identifier 'undeclared' [clang-diagnostic-error]
}

void undeclaredType() {
  std::unique_lock<Unknown>(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: error: use of undeclared identifier 'Unknown' [clang-diagnostic-error]
}

void missingSemicolon() {
  std::lock_guard<std::mutex>{m}
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<std::mutex>' temporary is destroyed at the end of the statement and guards nothing; give it a name to hold it until the end of the scope [raii-unnamed-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: error: expected ';' after expression [clang-diagnostic-error]
}

template <class T> void dependentMember(T t) {
  std::lock_guard<typename T::mutex_type>{t.mu};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::lock_guard<typename T::mutex_type>' temporary is destroyed
}
