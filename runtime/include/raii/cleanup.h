/* raii-tidy runtime: scope cleanup for C, on the GCC/Clang cleanup attribute.
 *
 * C has no destructors. GCC and Clang run a function when a variable marked
 * __attribute__((cleanup(fn))) goes out of scope -- at the closing brace and
 * on return, break, continue and goto out of the scope -- and pass it the
 * variable's address. This header is that attribute plus ready-made cleanups:
 *
 *   RAII_AUTOFREE char *p = malloc(n);        free(p)       unless NULL
 *   RAII_AUTOFILE FILE *f = fopen(path, "r"); fclose(f)     unless NULL
 *   RAII_AUTOFD   int fd = open(path, O_RDONLY);  close(fd) unless negative
 *   RAII_AUTODIR  DIR *d = opendir(path);     closedir(d)   unless NULL
 *   RAII_MUTEX_GUARD(lock_m, &m);             pthread_mutex_lock(&m) now,
 *                                             pthread_mutex_unlock(&m) at exit
 *   RAII_DEFINE_CLEANUP(sqlite3 *, sqlite3_close)    a cleanup for your own
 *   RAII_AUTO(sqlite3_close) sqlite3 *db = NULL;     release function
 *   RAII_DEFINE_CLEANUP_FD(socket_close)             ... for an int handle
 *                                                    (skips negatives)
 *
 *   raii_steal_ptr(&p), raii_steal_fd(&fd)   hand the resource on: return it
 *                                            and leave NULL / -1 behind
 *
 * C99 or later, or C++; needs GCC or Clang (anything else stops at #error).
 * The fd, DIR and mutex parts exist only where <unistd.h>, <dirent.h> and
 * <pthread.h> do (RAII_CLEANUP_HAVE_UNISTD, _DIRENT, _PTHREAD are then 1;
 * define one to 0 to leave that part out). The free, fclose, close and
 * closedir cleanups leave errno as they found it. raii-tidy's C fix-its (option RaiiCCleanupAttribute) rewrite manual
 * release calls into these. See docs/runtime/cleanup.md.
 */
#ifndef RAII_CLEANUP_H
#define RAII_CLEANUP_H

#if !defined(__GNUC__) && !defined(__clang__)
#error "<raii/cleanup.h> needs the GCC/Clang __attribute__((cleanup))"
#endif
#if defined(__has_attribute)
#if !__has_attribute(cleanup)
#error "<raii/cleanup.h>: this compiler has no __attribute__((cleanup))"
#endif
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- which POSIX parts exist ---------------------------------------------- */
/* Each is 1 when its header exists; predefine it to 0 to leave that part out.
 * Without __has_include, any Unix-like target is assumed to have all three. */
#if defined(__has_include)
#if !defined(RAII_CLEANUP_HAVE_UNISTD) && __has_include(<unistd.h>)
#define RAII_CLEANUP_HAVE_UNISTD 1
#endif
#if !defined(RAII_CLEANUP_HAVE_DIRENT) && __has_include(<dirent.h>)
#define RAII_CLEANUP_HAVE_DIRENT 1
#endif
#if !defined(RAII_CLEANUP_HAVE_PTHREAD) && __has_include(<pthread.h>)
#define RAII_CLEANUP_HAVE_PTHREAD 1
#endif
#elif defined(__unix__) || defined(__APPLE__)
#if !defined(RAII_CLEANUP_HAVE_UNISTD)
#define RAII_CLEANUP_HAVE_UNISTD 1
#endif
#if !defined(RAII_CLEANUP_HAVE_DIRENT)
#define RAII_CLEANUP_HAVE_DIRENT 1
#endif
#if !defined(RAII_CLEANUP_HAVE_PTHREAD)
#define RAII_CLEANUP_HAVE_PTHREAD 1
#endif
#endif
#if !defined(RAII_CLEANUP_HAVE_UNISTD)
#define RAII_CLEANUP_HAVE_UNISTD 0
#endif
#if !defined(RAII_CLEANUP_HAVE_DIRENT)
#define RAII_CLEANUP_HAVE_DIRENT 0
#endif
#if !defined(RAII_CLEANUP_HAVE_PTHREAD)
#define RAII_CLEANUP_HAVE_PTHREAD 0
#endif

