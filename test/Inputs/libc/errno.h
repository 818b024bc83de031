// Mock <errno.h>.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
int *__errno_location(void);
#define errno (*__errno_location())
#define EINTR 4
#define ENOENT 2
#ifdef __cplusplus
}
#endif
