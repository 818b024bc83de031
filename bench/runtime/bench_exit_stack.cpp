// exit_stack against the usual dynamic alternative: a
// std::vector<std::function<void()>> run in reverse. Each callback captures
// three pointers (24 bytes), more than libstdc++'s std::function keeps
// inline (16 bytes), as real cleanups that capture a few handles do. Both
// sides push N callbacks and run them all; nothing is reserved up front.
#include <raii/exit_stack.hpp>

#include <benchmark/benchmark.h>

#include <functional>
#include <vector>

namespace {

struct targets {
  int a = 0, b = 0, c = 0;
};

void BM_vector_of_function(benchmark::State &state) {
  const int n = static_cast<int>(state.range(0));
  targets t;
  for (auto _ : state) {
    std::vector<std::function<void()>> stack;
    for (int i = 0; i < n; ++i) {
      int *pa = &t.a, *pb = &t.b, *pc = &t.c;
      stack.emplace_back([pa, pb, pc] { ++*pa, ++*pb, ++*pc; });
    }
    for (auto it = stack.rbegin(); it != stack.rend(); ++it)
      (*it)();
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(t);
  state.SetItemsProcessed(state.iterations() * n);
}

void BM_exit_stack(benchmark::State &state) {
  const int n = static_cast<int>(state.range(0));
  targets t;
  for (auto _ : state) {
    {
      raii::exit_stack stack;
      for (int i = 0; i < n; ++i) {
        int *pa = &t.a, *pb = &t.b, *pc = &t.c;
        stack.callback([pa, pb, pc] { ++*pa, ++*pb, ++*pc; });
      }
    }
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(t);
  state.SetItemsProcessed(state.iterations() * n);
}

} // namespace

BENCHMARK(BM_vector_of_function)->Arg(4)->Arg(8)->Arg(32)->Arg(128);
BENCHMARK(BM_exit_stack)->Arg(4)->Arg(8)->Arg(32)->Arg(128);

BENCHMARK_MAIN();
