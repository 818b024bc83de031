// Mock declarations for extends.c: a project's wrappers of stdio, the heap
// and descriptors (rules in extends/proj.yaml), and the shipped functions
// they are used with. Included as a system header, like a library's.
#pragma once
#define NULL ((void *)0)
typedef struct _IO_FILE FILE;
FILE *fopen(const char *path, const char *mode);
int fclose(FILE *f);
int fputs(const char *s, FILE *f);
void *malloc(unsigned long n);
void free(void *p);
void g_free(void *p);
int open(const char *path, int flags, ...);
int close(int fd);
int pipe(int fds[2]);
FILE *proj_fopen(const char *path);
void proj_fclose(FILE *f);
void *proj_malloc(unsigned long n);
char *proj_strdup(const char *s);
void proj_free(void *p);
int proj_open(const char *path);
void proj_adopt_fd(int fd);
void proj_use_fd(int fd);
typedef struct { int opaque; } pthread_mutex_t;
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);
void proj_mutex_lock(pthread_mutex_t *m);
void proj_mutex_unlock(pthread_mutex_t *m);
typedef struct proj_conn proj_conn;
proj_conn *proj_connect(const char *host);
proj_conn *proj_reconnect(const char *host);
void proj_disconnect(proj_conn *c);
int proj_send(proj_conn *c, const char *msg);
