// Mock declarations of the POSIX, BSD and glibc objects of
// test/rules/system-objects.c, spelled as glibc spells them.
#ifndef SYSTEM_API_H
#define SYSTEM_API_H
typedef unsigned long size_t;
typedef struct FILE FILE;
struct ifaddrs { struct ifaddrs *ifa_next; char *ifa_name; };
int getifaddrs(struct ifaddrs **ifap);
void freeifaddrs(struct ifaddrs *ifa);
struct if_nameindex { unsigned if_index; char *if_name; };
struct if_nameindex *if_nameindex(void);
void if_freenameindex(struct if_nameindex *ptr);
typedef struct __locale_struct *locale_t;
#define LC_ALL_MASK 0x1fbf
locale_t newlocale(int mask, const char *locale, locale_t base);
locale_t duplocale(locale_t loc);
void freelocale(locale_t loc);
typedef void *timer_t;
struct sigevent;
int timer_create(int clock, struct sigevent *sev, timer_t *timerid);
int timer_delete(timer_t timerid);
#define CLOCK_MONOTONIC 1
typedef int mqd_t;
mqd_t mq_open(const char *name, int oflag, ...);
int mq_close(mqd_t mqdes);
typedef struct { size_t we_wordc; char **we_wordv; size_t we_offs; }
    wordexp_t;
int wordexp(const char *words, wordexp_t *we, int flags);
void wordfree(wordexp_t *we);
typedef void *nl_catd;
nl_catd catopen(const char *name, int oflag);
char *catgets(nl_catd catd, int set, int msg, const char *s);
int catclose(nl_catd catd);
void *shmat(int shmid, const void *addr, int flags);
int shmdt(const void *addr);
typedef struct FTS FTS;
typedef struct FTSENT { char *fts_path; } FTSENT;
FTS *fts_open(char *const *argv, int options,
              int (*compar)(const FTSENT **, const FTSENT **));
FTSENT *fts_read(FTS *ftsp);
int fts_close(FTS *ftsp);
#define FTS_PHYSICAL 0x0010
struct mntent { char *mnt_fsname; char *mnt_dir; };
FILE *setmntent(const char *file, const char *type);
struct mntent *getmntent(FILE *stream);
int endmntent(FILE *stream);
int fanotify_init(unsigned flags, unsigned event_f_flags);
int pidfd_open(int pid, unsigned flags);
int close(int fd);
char **backtrace_symbols(void *const *buffer, int size);
void free(void *p);
int use(const void *p);
#endif
