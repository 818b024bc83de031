// Mock declarations of the memory-mapping and iconv interfaces for
// test/rules/mmap-iconv.c, spelled as glibc spells them.
#ifndef MMAP_ICONV_API_H
#define MMAP_ICONV_API_H
typedef unsigned long size_t;
typedef long off_t;
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define MAP_PRIVATE 0x02
#define MAP_ANONYMOUS 0x20
#define MREMAP_MAYMOVE 1
#define MAP_FAILED ((void *) -1)
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...);
typedef void *iconv_t;
iconv_t iconv_open(const char *to, const char *from);
size_t iconv(iconv_t cd, char **in, size_t *in_left, char **out,
             size_t *out_left);
int iconv_close(iconv_t cd);
int use(const char *p);
#endif
