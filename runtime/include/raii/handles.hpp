// raii-tidy runtime: ready-made owning handles for common C resources.
//
//   raii::unique_fd      int from open()/socket()/...   closed with close()
//   raii::unique_file    FILE* from fopen()             closed with fclose()
//   raii::unique_pipe    FILE* from popen()             closed with pclose()
//   raii::unique_dir     DIR* from opendir()            closed with closedir()
//   raii::unique_malloc<T>  T* from malloc()/calloc()   released with free()
//
// Each uses resource traits, so the "no resource" value (-1, nullptr) is
// never passed to the release function, and holds no extra flag:
// sizeof(unique_fd) == sizeof(int). The POSIX handles exist only where the
// POSIX headers do (RAII_HAS_POSIX is then 1). See docs/runtime/handles.md.
#ifndef RAII_HANDLES_HPP
#define RAII_HANDLES_HPP

#include <cstdio>
#include <cstdlib>

#include "unique_resource.hpp"

#if !defined(RAII_HAS_POSIX)
#if defined(__has_include)
#if __has_include(<unistd.h>) && __has_include(<dirent.h>)
#define RAII_HAS_POSIX 1
#endif
#endif
#endif
#if !defined(RAII_HAS_POSIX)
#define RAII_HAS_POSIX 0
#endif

#if RAII_HAS_POSIX
#include <dirent.h>
#include <stdio.h> // pclose is POSIX, declared in <stdio.h>
#include <unistd.h>
#endif

namespace raii {

// Closes a FILE* from fopen(). The result of fclose() (a failed final flush
// can lose data) is dropped, as a destructor must; call fclose() yourself
// on get() and then release() when the result matters.
struct file_closer {
  void operator()(std::FILE *f) const noexcept { (void)std::fclose(f); }
};
using unique_file = unique_resource<std::FILE *, file_closer, null_traits>;

// free() for memory from malloc(), calloc(), realloc(), strdup() ...
struct free_deleter {
  template <class T> void operator()(T *p) const noexcept {
    std::free(const_cast<void *>(static_cast<const volatile void *>(p)));
  }
};
template <class T>
using unique_malloc = unique_resource<T *, free_deleter, null_traits>;

#if RAII_HAS_POSIX
// Closes a file descriptor. close() is not retried on EINTR: on Linux the
// descriptor is released even then, and retrying could close a descriptor
// another thread has just been given.
struct fd_closer {
  void operator()(int fd) const noexcept { (void)::close(fd); }
};
using unique_fd = unique_resource<int, fd_closer, fd_traits>;

// Closes a FILE* from popen() (waits for the child; its status is dropped).
struct pipe_closer {
  void operator()(std::FILE *f) const noexcept { (void)::pclose(f); }
};
using unique_pipe = unique_resource<std::FILE *, pipe_closer, null_traits>;

struct dir_closer {
  void operator()(DIR *d) const noexcept { (void)::closedir(d); }
};
using unique_dir = unique_resource<DIR *, dir_closer, null_traits>;
#endif // RAII_HAS_POSIX

} // namespace raii

#endif // RAII_HANDLES_HPP
