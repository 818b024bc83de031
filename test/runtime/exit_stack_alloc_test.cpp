// Counts heap allocations around exit_stack use. This TU replaces the
// global operator new, so it is linked into its own test program.
#include <raii/exit_stack.hpp>
#include <raii/scope_exit.hpp>

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> allocations{0};
} // namespace

void *operator new(std::size_t n) {
  ++allocations;
  if (void *p = std::malloc(n ? n : 1))
    return p;
  throw std::bad_alloc();
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }

namespace {
long allocations_during(void (*f)()) {
  const long before = allocations.load();
  f();
  return allocations.load() - before;
}
int sink = 0;
} // namespace

TEST(ExitStackAlloc, SmallEntriesUseNoHeap) {
  const long n = allocations_during([] {
    raii::exit_stack s;
    int a = 1, b = 2, c = 3;
    int *pa = &a, *pb = &b, *pc = &c;
    for (int i = 0; i < 8; ++i) // three-pointer captures, inline capacity
      s.callback([pa, pb, pc] { sink += *pa + *pb + *pc; });
  });
  EXPECT_EQ(n, 0);
  EXPECT_EQ(sink, 8 * 6);
}

TEST(ExitStackAlloc, PushedGuardsShareOneChunk) {
  // push() hands out a reference, so its object goes where it never moves:
  // a chunk, allocated once for up to 32 entries.
  const long n = allocations_during([] {
    raii::exit_stack s;
    s.push(raii::scope_exit([] { ++sink; }));
    s.push(raii::scope_fail([] { ++sink; }));
    int x = 0;
    s.push(raii::scope_exit([&x] { x = 1; }));
    for (int i = 0; i < 29; ++i)
      s.callback([i] { sink += i; }); // the rest of the chunk
  });
  EXPECT_EQ(n, 1);
}

TEST(ExitStackAlloc, CallbacksBeforeAPushStayInline) {
  const long n = allocations_during([] {
    raii::exit_stack s;
    for (int i = 0; i < 5; ++i)
      s.callback([i] { sink += i; });
    s.push(raii::scope_exit([] { ++sink; })); // a chunk, not inline slot 6
    for (int i = 0; i < 31; ++i)
      s.callback([i] { sink += i; }); // fill that chunk
  });
  EXPECT_EQ(n, 1);
}

TEST(ExitStackAlloc, PopAllAndMovesUseNoHeap) {
  const long n = allocations_during([] {
    raii::exit_stack outer;
    {
      raii::exit_stack s;
      for (int i = 0; i < 6; ++i)
        s.callback([i] { sink += i; });
      outer = s.pop_all();
    }
    raii::exit_stack moved(std::move(outer));
  });
  EXPECT_EQ(n, 0);
}

TEST(ExitStackAlloc, OverflowAllocatesOneChunkPer32Entries) {
  const long n = allocations_during([] {
    raii::exit_stack s;
    for (int i = 0; i < 8 + 32 + 1; ++i)
      s.callback([i] { sink += i; });
  });
  EXPECT_EQ(n, 2) << "two chunks of 32 slots past the 8 inline ones";
}

TEST(ExitStackAlloc, LargeCallableGoesToHeap) {
  const long n = allocations_during([] {
    raii::exit_stack s;
    std::array<char, 128> big{};
    s.callback([big] { sink += big[0]; });
  });
  EXPECT_EQ(n, 1);
}