#if RAII_CLEANUP_HAVE_UNISTD
#include <unistd.h>
#endif
#if RAII_CLEANUP_HAVE_DIRENT
#include <dirent.h>
#endif
#if RAII_CLEANUP_HAVE_PTHREAD
#include <pthread.h>
#endif

/* --- the attribute -------------------------------------------------------- */
/* Marks a variable: fn(&variable) runs when the variable goes out of scope.
 * Placed before the declaration; it applies to every declarator in it. */
#define RAII_CLEANUP(fn) __attribute__((cleanup(fn)))

/* Marks the generated helpers, so one the program never uses draws no
 * -Wunused-function (Clang warns for static inline in the main file). */
#define RAII_CLEANUP_UNUSED_ __attribute__((unused))

/* --- free ----------------------------------------------------------------- */
/* Takes the address of any object pointer variable (char **, struct s **,
 * void **...) and frees the pointer stored there, unless it is NULL. The
 * pointer is read with memcpy, so any object pointer type works. */
static inline RAII_CLEANUP_UNUSED_ void raii_cleanup_free(void *raii_pp) {
  void *raii_ptr;
  memcpy(&raii_ptr, raii_pp, sizeof raii_ptr);
  if (raii_ptr != NULL) {
    int raii_saved_errno = errno;
    free(raii_ptr);
    errno = raii_saved_errno;
  }
}
#define RAII_AUTOFREE RAII_CLEANUP(raii_cleanup_free)

/* --- FILE * --------------------------------------------------------------- */
/* fclose(*f) unless *f is NULL. Only NULL is skipped: a variable holding
 * stdin, stdout or stderr closes that stream. fclose's result (a failed
 * final flush) is dropped: call fclose yourself when it matters. */
static inline RAII_CLEANUP_UNUSED_ void raii_cleanup_fclose(FILE **raii_f) {
  if (*raii_f != NULL) {
    int raii_saved_errno = errno;
    (void)fclose(*raii_f);
    errno = raii_saved_errno;
  }
}
#define RAII_AUTOFILE RAII_CLEANUP(raii_cleanup_fclose)

/* --- file descriptors (POSIX) --------------------------------------------- */
#if RAII_CLEANUP_HAVE_UNISTD
/* close(*fd) unless *fd is negative; errno is preserved. Not retried on
 * EINTR: on Linux the descriptor is released even then. */
static inline RAII_CLEANUP_UNUSED_ void raii_cleanup_close(int *raii_fd) {
  if (*raii_fd >= 0) {
    int raii_saved_errno = errno;
    (void)close(*raii_fd);
    errno = raii_saved_errno;
  }
}
#define RAII_AUTOFD RAII_CLEANUP(raii_cleanup_close)
#endif

/* --- DIR * (POSIX) -------------------------------------------------------- */
#if RAII_CLEANUP_HAVE_DIRENT
/* closedir(*d) unless *d is NULL; errno is preserved. */
static inline RAII_CLEANUP_UNUSED_ void raii_cleanup_closedir(DIR **raii_d) {
  if (*raii_d != NULL) {
    int raii_saved_errno = errno;
    (void)closedir(*raii_d);
    errno = raii_saved_errno;
  }
}
#define RAII_AUTODIR RAII_CLEANUP(raii_cleanup_closedir)
#endif

/* --- pthread mutexes (POSIX) ---------------------------------------------- */
#if RAII_CLEANUP_HAVE_PTHREAD
/* pthread_mutex_unlock(*m) unless *m is NULL. */
static inline RAII_CLEANUP_UNUSED_ void
raii_cleanup_pthread_mutex_unlock(pthread_mutex_t **raii_m) {
  if (*raii_m != NULL)
    (void)pthread_mutex_unlock(*raii_m);
}

