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
typedef unsigned pthread_key_t;
int pthread_setspecific(pthread_key_t key, const void *value);
void *pthread_getspecific(pthread_key_t key);
#ifdef __cplusplus
}
#endif
