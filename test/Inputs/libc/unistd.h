// Mock <unistd.h> and <fcntl.h> declarations.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
typedef long ssize_t;
#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2
int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, unsigned mode);
int close(int fd);
int dup(int fd);
int dup2(int fd, int to);
int pipe(int fds[2]);
ssize_t read(int fd, void *buf, unsigned long n);
ssize_t write(int fd, const void *buf, unsigned long n);
int socket(int domain, int type, int protocol);
int accept(int fd, void *addr, void *len);
int execvp(const char *file, char *const argv[]);
int fork(void);
void closefrom(int lowfd);
__attribute__((noreturn)) void _exit(int status);
int close_range(unsigned first, unsigned last, int flags);
#ifdef __cplusplus
}
#endif
