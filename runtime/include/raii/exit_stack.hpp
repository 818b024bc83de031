// raii-tidy runtime: exit_stack — Python's contextlib.ExitStack for C++.
//
// Callbacks, exit handlers, guards and context managers are pushed at run
// time and run in LIFO order when the stack is closed, exited or destroyed.
// Every entry runs even if one throws. An exit handler (push_exit, or the
// exit() of a manager given to enter_context) sees the exception pending at
// its turn and may suppress it; the entries pushed before it then see none.
//
// Storage: fixed-size slots, the first few inside the exit_stack object,
// later ones in heap chunks of many slots; an entry larger than a slot,
// over-aligned, or not nothrow-move-constructible gets its own heap block.
// Objects whose address is handed out (push, enter_context) never live in
// the inline slots, so references to them survive pop_all() and moves.
// See docs/runtime/exit_stack.md for the exception rules.
#ifndef RAII_EXIT_STACK_HPP
#define RAII_EXIT_STACK_HPP

#include <cstddef>
#include <exception>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/context.hpp"

namespace raii {

// What the exit handlers of an exit_stack destroyed by an unwinding
// exception are given: C++ offers no access to an exception in flight from
// a destructor (std::current_exception() is null there), so they learn only
// that one is in flight. Use exit(e) (or with()) to hand them the real one.
class unknown_exception : public std::exception {
public:
  const char *what() const noexcept override {
    return "raii::exit_stack: an exception is unwinding the stack's scope "
           "(not accessible from a destructor)";
  }
};

namespace detail {

// A slot holds one entry: 5 pointers' worth, so a lambda capturing three or
// four references plus a scope guard's flag fits.
inline constexpr std::size_t exit_slot_size = 5 * sizeof(void *);
inline constexpr std::size_t exit_slot_align = alignof(void *);
inline constexpr std::size_t exit_inline_slots = 8;
inline constexpr std::size_t exit_chunk_slots = 32;

struct exit_entry_ops {
  // Runs the entry's cleanup, given the exception pending at its turn, and
  // ends its lifetime, even when the cleanup throws. True: the entry
  // suppresses the pending exception. With `detach`, an entry stored in
  // the slot itself is first moved out of it, so the cleanup does not run
  // in memory the stack may give away meanwhile (an entry calling
  // pop_all() or moving the stack hands its chunk to another stack).
  bool (*run)(void *storage, const std::exception_ptr &pending, bool detach);
  // Move-constructs the entry into dst and destroys the source.
  void (*relocate)(void *dst, void *src) noexcept;
};

struct exit_slot {
  const exit_entry_ops *ops;
  alignas(exit_slot_align) unsigned char storage[exit_slot_size];
};

struct exit_chunk {
  exit_chunk *prev;
  exit_slot slots[exit_chunk_slots];
};

// Moving an entry between slots must not throw. Unlike
// std::is_nothrow_move_constructible this ignores the destructor, which for
// a guard with a throwing action is noexcept(false).
template <class T, class Arg>
inline constexpr bool nothrow_construct_v =
    noexcept(::new (static_cast<void *>(nullptr)) T(std::declval<Arg>()));
template <class T> inline constexpr bool nothrow_move_v = nothrow_construct_v<T, T &&>;

template <class T>
inline constexpr bool fits_inline_v =
    sizeof(T) <= exit_slot_size && alignof(T) <= exit_slot_align &&
    nothrow_move_v<T>;

// Taking a callable by value is safe when the argument is copied (an lvalue:
// the caller's stays intact), moved without throwing, or copied because its
// move may throw. A move-only callable whose move may throw is not: a failed
// move leaves neither copy able to run the cleanup.
template <class T, class F>
inline constexpr bool safely_storable_v =
    std::is_lvalue_reference_v<F> || nothrow_construct_v<T, F &&> ||
    std::is_copy_constructible_v<T>;

// What "running" an entry means.
struct callback_kind { // called with no arguments, then destroyed
  template <class T>
  static bool finish(T &t, const std::exception_ptr &) {
    (void)t();
    return false;
  }
};
struct object_kind { // destroyed: its destructor cleans up
  template <class T>
  static bool finish(T &, const std::exception_ptr &) noexcept {
    return false;
  }
};
struct exit_kind { // called with the pending exception, may suppress it
  template <class T>
  static bool finish(T &t, const std::exception_ptr &pending) {
    return call_exit_handler(t, pending);
  }
};

// A context manager owned by the stack, and whether its enter() returned:
// exit() is called only then.
template <class CM> struct context_entry {
  CM cm;
  bool entered = false;
  explicit context_entry(CM &&c) noexcept(nothrow_construct_v<CM, CM &&>)
      : cm(std::move(c)) {}
  explicit context_entry(const CM &c) : cm(c) {}
  context_entry(context_entry &&other) noexcept(nothrow_construct_v<CM, CM &&>)
      : cm(std::move(other.cm)), entered(other.entered) {}
};
struct context_kind {
  template <class CM>
  static bool finish(context_entry<CM> &e, const std::exception_ptr &pending) {
    return e.entered && call_exit(e.cm, pending);
  }
};

template <class T> struct destroy_at_exit {
  T *obj;
  ~destroy_at_exit() noexcept(std::is_nothrow_destructible_v<T>) {
    obj->~T();
  }
};
template <class T> struct delete_at_exit {
  T *obj;
  ~delete_at_exit() noexcept(std::is_nothrow_destructible_v<T>) {
    delete obj;
  }
};

template <class T, class Kind> struct inline_entry {
  static bool run(void *p, const std::exception_ptr &pending, bool detach) {
    T *obj = std::launder(static_cast<T *>(p));
    if (!detach) {
      destroy_at_exit<T> d{obj};
      return Kind::finish(*d.obj, pending);
    }
    alignas(T) unsigned char local[sizeof(T)];
    destroy_at_exit<T> d{::new (static_cast<void *>(local)) T(std::move(*obj))};
    obj->~T();
    return Kind::finish(*d.obj, pending);
  }
  static void relocate(void *dst, void *src) noexcept {
    T *from = std::launder(static_cast<T *>(src));
    ::new (dst) T(std::move(*from));
    from->~T();
  }
  static constexpr exit_entry_ops ops{&run, &relocate};
};

template <class T, class Kind> struct heap_entry {
  static T *&pointer(void *p) noexcept {
    return *std::launder(static_cast<T **>(p));
  }
  // The object has its own block: the slot is read once, before the
  // cleanup runs, so it never needs detaching.
  static bool run(void *p, const std::exception_ptr &pending, bool) {
    delete_at_exit<T> d{pointer(p)};
    return Kind::finish(*d.obj, pending);
  }
  static void relocate(void *dst, void *src) noexcept {
    ::new (dst) T *(pointer(src));
  }
  static constexpr exit_entry_ops ops{&run, &relocate};
};

// Where an entry may be stored: anywhere, or only where it never moves
// while the stack owns it (its address was handed out).
enum class placement : bool { movable, pinned };

} // namespace detail

class exit_stack {
public:
  exit_stack() noexcept = default;

