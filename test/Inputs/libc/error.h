// Mock glibc <error.h>: error() and error_at_line() exit when status is not
// 0, which glibc tells gcc only (clang sees functions that return).
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
void error(int status, int errnum, const char *format, ...);
void error_at_line(int status, int errnum, const char *file,
                   unsigned int line, const char *format, ...);
#ifdef __cplusplus
}
#endif
