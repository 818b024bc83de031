// Mock <pthread.h>.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
typedef struct { int opaque; } pthread_mutex_t;
typedef struct { int opaque; } pthread_rwlock_t;
typedef unsigned long pthread_t;
typedef struct { int opaque; } pthread_attr_t;
#define PTHREAD_MUTEX_INITIALIZER {0}
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_rwlock_rdlock(pthread_rwlock_t *l);
int pthread_rwlock_wrlock(pthread_rwlock_t *l);
int pthread_rwlock_unlock(pthread_rwlock_t *l);
int pthread_create(pthread_t *t, const pthread_attr_t *attr,
                   void *(*start)(void *), void *arg);
int pthread_detach(pthread_t t);
int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
typedef unsigned pthread_key_t;
int pthread_setspecific(pthread_key_t key, const void *value);
void *pthread_getspecific(pthread_key_t key);
void pthread_exit(void *retval) __attribute__((__noreturn__));
// Cleanup handlers, in glibc's shape: the routine is kept in a local
// function pointer and called by the pop when its argument is nonzero (or
// on cancellation, where the pushing frame is unwound).
typedef struct { int opaque[8]; } __mock_cancel_buf_t;
int __mock_cancel_setjmp(__mock_cancel_buf_t *buf);
void __mock_cancel_register(__mock_cancel_buf_t *buf);
void __mock_cancel_unregister(__mock_cancel_buf_t *buf);
void __mock_cancel_unwind(__mock_cancel_buf_t *buf)
    __attribute__((__noreturn__));
#define pthread_cleanup_push(routine, arg)                                     \
  do {                                                                         \
    __mock_cancel_buf_t __cancel_buf;                                          \
    void (*__cancel_routine)(void *) = (routine);                              \
    void *__cancel_arg = (arg);                                                \
    if (__mock_cancel_setjmp(&__cancel_buf)) {                                 \
      __cancel_routine(__cancel_arg);                                          \
      __mock_cancel_unwind(&__cancel_buf);                                     \
    }                                                                          \
    __mock_cancel_register(&__cancel_buf);                                     \
    do {
#define pthread_cleanup_pop(execute)                                           \
    } while (0);                                                               \
    __mock_cancel_unregister(&__cancel_buf);                                   \
    if (execute)                                                               \
      __cancel_routine(__cancel_arg);                                          \
  } while (0)
#ifdef __cplusplus
}
#endif
