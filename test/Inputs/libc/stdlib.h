// Mock <stdlib.h>.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
typedef unsigned long size_t;
void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);
void *aligned_alloc(size_t align, size_t n);
void free(void *p);
int putenv(char *string);
__attribute__((noreturn)) void abort(void);
__attribute__((noreturn)) void exit(int);
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#ifdef __cplusplus
}
#endif
