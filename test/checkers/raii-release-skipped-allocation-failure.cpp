// A failed allocation is not an exception path unless RaiiAllocationMayThrow
// says so: `new`, the standard containers growing (their bodies are looked
// into, down to `std::__throw_length_error` and the allocator) and
// `std::string`'s members. What else a library call throws still counts:
// `at()`, `std::stoi`, an element's throwing copy constructor, an unknown
// function. Real <vector>, <string>, <map> and <unordered_map>, not mocks.
// Functions declared without a body may throw here, as they do in a project
// that throws somewhere (the file has no throw or try of its own).
// RUN: %check_raii --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' %s raii-release-skipped %t -- -std=c++17
// RUN: %check_raii --prefix=ALLOC --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true, RaiiAllocationMayThrow: true}}' %s raii-release-skipped %t.alloc -- -std=c++17

#include <map>
#include <stdlib.h>
#include <string>
#include <unordered_map>
#include <vector>
// CHECK-FIXES: #include <memory>
// ALLOC-FIXES: #include <memory>
// The guards take over the releases of parses, unknownCallee and (with
// allocation failures) helperAllocates:
// CHECK-DELETED: free(p);
// CHECK-DELETED: free(p);
// ALLOC-DELETED: free(p);
// ALLOC-DELETED: free(p);
// ALLOC-DELETED: free(p);

struct Node {
  int v = 0;
  std::string name;
};
struct CopyThrows {
  CopyThrows();
  CopyThrows(const CopyThrows &) noexcept(false);
};
void mayThrow();

Node *growOnly(std::vector<int> &v) {
  Node *n = new Node;
  // ALLOC-MESSAGES: :[[@LINE-1]]:13: warning: 'n' acquired by 'new' leaks when an exception is thrown before it is handed off [raii-release-skipped]
  v.push_back(1);
  // ALLOC-MESSAGES: :[[@LINE-1]]:3: note: release of 'n' is skipped when 'push_back' throws an exception
  v.resize(10);
  // ALLOC-MESSAGES: :[[@LINE-1]]:3: note: release of 'n' is skipped when 'resize' throws an exception
  n->name = "x";
  // ALLOC-MESSAGES: :[[@LINE-1]]:11: note: release of 'n' is skipped when 'operator=' throws an exception
  return n;
}

Node *mapInsert(std::map<std::string, int> &m) {
  Node *n = new Node;
  // ALLOC-MESSAGES: :[[@LINE-1]]:13: warning: 'n' acquired by 'new' leaks when an exception is thrown before it is handed off [raii-release-skipped]
  m["b"] = 2;
  // ALLOC-MESSAGES: :[[@LINE-1]]:4: note: release of 'n' is skipped when 'operator[]' throws an exception
  // ALLOC-MESSAGES: :[[@LINE-2]]:5: note: release of 'n' is skipped when the constructor of 'key_type' throws an exception
  return n;
}

// A hash map's insertion throws only by allocating: what libstdc++
// compiles in and it calls (the rehash policy, the byte hash of a string
// key) only computes.
Node *hashMapInsert(std::unordered_map<int, Node *> &m, int k) {
  Node *n = new Node;
  // ALLOC-MESSAGES: :[[@LINE-1]]:13: warning: 'n' acquired by 'new' leaks when an exception is thrown before it is handed off [raii-release-skipped]
  m[k] = n;
  // ALLOC-MESSAGES: :[[@LINE-1]]:4: note: release of 'n' is skipped when 'operator[]' throws an exception
  return n;
}

Node *hashMapEmplace(std::unordered_map<std::string, Node *> &m,
                     const std::string &k) {
  Node *n = new Node;
  // ALLOC-MESSAGES: :[[@LINE-1]]:13: warning: 'n' acquired by 'new' leaks when an exception is thrown before it is handed off [raii-release-skipped]
  m.emplace(k, nullptr);
  // ALLOC-MESSAGES: :[[@LINE-1]]:3: note: release of 'n' is skipped when 'emplace' throws an exception
  m[k] = n;
  // ALLOC-MESSAGES: :[[@LINE-1]]:4: note: release of 'n' is skipped when 'operator[]' throws an exception
  return n;
}

Node *secondNew() {
  Node *n = new Node;
  // ALLOC-MESSAGES: :[[@LINE-1]]:13: warning: 'n' acquired by 'new' leaks when an exception is thrown before it is handed off [raii-release-skipped]
  Node *m = new Node;
  // ALLOC-MESSAGES: :[[@LINE-1]]:13: note: release of 'n' is skipped when 'new' throws an exception
  delete m;
  return n;
}

Node *elementCopyThrows(std::vector<CopyThrows> &v, const CopyThrows &c) {
  Node *n = new Node;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'n' acquired by 'new' leaks when an exception is thrown before it is handed off [raii-release-skipped]
  // ALLOC-MESSAGES: :[[@LINE-2]]:13: warning: 'n' acquired by 'new' leaks when an exception is thrown before it is handed off [raii-release-skipped]
  v.push_back(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'n' is skipped when 'push_back' throws an exception
  // ALLOC-MESSAGES: :[[@LINE-2]]:3: note: release of 'n' is skipped when 'push_back' throws an exception
  return n;
}

Node *checkedAccess(std::vector<int> &v) {
  Node *n = new Node;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'n' acquired by 'new' leaks when an exception is thrown before it is handed off [raii-release-skipped]
  // ALLOC-MESSAGES: :[[@LINE-2]]:13: warning: 'n' acquired by 'new' leaks when an exception is thrown before it is handed off [raii-release-skipped]
  v.at(3) = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'n' is skipped when 'at' throws an exception
  // ALLOC-MESSAGES: :[[@LINE-2]]:3: note: release of 'n' is skipped when 'at' throws an exception
  return n;
}

int parses(const char *s) {
  char *p = static_cast<char *>(malloc(10));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // ALLOC-MESSAGES: :[[@LINE-2]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  if (!p)
    return -1;
  // CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &free);
  // ALLOC-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &free);
  int r = std::stoi(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: release of 'p' is skipped when 'stoi' throws an exception
  // ALLOC-MESSAGES: :[[@LINE-2]]:11: note: release of 'p' is skipped when 'stoi' throws an exception
  // ALLOC-MESSAGES: :[[@LINE-3]]:21: note: release of 'p' is skipped when the constructor of 'const string' throws an exception
  free(p);
  return r;
}

void unknownCallee(std::vector<int> &v) {
  char *p = static_cast<char *>(malloc(10));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // ALLOC-MESSAGES: :[[@LINE-2]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &free);
  // ALLOC-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &free);
  v.push_back(1);
  // ALLOC-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'push_back' throws an exception
  mayThrow();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'mayThrow' throws an exception
  // ALLOC-MESSAGES: :[[@LINE-2]]:3: note: release of 'p' is skipped when 'mayThrow' throws an exception
  free(p);
}

// A project function that throws only by allocating does not throw either.
static void record(std::vector<std::string> &log, const char *what) {
  log.push_back(what);
}

void helperAllocates(std::vector<std::string> &log) {
  char *p = static_cast<char *>(malloc(10));
  // ALLOC-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // ALLOC-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &free);
  record(log, "start");
  // ALLOC-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'record' throws an exception
  free(p);
}