  // Takes over every entry of other, which is left empty. References
  // returned by other's push() and enter_context() stay valid.
  exit_stack(exit_stack &&other) noexcept { take(other); }

  // Closes this stack (running its entries), then takes over other's. If
  // closing throws, other keeps its entries.
  exit_stack &operator=(exit_stack &&other) {
    if (this != &other) {
      close();
      take(other);
    }
    return *this;
  }

  exit_stack(const exit_stack &) = delete;
  exit_stack &operator=(const exit_stack &) = delete;

  // Runs every entry (see close()). When the stack is destroyed by an
  // exception unwinding its scope, every exit handler is given an
  // unknown_exception (returning true cannot stop the unwinding, so it
  // changes nothing) and exceptions from entries are discarded: the one in
  // flight is the one reported and a second would terminate.
  ~exit_stack() noexcept(false) {
    if (size_ == 0) {
      free_chunks();
      return;
    }
    if (std::uncaught_exceptions() > uncaught_) {
      (void)unwind(std::make_exception_ptr(unknown_exception()),
                   /*can_suppress=*/false);
    } else {
      // Propagating is the point (like Python's ExitStack), hence the
      // noexcept(false) above; raii-exit-handler-throws would flag it.
      close(); // NOLINT(raii-exit-handler-throws)
    }
  }

