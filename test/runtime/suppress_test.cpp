// Run tests for raii::suppress, contextlib.suppress.
#include <raii/exit_stack.hpp>
#include <raii/suppress.hpp>
#include <raii/with.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <type_traits>
#include <vector>

static_assert(std::is_empty_v<raii::suppress<std::out_of_range>>);

TEST(Suppress, SwallowsTheNamedTypeAndItsSubclasses) {
  std::vector<int> v;
  bool after = false;
  raii::with(raii::suppress<std::logic_error>(), [&] {
    (void)v.at(3); // std::out_of_range derives from std::logic_error
    after = true;
  });
  EXPECT_FALSE(after);
}

TEST(Suppress, LetsOtherExceptionsThrough) {
  EXPECT_THROW(raii::with(raii::suppress<std::out_of_range>(),
                          [] { throw std::runtime_error("other"); }),
               std::runtime_error);
}

TEST(Suppress, SeveralTypes) {
  raii::suppress<std::out_of_range, std::overflow_error> s;
  EXPECT_TRUE(s.exit(std::make_exception_ptr(std::overflow_error("o"))));
  EXPECT_TRUE(s.exit(std::make_exception_ptr(std::out_of_range("r"))));
  EXPECT_FALSE(s.exit(std::make_exception_ptr(std::underflow_error("u"))));
  EXPECT_FALSE(s.exit(std::make_exception_ptr(42)));
  EXPECT_FALSE(s.exit(nullptr));
}

TEST(Suppress, NonClassExceptions) {
  raii::suppress<int> s;
  EXPECT_TRUE(s.exit(std::make_exception_ptr(42)));
  EXPECT_FALSE(s.exit(std::make_exception_ptr(4.2)));
}

TEST(Suppress, ValueBodyGivesEmptyOptional) {
  auto r = raii::with(raii::suppress<std::out_of_range>(), [] {
    return std::vector<int>{}.at(0);
  });
  static_assert(std::is_same_v<decltype(r), std::optional<int>>);
  EXPECT_FALSE(r.has_value());
}

TEST(Suppress, InsideAnExitStack) {
  int ran = 0;
  raii::exit_stack s;
  s.callback([&] { ++ran; });
  s.enter_context(raii::suppress<std::out_of_range>());
  s.callback([] { throw std::out_of_range("cleanup"); });
  EXPECT_NO_THROW(s.close());
  EXPECT_EQ(ran, 1);
}