/* Locks m and returns it; returns NULL when the lock was not taken (an
 * error-checking mutex the thread already holds, EDEADLK, or any other
 * error), so the guard then unlocks nothing. A robust mutex whose owner died
 * (EOWNERDEAD) is held, so m is returned. */
static inline RAII_CLEANUP_UNUSED_ pthread_mutex_t *
raii_pthread_mutex_lock(pthread_mutex_t *raii_m) {
  int raii_rc = pthread_mutex_lock(raii_m);
#if defined(EOWNERDEAD)
  if (raii_rc == EOWNERDEAD)
    return raii_m;
#endif
  return raii_rc == 0 ? raii_m : NULL;
}

/* Declares pthread_mutex_t *name holding mutex_ptr locked until the end of
 * the scope: RAII_MUTEX_GUARD(lock_m, &m); name is NULL if locking failed. */
#define RAII_MUTEX_GUARD(name, mutex_ptr)                                    \
  RAII_CLEANUP(raii_cleanup_pthread_mutex_unlock)                            \
  RAII_CLEANUP_UNUSED_ pthread_mutex_t *name =                               \
      raii_pthread_mutex_lock(mutex_ptr)
#endif

/* --- hand-off ------------------------------------------------------------- */
/* Returns *pp and sets *pp to NULL, so the variable's cleanup does nothing:
 * return raii_steal_ptr(&buf);  The result has the type of *pp. */
#define raii_steal_ptr(pp)                                                   \
  __extension__({                                                            \
    __typeof__(*(pp)) *raii_steal_pp_ = (pp);                                \
    __typeof__(*(pp)) raii_steal_p_ = *raii_steal_pp_;                       \
    *raii_steal_pp_ = NULL;                                                  \
    raii_steal_p_;                                                           \
  })

/* Returns *fd and sets *fd to -1: return raii_steal_fd(&fd); */
static inline RAII_CLEANUP_UNUSED_ int raii_steal_fd(int *raii_fd) {
  int raii_stolen = *raii_fd;
  *raii_fd = -1;
  return raii_stolen;
}

/* --- your own release functions ------------------------------------------- */
/* RAII_DEFINE_CLEANUP(type, release) defines
 *   static inline void raii_cleanup_<release>(type *p)
 * calling release(*p) unless *p is 0 / NULL, and RAII_AUTO(release) is the
 * prefix that uses it:
 *   RAII_DEFINE_CLEANUP(sqlite3 *, sqlite3_close)
 *   RAII_AUTO(sqlite3_close) sqlite3 *db = NULL;
 * RAII_DEFINE_CLEANUP_INVALID(type, release, invalid) skips `invalid`
 * instead (e.g. -1 for descriptor-like handles, where 0 is a valid one),
 * and RAII_DEFINE_CLEANUP_FD(release) takes an int and skips every
 * negative value, as RAII_AUTOFD does for close.
 * release must be a plain function name; its result is dropped. The names
 * of the ready-made helpers (free, fclose, close, closedir,
 * pthread_mutex_unlock) are taken. The macros expand to a function
 * definition: no semicolon is needed after them (in C, -Wpedantic warns
 * about one). */
#define RAII_DEFINE_CLEANUP(type, release)                                   \
  static inline RAII_CLEANUP_UNUSED_ void raii_cleanup_##release(            \
      type *raii_p) {                                                        \
    if (*raii_p)                                                             \
      (void)release(*raii_p);                                                \
  }
#define RAII_DEFINE_CLEANUP_INVALID(type, release, invalid)                  \
  static inline RAII_CLEANUP_UNUSED_ void raii_cleanup_##release(            \
      type *raii_p) {                                                        \
    if (*raii_p != (invalid))                                                \
      (void)release(*raii_p);                                                \
  }
#define RAII_DEFINE_CLEANUP_FD(release)                                      \
  static inline RAII_CLEANUP_UNUSED_ void raii_cleanup_##release(            \
      int *raii_fd) {                                                        \
    if (*raii_fd >= 0)                                                       \
      (void)release(*raii_fd);                                               \
  }
#define RAII_AUTO(release) RAII_CLEANUP(raii_cleanup_##release)

#endif /* RAII_CLEANUP_H */