  // Registers f to be called (with no arguments) when the stack closes.
  // If f cannot be stored (allocation fails, copying throws, or the stack is
  // being closed), f is called at once and the exception propagates, as a
  // P0052 scope guard does.
  template <class F> void callback(F &&f) {
    using T = std::decay_t<F>;
    static_assert(std::is_invocable_v<T &>,
                  "raii::exit_stack::callback: the callback must be callable "
                  "with no arguments");
    static_assert(detail::safely_storable_v<T, F>,
                  "raii::exit_stack::callback: the callable's move constructor "
                  "may throw and it cannot be copied, so a failed move would "
                  "lose the cleanup; make the move noexcept");
    try {
      emplace<T, detail::callback_kind>(detail::placement::movable,
                                        std::forward<F>(f));
    } catch (...) {
      (void)f();
      throw;
    }
  }

  // Registers an exit handler: h(std::exception_ptr) is called when the
  // stack closes, with the exception pending at its turn (null if none). If
  // it returns bool, true suppresses that exception, and entries pushed
  // before it see none (contextlib.ExitStack.push). If h cannot be stored
  // (allocation fails, copying throws, or the stack is being closed), it is
  // called at once with the exception that prevented storing it, and that
  // exception propagates.
  template <class H> void push_exit(H &&h) {
    using T = std::decay_t<H>;
    static_assert(std::is_invocable_v<T &, const std::exception_ptr &>,
                  "raii::exit_stack::push_exit: the handler must be callable "
                  "with a std::exception_ptr");
    using result = std::invoke_result_t<T &, const std::exception_ptr &>;
    static_assert(std::is_void_v<result> || std::is_same_v<result, bool>,
                  "raii::exit_stack::push_exit: the handler must return void "
                  "or bool (true suppresses the exception)");
    static_assert(detail::safely_storable_v<T, H>,
                  "raii::exit_stack::push_exit: the handler's move "
                  "constructor may throw and it cannot be copied, so a failed "
                  "move would lose the cleanup; make the move noexcept");
    try {
      emplace<T, detail::exit_kind>(detail::placement::movable,
                                    std::forward<H>(h));
    } catch (...) {
      (void)h(std::current_exception());
      throw;
    }
  }

  // Takes ownership of a guard or resource (scope_exit, unique_resource,
  // unique_fd, closing, std::unique_ptr, ...): it is destroyed, and so
  // does its cleanup, when the stack closes. Returns the stored object,
  // which never moves while the stack (or one its entries are moved to)
  // owns it. If it cannot be stored, the argument is left to its owner,
  // whose destructor then cleans up.
  template <class G> std::decay_t<G> &push(G &&guard) {
    static_assert(!std::is_lvalue_reference_v<G>,
                  "raii::exit_stack::push: pass the guard as an rvalue "
                  "(std::move(g)); the stack takes ownership of it");
    return emplace<std::decay_t<G>, detail::object_kind>(
        detail::placement::pinned, std::move(guard));
  }

