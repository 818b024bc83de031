// Mock declarations of the libselinux functions in rules/selinux.yaml, as
// selinux/selinux.h and selinux/label.h declare them.
#ifndef MOCK_SELINUX_API_H
#define MOCK_SELINUX_API_H
typedef int pid_t;
typedef unsigned int mode_t;
extern void free(void *);
extern int getcon(char **con);
extern int getpidcon(pid_t pid, char **con);
extern int getfilecon(const char *path, char **con);
extern int matchpathcon(const char *path, mode_t mode, char **con);
extern void freecon(char *con);
struct selabel_handle;
struct selinux_opt;
extern struct selabel_handle *selabel_open(unsigned int backend,
                                           const struct selinux_opt *opts,
                                           unsigned nopts);
extern void selabel_close(struct selabel_handle *handle);
extern int selabel_lookup(struct selabel_handle *handle, char **con,
                          const char *key, int type);
#define SELABEL_CTX_FILE 0
#endif
