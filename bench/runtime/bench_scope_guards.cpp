// scope_exit / scope_fail against the hand-written code they replace.
//
// The protected work is an opaque call that may throw (it never does here),
// so the compiler must keep the exceptional path in both versions; the
// cleanup writes through a pointer it cannot see through.
#include <raii/scope_exit.hpp>

#include <benchmark/benchmark.h>

namespace {

// Opaque to the optimiser: may throw as far as it knows.
[[gnu::noinline]] void work(int *counter) {
  benchmark::DoNotOptimize(counter);
  ++*counter;
}
[[gnu::noinline]] void cleanup(int *counter) noexcept {
  benchmark::DoNotOptimize(counter);
  --*counter;
}

[[gnu::noinline]] void hand_written_finally(int *c) {
  try {
    work(c);
  } catch (...) {
    cleanup(c);
    throw;
  }
  cleanup(c);
}

[[gnu::noinline]] void with_scope_exit(int *c) {
  raii::scope_exit guard([c]() noexcept { cleanup(c); });
  work(c);
}

[[gnu::noinline]] void hand_written_on_failure(int *c) {
  try {
    work(c);
  } catch (...) {
    cleanup(c);
    throw;
  }
}

[[gnu::noinline]] void with_scope_fail(int *c) {
  raii::scope_fail guard([c]() noexcept { cleanup(c); });
  work(c);
}

[[gnu::noinline]] void no_cleanup(int *c) { work(c); }

template <void (*F)(int *)> void run(benchmark::State &state) {
  int counter = 0;
  for (auto _ : state) {
    F(&counter);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(counter);
}

void BM_baseline_no_cleanup(benchmark::State &s) { run<no_cleanup>(s); }
void BM_finally_hand_written(benchmark::State &s) {
  run<hand_written_finally>(s);
}
void BM_finally_scope_exit(benchmark::State &s) { run<with_scope_exit>(s); }
void BM_on_failure_hand_written(benchmark::State &s) {
  run<hand_written_on_failure>(s);
}
void BM_on_failure_scope_fail(benchmark::State &s) { run<with_scope_fail>(s); }

} // namespace

BENCHMARK(BM_baseline_no_cleanup);
BENCHMARK(BM_finally_hand_written);
BENCHMARK(BM_finally_scope_exit);
BENCHMARK(BM_on_failure_hand_written);
BENCHMARK(BM_on_failure_scope_fail);

BENCHMARK_MAIN();
