// raii-tidy runtime: every C++17 component. (The coroutine parts need C++20
// and are not included here: <raii/context_manager.hpp>.)
#ifndef RAII_RAII_HPP
#define RAII_RAII_HPP

#include "closing.hpp"
#include "exit_stack.hpp"
#include "handles.hpp"
#include "make_context.hpp"
#include "retry_lock.hpp"
#include "scope_exit.hpp"
#include "suppress.hpp"
#include "transaction.hpp"
#include "unique_resource.hpp"
#include "with.hpp"

#endif // RAII_RAII_HPP
