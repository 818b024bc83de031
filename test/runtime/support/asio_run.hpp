// Test support: running an asio::awaitable to completion on an
// io_context, with or without a cancellation slot, and returning its result
// (rethrowing what escaped it).
#ifndef RAII_TEST_SUPPORT_ASIO_RUN_HPP
#define RAII_TEST_SUPPORT_ASIO_RUN_HPP

#include "asio.hpp"

#include <exception>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace raii_test {

template <class T> struct asio_outcome {
  bool done = false;
  std::exception_ptr error;
  std::optional<T> value;
};
template <> struct asio_outcome<void> {
  bool done = false;
  std::exception_ptr error;
};

// co_spawns `a` on ctx, binding `slot` if given, runs ctx until it runs out
// of work, and returns a's result.
template <class T>
T asio_run(asio::io_context &ctx, asio::awaitable<T> a,
           asio::cancellation_slot slot = {}) {
  asio_outcome<T> out;
  if constexpr (std::is_void_v<T>) {
    asio::co_spawn(ctx, std::move(a),
                   asio::bind_cancellation_slot(slot, [&](std::exception_ptr e) {
                     out.done = true;
                     out.error = e;
                   }));
  } else {
    asio::co_spawn(ctx, std::move(a),
                   asio::bind_cancellation_slot(slot, [&](std::exception_ptr e, T v) {
                     out.done = true;
                     out.error = e;
                     if (!e)
                       out.value.emplace(std::move(v));
                   }));
  }
  ctx.restart();
  ctx.run();
  if (!out.done)
    throw std::logic_error("raii_test::asio_run: the coroutine did not complete");
  if (out.error)
    std::rethrow_exception(out.error);
  if constexpr (!std::is_void_v<T>)
    return std::move(*out.value);
}

// "operation_aborted" for Asio's cancellation error, else what() (or
// "null"): for event logs.
inline std::string describe_asio(const std::exception_ptr &e) {
  if (!e)
    return "null";
  try {
    std::rethrow_exception(e);
  } catch (const asio::system_error &x) {
    if (x.code() == asio::error::operation_aborted)
      return "operation_aborted";
    return x.what();
  } catch (const std::exception &x) {
    return x.what();
  }
}

} // namespace raii_test

#endif // RAII_TEST_SUPPORT_ASIO_RUN_HPP
