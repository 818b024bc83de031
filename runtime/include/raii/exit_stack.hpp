// raii-tidy runtime: exit_stack — Python's contextlib.ExitStack for C++.
//
// Callbacks and guards are pushed at run time and run in LIFO order when the
// stack is closed or destroyed. Every entry runs even if one throws. Entries
// are stored in fixed-size slots: the first few inside the exit_stack object,
// later ones in heap chunks of many slots; only an entry larger than a slot,
// over-aligned, or not nothrow-move-constructible gets its own heap block.
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

namespace raii {
namespace detail {

// A slot holds one entry: 5 pointers' worth, so a lambda capturing three or
// four references plus a scope guard's flag fits.
inline constexpr std::size_t exit_slot_size = 5 * sizeof(void *);
inline constexpr std::size_t exit_slot_align = alignof(void *);
inline constexpr std::size_t exit_inline_slots = 8;
inline constexpr std::size_t exit_chunk_slots = 32;

struct exit_entry_ops {
  // Runs the entry's cleanup and ends its lifetime, even when the cleanup
  // throws.
  void (*run)(void *storage);
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

// What "running" an entry means: a callback is called, then destroyed; a
// pushed guard or resource is just destroyed (its destructor cleans up).
struct callback_kind {
  template <class T> static void finish(T &t) { t(); }
};
struct object_kind {
  template <class T> static void finish(T &) noexcept {}
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
  static void run(void *p) {
    destroy_at_exit<T> d{std::launder(static_cast<T *>(p))};
    Kind::finish(*d.obj);
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
  static void run(void *p) {
    delete_at_exit<T> d{pointer(p)};
    Kind::finish(*d.obj);
  }
  static void relocate(void *dst, void *src) noexcept {
    ::new (dst) T *(pointer(src));
  }
  static constexpr exit_entry_ops ops{&run, &relocate};
};

} // namespace detail

class exit_stack {
public:
  exit_stack() noexcept = default;

  // Takes over every entry of other, which is left empty.
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
  // exception unwinding its scope, exceptions from entries are discarded:
  // the one in flight is the one reported and a second would terminate.
  ~exit_stack() noexcept(false) {
    if (size_ == 0) {
      free_chunks();
      return;
    }
    if (std::uncaught_exceptions() > uncaught_) {
      try {
        close();
      } catch (...) {
        // Deliberately dropped, see above.
      }
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
    try {
      emplace<T, detail::callback_kind>(std::forward<F>(f));
    } catch (...) {
      f();
      throw;
    }
  }

  // Takes ownership of a guard or resource (scope_exit, unique_resource,
  // unique_fd, closing, std::unique_ptr, ...): it is destroyed, and so
  // does its cleanup, when the stack closes. Returns the stored object. If
  // it cannot be stored, the argument is left to its owner, whose
  // destructor then cleans up.
  template <class G> std::decay_t<G> &push(G &&guard) {
    static_assert(!std::is_lvalue_reference_v<G>,
                  "raii::exit_stack::push: pass the guard as an rvalue "
                  "(std::move(g)); the stack takes ownership of it");
    return emplace<std::decay_t<G>, detail::object_kind>(std::move(guard));
  }

  // Moves every entry into a new stack and returns it; this one is left
  // empty. Python: `with ExitStack() as s: ...; keep = s.pop_all()`.
  [[nodiscard]] exit_stack pop_all() noexcept {
    exit_stack result;
    result.take(*this);
    return result;
  }

  // Runs every entry, most recently pushed first, and leaves the stack
  // empty. If entries throw, all still run; the first exception (from the
  // most recently pushed entry that threw) propagates unchanged, and the
  // later ones are kept in suppressed() until the next close().
  // Calling close() from an entry while the stack closes throws
  // std::logic_error (recorded like any other failure of that entry).
  void close() {
    if (closing_)
      throw std::logic_error(
          "raii::exit_stack: close() called while the stack is closing");
    suppressed_.clear();
    closing_ = true;
    std::exception_ptr first;
    while (size_ != 0) {
      detail::exit_slot &slot = top_slot();
      --top_used_;
      --size_;
      try {
        slot.ops->run(slot.storage);
      } catch (...) {
        if (!first) {
          first = std::current_exception();
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
    if (first)
      std::rethrow_exception(first);
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

  // Exceptions from entries after the first one in the last close().
  [[nodiscard]] const std::vector<std::exception_ptr> &
  suppressed() const noexcept {
    return suppressed_;
  }

private:
  template <class T, class Kind, class Arg> T &emplace(Arg &&arg) {
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
    detail::exit_slot &slot = free_slot();
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

  // The slot the next entry goes to; may allocate a chunk.
  detail::exit_slot &free_slot() {
    if (top_ == nullptr) {
      if (top_used_ < detail::exit_inline_slots)
        return inline_[top_used_];
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
  // called when size_ != 0. Chunks below the top are always full.
  detail::exit_slot &top_slot() noexcept {
    while (top_ != nullptr && top_used_ == 0) {
      detail::exit_chunk *empty = top_;
      top_ = empty->prev;
      delete empty;
      top_used_ = top_ ? detail::exit_chunk_slots : detail::exit_inline_slots;
    }
    return top_ ? top_->slots[top_used_ - 1] : inline_[top_used_ - 1];
  }

  // Frees chunks left behind empty (only valid when size_ == 0).
  void free_chunks() noexcept {
    while (top_ != nullptr) {
      detail::exit_chunk *empty = top_;
      top_ = empty->prev;
      delete empty;
    }
    top_used_ = 0;
  }

  void take(exit_stack &other) noexcept {
    const std::size_t n =
        other.top_ ? detail::exit_inline_slots : other.top_used_;
    for (std::size_t i = 0; i != n; ++i) {
      detail::exit_slot &from = other.inline_[i];
      from.ops->relocate(inline_[i].storage, from.storage);
      inline_[i].ops = from.ops;
    }
    top_ = std::exchange(other.top_, nullptr);
    top_used_ = std::exchange(other.top_used_, 0);
    size_ = std::exchange(other.size_, 0);
  }

  detail::exit_slot inline_[detail::exit_inline_slots];
  detail::exit_chunk *top_ = nullptr;
  std::size_t top_used_ = 0; // entries in the top chunk (or inline_)
  std::size_t size_ = 0;
  int uncaught_ = std::uncaught_exceptions();
  bool closing_ = false;
  std::vector<std::exception_ptr> suppressed_;
};

} // namespace raii

#endif // RAII_EXIT_STACK_HPP
