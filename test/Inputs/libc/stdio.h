// Mock <stdio.h> for fast lit tests (-isystem %mock_include/libc).
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
typedef struct _IO_FILE FILE;
#ifdef __cplusplus
#define NULL 0
#else
#define NULL ((void *)0)
#endif
#define EOF (-1)
FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *path, const char *mode, FILE *f);
FILE *tmpfile(void);
FILE *fopen64(const char *path, const char *mode);
FILE *freopen64(const char *path, const char *mode, FILE *f);
FILE *popen(const char *cmd, const char *mode);
int fclose(FILE *f);
int pclose(FILE *f);
int fputs(const char *s, FILE *f);
extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
int fileno(FILE *f);
int fgetc(FILE *f);
unsigned long fread(void *p, unsigned long size, unsigned long n, FILE *f);
int printf(const char *fmt, ...);
#ifdef __cplusplus
}
#endif