  // Takes ownership of a context manager, calls its enter() and returns
  // what enter() returned (a reference into the manager stays valid until
  // its exit()). Its exit(e) runs when the stack closes, as an exit handler
  // (contextlib.ExitStack.enter_context). If enter() throws, exit() is not
  // called and the manager is destroyed. If the manager cannot be stored,
  // nothing is called and the argument is left to its owner.
  template <class CM>
  detail::enter_result_t<std::decay_t<CM>> enter_context(CM &&cm) {
    using T = std::decay_t<CM>;
    static_assert(!std::is_lvalue_reference_v<CM>,
                  "raii::exit_stack::enter_context: pass the context manager "
                  "as an rvalue; the stack owns it (a reference would dangle "
                  "if the object died before the stack)");
    static_assert(detail::is_context_manager<T>::value,
                  "raii::exit_stack::enter_context: needs enter() and "
                  "exit(std::exception_ptr)");
    static_assert(detail::valid_exit_v<T>,
                  "raii::exit_stack::enter_context: exit(std::exception_ptr) "
                  "must return void or bool (true suppresses the exception)");
    using entry_t = detail::context_entry<T>;
    entry_t &entry = emplace<entry_t, detail::context_kind>(
        detail::placement::pinned, std::move(cm));
    const std::size_t mark = size_;
    try {
      if constexpr (std::is_void_v<detail::enter_result_t<T>>) {
        entry.cm.enter();
        entry.entered = true;
      } else {
        auto &&value = entry.cm.enter();
        entry.entered = true;
        return std::forward<decltype(value)>(value);
      }
    } catch (...) {
      // Undo the entry if it is still the most recent one (enter() may have
      // pushed others): destroyed, and exited only if it was entered.
      if (size_ == mark && !closing_)
        (void)pop_and_run(std::current_exception());
      throw;
    }
  }

  // Moves every entry into a new stack and returns it; this one is left
  // empty. Python: `with ExitStack() as s: ...; keep = s.pop_all()`.
  // References from push() and enter_context() stay valid. Called from an
  // entry while the stack closes, it takes the entries not yet run.
  [[nodiscard]] exit_stack pop_all() noexcept {
    exit_stack result;
    result.take(*this);
    return result;
  }

  // Runs every entry, most recently pushed first, and leaves the stack
  // empty. If entries throw, all still run; the first exception (from the
  // most recently pushed entry that threw) propagates unchanged — unless an
  // exit handler pushed before suppresses it — and the later ones are kept
  // in suppressed() until the next close(). Calling close() from an entry
  // while the stack closes throws std::logic_error (recorded like any other
  // failure of that entry).
  void close() {
    if (std::exception_ptr e = unwind(std::exception_ptr(), true))
      std::rethrow_exception(e);
  }

