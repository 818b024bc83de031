// The guards that the handle families of the shipped files name, in C++,
// for both RaiiGuardStyle values (std: std::unique_ptr with the API's
// release as deleter; raii: raii::unique_resource), and the fix into them:
// the raii style falls back to the std guard while the runtime is not on
// the include path (RAII; the message then names the std guard the fix
// declares), and declares the runtime's where it is (RT; not
// compiled: the mock API headers clash with <cstdlib>, which the runtime
// includes).
// RUN: %check_raii --compile-fixed --prefix STD %s raii-use-guard %t.std -- -std=c++17 -isystem %S/Inputs/api
// RUN: %check_raii --compile-fixed --prefix RAII --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s raii-use-guard %t.raii -- -std=c++17 -isystem %S/Inputs/api
// RUN: %check_raii --prefix RT --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s raii-use-guard %t.rt -- -std=c++17 -isystem %S/Inputs/api -isystem %raii_runtime_include

#include <openssl_api.h>
// STD-FIXES: #include <memory>
// RAII-FIXES: #include <memory>
// RT-FIXES: #include <raii/unique_resource.hpp>
#include <sqlite3_api.h>

int use(sqlite3 *db) noexcept;
int update(EVP_MD_CTX *ctx) noexcept;

int open(const char *path) noexcept {
  sqlite3 *db;
  sqlite3_open(path, &db);
  // STD-MESSAGES: :[[@LINE-1]]:3: warning: 'db' is acquired by 'sqlite3_open' and released by hand; hold it in 'std::unique_ptr<sqlite3, decltype(&sqlite3_close)>' instead [raii-use-guard]
  // RAII-MESSAGES: :[[@LINE-2]]:3: warning: 'db' is acquired by 'sqlite3_open' and released by hand; hold it in 'raii::unique_resource<sqlite3 *, decltype(&sqlite3_close), raii::null_traits>' instead [raii-use-guard]
  // RT-MESSAGES: :[[@LINE-3]]:3: warning: 'db' is acquired by 'sqlite3_open' and released by hand; hold it in 'raii::unique_resource<sqlite3 *, decltype(&sqlite3_close), raii::null_traits>' instead [raii-use-guard]
  // STD-MESSAGES: :[[@LINE-4]]:3: note: no automatic fix: 'db' is acquired through an out-parameter
  // RAII-MESSAGES: :[[@LINE-5]]:3: note: no automatic fix: 'db' is acquired through an out-parameter
  // RT-MESSAGES: :[[@LINE-6]]:3: note: no automatic fix: 'db' is acquired through an out-parameter
  int r = use(db);
  if (r < 0) {
    sqlite3_close(db);
    return -1;
  }
  sqlite3_close(db);
  return r;
}

void digest() noexcept {
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  // STD-MESSAGES: :[[@LINE-1]]:21: warning: 'ctx' is acquired by 'EVP_MD_CTX_new' and released by hand; hold it in 'std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>' instead [raii-use-guard]
  // RAII-MESSAGES: :[[@LINE-2]]:21: warning: 'ctx' is acquired by 'EVP_MD_CTX_new' and released by hand; hold it in 'std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>' instead [raii-use-guard]
  // RT-MESSAGES: :[[@LINE-3]]:21: warning: 'ctx' is acquired by 'EVP_MD_CTX_new' and released by hand; hold it in 'raii::unique_resource<EVP_MD_CTX *, decltype(&EVP_MD_CTX_free), raii::null_traits>' instead [raii-use-guard]
  // STD-FIXES: std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> free_ctx(ctx, &EVP_MD_CTX_free);
  // RAII-FIXES: std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> free_ctx(ctx, &EVP_MD_CTX_free);
  // RT-FIXES: raii::unique_resource<EVP_MD_CTX *, decltype(&EVP_MD_CTX_free), raii::null_traits> free_ctx(ctx, &EVP_MD_CTX_free);
  if (update(ctx) < 0) {
    EVP_MD_CTX_free(ctx);
    // STD-DELETED: EVP_MD_CTX_free(ctx);
    // RAII-DELETED: EVP_MD_CTX_free(ctx);
    // RT-DELETED: EVP_MD_CTX_free(ctx);
    return;
  }
  EVP_MD_CTX_free(ctx);
  // STD-DELETED: EVP_MD_CTX_free(ctx);
  // RAII-DELETED: EVP_MD_CTX_free(ctx);
  // RT-DELETED: EVP_MD_CTX_free(ctx);
}
