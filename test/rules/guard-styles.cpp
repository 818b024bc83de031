// The guards that the handle families of the shipped files name, in C++,
// for both RaiiGuardStyle values (std: std::unique_ptr with the API's
// release as deleter; raii: raii::unique_resource).
// RUN: %check_raii --prefix STD %s raii-use-guard %t.std -- -std=c++17 -isystem %S/Inputs/api
// RUN: %check_raii --prefix RAII --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s raii-use-guard %t.raii -- -std=c++17 -isystem %S/Inputs/api

#include <openssl_api.h>
#include <sqlite3_api.h>

int use(sqlite3 *db) noexcept;
int update(EVP_MD_CTX *ctx) noexcept;

int open(const char *path) noexcept {
  sqlite3 *db;
  sqlite3_open(path, &db);
  // STD-MESSAGES: :[[@LINE-1]]:3: warning: 'db' is acquired by 'sqlite3_open' and released by hand; hold it in 'std::unique_ptr<sqlite3, decltype(&sqlite3_close)>' instead [raii-use-guard]
  // RAII-MESSAGES: :[[@LINE-2]]:3: warning: 'db' is acquired by 'sqlite3_open' and released by hand; hold it in 'raii::unique_resource<sqlite3 *, decltype(&sqlite3_close), raii::null_traits>' instead [raii-use-guard]
  int r = use(db);
  sqlite3_close(db);
  return r;
}

void digest() noexcept {
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  // STD-MESSAGES: :[[@LINE-1]]:21: warning: 'ctx' is acquired by 'EVP_MD_CTX_new' and released by hand; hold it in 'std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>' instead [raii-use-guard]
  // RAII-MESSAGES: :[[@LINE-2]]:21: warning: 'ctx' is acquired by 'EVP_MD_CTX_new' and released by hand; hold it in 'raii::unique_resource<EVP_MD_CTX *, decltype(&EVP_MD_CTX_free), raii::null_traits>' instead [raii-use-guard]
  update(ctx);
  EVP_MD_CTX_free(ctx);
}
