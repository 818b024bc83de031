// Mock declarations of the POSIX interfaces in rules/posix.yaml and
// rules/stdarg.yaml (dlfcn.h, regex.h, netdb.h, glob.h, semaphore.h,
// pthread.h, stdio.h, spawn.h). Only what the lit tests call.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
#define NULL ((void *)0)
typedef struct _IO_FILE FILE;
void *dlopen(const char *file, int mode);
int dlclose(void *handle);
void *dlsym(void *handle, const char *name);
typedef struct { int re_nsub; } regex_t;
int regcomp(regex_t *preg, const char *pattern, int cflags);
int regexec(const regex_t *preg, const char *s, unsigned long n, void *m, int f);
void regfree(regex_t *preg);
struct addrinfo { int ai_flags; struct addrinfo *ai_next; };
int getaddrinfo(const char *node, const char *service,
                const struct addrinfo *hints, struct addrinfo **res);
void freeaddrinfo(struct addrinfo *res);
typedef struct { unsigned long gl_pathc; char **gl_pathv; } glob_t;
int glob(const char *pattern, int flags, int (*errfunc)(const char *, int),
         glob_t *pglob);
void globfree(glob_t *pglob);
typedef struct { int opaque; } sem_t;
#define SEM_FAILED ((sem_t *)0)
sem_t *sem_open(const char *name, int oflag, ...);
int sem_close(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_post(sem_t *sem);
int sem_init(sem_t *sem, int pshared, unsigned value);
int sem_destroy(sem_t *sem);
typedef volatile int pthread_spinlock_t;
int pthread_spin_lock(pthread_spinlock_t *lock);
int pthread_spin_trylock(pthread_spinlock_t *lock);
int pthread_spin_unlock(pthread_spinlock_t *lock);
typedef struct { int opaque; } pthread_attr_t;
typedef struct { int opaque; } pthread_mutexattr_t;
typedef unsigned long pthread_t;
int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setstacksize(pthread_attr_t *attr, unsigned long size);
int pthread_create(pthread_t *t, const pthread_attr_t *attr,
                   void *(*fn)(void *), void *arg);
int pthread_mutexattr_init(pthread_mutexattr_t *attr);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr);
void flockfile(FILE *f);
int ftrylockfile(FILE *f);
void funlockfile(FILE *f);
int fputs(const char *s, FILE *f);
int sem_getvalue(sem_t *sem, int *value);
#ifdef __cplusplus
}
#endif
