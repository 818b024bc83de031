// Mock <dirent.h>.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
typedef struct __dirstream DIR;
struct dirent { char d_name[256]; };
DIR *opendir(const char *name);
DIR *fdopendir(int fd);
int closedir(DIR *d);
struct dirent *readdir(DIR *d);
#ifdef __cplusplus
}
#endif
