// exit_stack against the usual dynamic alternative, a
// std::vector<std::function<void()>> run in reverse, unreserved and
// reserved. Two capture sizes: three pointers (24 bytes, more than the 16
// bytes libstdc++'s std::function keeps inline, so each push allocates)
// and one pointer (8 bytes, inline in std::function too). Each iteration
// pushes N callbacks and runs them all.
#include <raii/exit_stack.hpp>

#include <benchmark/benchmark.h>

#include <functional>
#include <vector>

namespace {

struct targets {
  int a = 0, b = 0, c = 0;
};

// The callback: a large (24-byte) or small (8-byte) capture.
template <bool Large> auto make_callback(targets &t) {
  if constexpr (Large) {
    int *pa = &t.a, *pb = &t.b, *pc = &t.c;
    return [pa, pb, pc] { ++*pa, ++*pb, ++*pc; };
  } else {
    targets *p = &t;
    return [p] { ++p->a, ++p->b, ++p->c; };
  }
}

template <bool Large, bool Reserve>
void BM_vector_of_function(benchmark::State &state) {
  const int n = static_cast<int>(state.range(0));
  targets t;
  for (auto _ : state) {
    std::vector<std::function<void()>> stack;
    if constexpr (Reserve)
      stack.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
      stack.emplace_back(make_callback<Large>(t));
    for (auto it = stack.rbegin(); it != stack.rend(); ++it)
      (*it)();
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(t);
  state.SetItemsProcessed(state.iterations() * n);
}

template <bool Large> void BM_exit_stack(benchmark::State &state) {
  const int n = static_cast<int>(state.range(0));
  targets t;
  for (auto _ : state) {
    {
      raii::exit_stack stack;
      for (int i = 0; i < n; ++i)
        stack.callback(make_callback<Large>(t));
    }
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(t);
  state.SetItemsProcessed(state.iterations() * n);
}

} // namespace

#define RAII_SIZES ->Arg(4)->Arg(8)->Arg(32)->Arg(128)
BENCHMARK_TEMPLATE(BM_vector_of_function, true, false) RAII_SIZES;
BENCHMARK_TEMPLATE(BM_vector_of_function, true, true) RAII_SIZES;
BENCHMARK_TEMPLATE(BM_exit_stack, true) RAII_SIZES;
BENCHMARK_TEMPLATE(BM_vector_of_function, false, false) RAII_SIZES;
BENCHMARK_TEMPLATE(BM_vector_of_function, false, true) RAII_SIZES;
BENCHMARK_TEMPLATE(BM_exit_stack, false) RAII_SIZES;

BENCHMARK_MAIN();
