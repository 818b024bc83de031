// Mock <regex.h>: the POSIX regex calls the rules name.
#pragma once
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef struct { size_t re_nsub; void *re_impl; } regex_t;
typedef struct { int rm_so; int rm_eo; } regmatch_t;
#define REG_EXTENDED 1
#define REG_ICASE 2
int regcomp(regex_t *preg, const char *pattern, int cflags);
int regexec(const regex_t *preg, const char *string, size_t nmatch,
            regmatch_t pmatch[], int eflags);
void regfree(regex_t *preg);
#ifdef __cplusplus
}
#endif
