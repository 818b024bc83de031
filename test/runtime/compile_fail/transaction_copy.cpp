// A transaction is move-only: a copy would commit twice.
// RAII_CF_EXPECT: (deleted|delete)
#include <raii/transaction.hpp>

int main() {
  raii::transaction tx([]() noexcept {}, []() noexcept {});
#ifdef RAII_CF_OK
  auto t2 = std::move(tx);
#else
  auto t2 = tx;
#endif
  t2.release();
}
