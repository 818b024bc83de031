// A defaulted destructor whose exception specification clang has not
// worked out yet (`~Opt() = default;`, of a local in a `try` block of a
// callee the policy reads) is asked nothing it cannot answer: it is
// `noexcept` like any implicit one (this crashed the plugin in
// FunctionProtoType::canThrow before). The exception the callee rethrows
// still skips the caller's release.
// RUN: %check_raii --compile-fixed %s raii-release-skipped %t -- -std=c++17

#include <cstdio>
#include <new>
// CHECK-FIXES: #include <memory>

struct Opt {
  Opt() {}
  ~Opt() = default;
  void set(bool b) { on = b; }
  bool on = false;
};
struct Db {
  Db(const Opt &);
  ~Db();
};
struct Bad {};

static Db *readBase(bool b) {
  Db *ret = nullptr;
  try {
    Opt o;
    o.set(b);
    ret = new (std::nothrow) Db(o);
    if (!ret)
      throw Bad();
  } catch (Bad &) {
    throw;
  }
  return ret;
}

int user(bool b) {
  FILE *f = std::fopen("x", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  if (!f)
    return -1;
  // CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &std::fclose);
  Db *d = readBase(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: release of 'f' is skipped when 'readBase' throws an exception
  delete d;
  std::fclose(f);
  // CHECK-DELETED: std::fclose(f);
  return 0;
}
