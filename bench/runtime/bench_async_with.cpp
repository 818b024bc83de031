// Benchmark: raii::async_with(cm, body) against the hand-written sequence
// it replaces —
//   co_await cm.enter();
//   std::exception_ptr e;
//   try { r = co_await body(); } catch (...) { e = std::current_exception(); }
//   if (e) { if (!co_await cm.exit(e)) std::rethrow_exception(e); }
//   else co_await cm.exit(nullptr);
// — with two task types: the hand-written lazy task of the runtime tests
// (test/runtime/support/task.hpp) and standalone Asio's asio::awaitable.
// enter(), exit() and the body complete without suspending, so the figures
// are the protocol's cost, not an event loop's. Each benchmark runs its
// whole timing loop inside one coroutine.
#include <raii/async.hpp>

#include <benchmark/benchmark.h>

#include "support/asio.hpp"

#include <exception>
#include <optional>

#include "support/task.hpp"

namespace {

using raii_test::task;

// --- hand-written task -------------------------------------------------------
struct task_cm {
  int value = 1;
  task<int &> enter() { co_return value; }
  task<bool> exit(std::exception_ptr e) {
    benchmark::DoNotOptimize(e);
    co_return false;
  }
};

task<int> task_body(int v) {
  benchmark::DoNotOptimize(v);
  co_return v + 1;
}

task<void> task_hand_written(benchmark::State &state) {
  task_cm cm;
  for (auto _ : state) {
    int &v = co_await cm.enter();
    std::optional<int> r;
    std::exception_ptr e;
    try {
      r.emplace(co_await task_body(v));
    } catch (...) {
      e = std::current_exception();
    }
    if (e) {
      if (!co_await cm.exit(e))
        std::rethrow_exception(e);
    } else {
      (void)co_await cm.exit(nullptr);
    }
    benchmark::DoNotOptimize(r);
  }
}

task<void> task_async_with(benchmark::State &state) {
  task_cm cm;
  for (auto _ : state) {
    std::optional<int> r = co_await raii::async_with(
        cm, [](int &v) { return task_body(v); });
    benchmark::DoNotOptimize(r);
  }
}

void BM_Task_HandWritten(benchmark::State &state) {
  auto t = task_hand_written(state);
  t.start();
}
BENCHMARK(BM_Task_HandWritten);

void BM_Task_AsyncWith(benchmark::State &state) {
  auto t = task_async_with(state);
  t.start();
}
BENCHMARK(BM_Task_AsyncWith);

// --- asio::awaitable ---------------------------------------------------------
struct asio_cm {
  int value = 1;
  asio::awaitable<std::reference_wrapper<int>> enter() { co_return std::ref(value); }
  asio::awaitable<bool> exit(std::exception_ptr e) {
    benchmark::DoNotOptimize(e);
    co_return false;
  }
};

asio::awaitable<int> asio_body(int v) {
  benchmark::DoNotOptimize(v);
  co_return v + 1;
}

asio::awaitable<void> asio_hand_written(benchmark::State &state) {
  asio_cm cm;
  for (auto _ : state) {
    int &v = (co_await cm.enter()).get();
    std::optional<int> r;
    std::exception_ptr e;
    try {
      r.emplace(co_await asio_body(v));
    } catch (...) {
      e = std::current_exception();
    }
    if (e) {
      if (!co_await cm.exit(e))
        std::rethrow_exception(e);
    } else {
      (void)co_await cm.exit(nullptr);
    }
    benchmark::DoNotOptimize(r);
  }
}

asio::awaitable<void> asio_async_with(benchmark::State &state) {
  asio_cm cm;
  for (auto _ : state) {
    std::optional<int> r = co_await raii::async_with(
        cm, [](int &v) { return asio_body(v); });
    benchmark::DoNotOptimize(r);
  }
}

template <asio::awaitable<void> (*Loop)(benchmark::State &)>
void run_asio(benchmark::State &state) {
  asio::io_context ctx;
  asio::co_spawn(ctx, Loop(state), asio::detached);
  ctx.run();
}

void BM_Asio_HandWritten(benchmark::State &state) {
  run_asio<&asio_hand_written>(state);
}
BENCHMARK(BM_Asio_HandWritten);

void BM_Asio_AsyncWith(benchmark::State &state) {
  run_asio<&asio_async_with>(state);
}
BENCHMARK(BM_Asio_AsyncWith);

} // namespace

BENCHMARK_MAIN();
