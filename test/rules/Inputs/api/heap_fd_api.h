// Mock declarations of the heap, descriptor and stream functions added to
// rules/memory.yaml, rules/posix-fd.yaml and rules/stdio.yaml (stdlib.h,
// stdio.h, unistd.h, sys/socket.h, sys/mman.h, dirent.h, zlib.h). Only what
// heap-fd.c calls.
#pragma once
#define NULL ((void *)0)
typedef unsigned long size_t;
typedef long ssize_t;
typedef __builtin_va_list va_list;
typedef struct _IO_FILE FILE;
void free(void *p);
void g_free(void *p);
int close(int fd);
int fclose(FILE *f);
ssize_t write(int fd, const void *buf, size_t n);
int posix_memalign(void **memptr, size_t alignment, size_t size);
void *memalign(size_t alignment, size_t size);
char *canonicalize_file_name(const char *path);
void *recallocarray(void *ptr, size_t oldnmemb, size_t nmemb, size_t size);
void freezero(void *ptr, size_t size);
ssize_t getline(char **lineptr, size_t *n, FILE *stream);
ssize_t getdelim(char **lineptr, size_t *n, int delim, FILE *stream);
int asprintf(char **strp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int vasprintf(char **strp, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
struct dirent { char d_name[256]; };
int scandir(const char *dir, struct dirent ***namelist,
            int (*filter)(const struct dirent *),
            int (*compar)(const struct dirent **, const struct dirent **));
int socketpair(int domain, int type, int protocol, int sv[2]);
int shm_open(const char *name, int oflag, unsigned mode);
int shm_unlink(const char *name);
int mkstemp(char *tmpl);
int mkostemp(char *tmpl, int flags);
int posix_openpt(int flags);
int timerfd_create(int clockid, int flags);
typedef struct gzFile_s *gzFile;
gzFile gzdopen(int fd, const char *mode);
int gzclose(gzFile file);
int gzputs(gzFile file, const char *s);
typedef struct {
  ssize_t (*read)(void *, char *, size_t);
  ssize_t (*write)(void *, const char *, size_t);
  int (*seek)(void *, long *, int);
  int (*close)(void *);
} cookie_io_functions_t;
FILE *fopencookie(void *cookie, const char *mode, cookie_io_functions_t io);
void *malloc(size_t n);
char *realpath(const char *path, char *resolved);
