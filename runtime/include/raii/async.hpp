// raii-tidy runtime: the C++20 async components, for any coroutine task
// type (see docs/runtime/async.md):
//
//   async_with(cm, body)        Python's `async with`
//   async_exit_stack<Task>      contextlib.AsyncExitStack
//   async_retry_lock            a polling lock whose wait is an awaited sleep
//   async_context_manager<Task, T>  @asynccontextmanager: co_yield splits
//                               enter from exit
//
// Not part of <raii/raii.hpp>, which is C++17.
// RAII_REQUIRES_CXX20
#ifndef RAII_ASYNC_HPP
#define RAII_ASYNC_HPP

#if !defined(__cpp_impl_coroutine) || !__has_include(<coroutine>)
#error "<raii/async.hpp> needs C++20 coroutines (-std=c++20)"
#else

#include "async/async_context_manager.hpp"
#include "async/async_exit_stack.hpp"
#include "async/async_retry_lock.hpp"
#include "async/async_with.hpp"
#include "async/task_traits.hpp"

#endif // coroutines
#endif // RAII_ASYNC_HPP
