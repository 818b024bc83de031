// Mock <string.h>.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
typedef unsigned long size_t;
char *strdup(const char *s);
void *memset(void *p, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b) __attribute__((__pure__));
int strcasecmp(const char *a, const char *b);
char *strstr(const char *h, const char *n);
char *strcat(char *d, const char *s);
void *memmove(void *d, const void *s, size_t n);
#ifdef __cplusplus
}
#endif