  // The context-manager protocol, so that the stack itself works with
  // with(): enter() returns the stack; exit(e) runs every entry with e as
  // the pending exception. Returns true if an exit handler suppressed e;
  // false if e is still pending (or was null and nothing threw); throws the
  // exception an entry threw when e was null or had been suppressed.
  exit_stack &enter() noexcept { return *this; }
  bool exit(std::exception_ptr e) {
    std::exception_ptr left = unwind(e, true);
    if (left == e)
      return false;
    if (!left)
      return true;
    std::rethrow_exception(left);
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

  // Exceptions from entries after the first one in the last close().
  [[nodiscard]] const std::vector<std::exception_ptr> &
  suppressed() const noexcept {
    return suppressed_;
  }

private:
  template <class T, class Kind, class Arg>
  T &emplace(detail::placement where, Arg &&arg) {
    if (closing_)
      throw std::logic_error(
          "raii::exit_stack: cannot add entries while the stack is closing");
    // Move (or forward) when that cannot throw or no copy exists; copy
    // otherwise, so a failure leaves the argument intact.
    using source = std::conditional_t<detail::nothrow_construct_v<T, Arg &&> ||
                                          !std::is_copy_constructible_v<T>,
                                      Arg &&, const T &>;
    T *obj;
    const detail::exit_entry_ops *ops;
    detail::exit_slot &slot = free_slot(where);
    if constexpr (detail::fits_inline_v<T>) {
      obj = ::new (static_cast<void *>(slot.storage))
          T(static_cast<source>(arg));
      ops = &detail::inline_entry<T, Kind>::ops;
    } else {
      obj = new T(static_cast<source>(arg));
      ::new (static_cast<void *>(slot.storage)) T *(obj);
      ops = &detail::heap_entry<T, Kind>::ops;
    }
    slot.ops = ops;
    ++top_used_;
    ++size_;
    return *obj;
  }

  // The slot the next entry goes to; may allocate a chunk. A pinned entry
  // never goes to the inline slots, which move with the stack.
  detail::exit_slot &free_slot(detail::placement where) {
    if (top_ == nullptr) {
      if (where == detail::placement::movable &&
          top_used_ < detail::exit_inline_slots)
        return inline_[top_used_];
      inline_used_ = top_used_;
    } else if (top_used_ < detail::exit_chunk_slots) {
      return top_->slots[top_used_];
    }
    auto *chunk = new detail::exit_chunk;
    chunk->prev = top_;
    top_ = chunk;
    top_used_ = 0;
    return chunk->slots[0];
  }

  // The most recent entry; frees chunks emptied by earlier pops. Only
  // called when size_ != 0. Chunks below the top are always full; the
  // inline slots hold inline_used_ entries once a chunk exists.
  detail::exit_slot &top_slot() noexcept {
    while (top_ != nullptr && top_used_ == 0) {
      detail::exit_chunk *empty = top_;
      top_ = empty->prev;
      delete empty;
      top_used_ = top_ ? detail::exit_chunk_slots : inline_used_;
    }
    return top_ ? top_->slots[top_used_ - 1] : inline_[top_used_ - 1];
  }

  // Removes the most recent entry and runs it. An entry in a chunk is
  // first moved out of it: an entry that calls pop_all() or moves the stack
  // gives the chunk to another stack, which may free it. An inline entry
  // runs in place: once popped, no move of the stack relocates its slot.
  bool pop_and_run(const std::exception_ptr &pending) {
    detail::exit_slot &slot = top_slot();
    const bool in_chunk = top_ != nullptr;
    --top_used_;
    --size_;
    return slot.ops->run(slot.storage, pending, in_chunk);
  }

  // Runs every entry with `pending` as the exception in flight; returns
  // what is still pending at the end: entries' exceptions are recorded,
  // never propagated from here. Called while the stack is closing, it runs
  // nothing and returns a std::logic_error. Without can_suppress (an
  // exception unwinds the stack's scope) a handler's true changes nothing:
  // every handler sees the exception.
  std::exception_ptr unwind(std::exception_ptr pending,
                            bool can_suppress) noexcept {
    if (closing_)
      return std::make_exception_ptr(std::logic_error(
          "raii::exit_stack: close() called while the stack is closing"));
    suppressed_.clear();
    closing_ = true;
    while (size_ != 0) {
      try {
        if (pop_and_run(pending) && can_suppress)
          pending = nullptr;
      } catch (...) {
        if (!pending) {
          pending = std::current_exception();
        } else {
          try {
            suppressed_.push_back(std::current_exception());
          } catch (...) {
            // Out of memory while recording a secondary failure: dropped.
          }
        }
      }
    }
    closing_ = false;
    free_chunks();
    return pending;
  }

  // Frees chunks left behind empty (only valid when size_ == 0).
  void free_chunks() noexcept {
    while (top_ != nullptr) {
      detail::exit_chunk *empty = top_;
      top_ = empty->prev;
      delete empty;
    }
    top_used_ = 0;
    inline_used_ = 0;
  }

  void take(exit_stack &other) noexcept {
    const std::size_t n = other.top_ ? other.inline_used_ : other.top_used_;
    for (std::size_t i = 0; i != n; ++i) {
      detail::exit_slot &from = other.inline_[i];
      from.ops->relocate(inline_[i].storage, from.storage);
      inline_[i].ops = from.ops;
    }
    top_ = std::exchange(other.top_, nullptr);
    top_used_ = std::exchange(other.top_used_, 0);
    inline_used_ = std::exchange(other.inline_used_, 0);
    size_ = std::exchange(other.size_, 0);
  }

  detail::exit_slot inline_[detail::exit_inline_slots];
  detail::exit_chunk *top_ = nullptr;
  std::size_t top_used_ = 0;    // entries in the top chunk (or inline_)
  std::size_t inline_used_ = 0; // entries in inline_ while a chunk exists
  std::size_t size_ = 0;
  int uncaught_ = std::uncaught_exceptions();
  bool closing_ = false;
  std::vector<std::exception_ptr> suppressed_;
};

} // namespace raii

#endif // RAII_EXIT_STACK_HPP
