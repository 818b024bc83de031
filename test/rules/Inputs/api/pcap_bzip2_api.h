// Mock declarations of the libpcap and libbzip2 functions in
// rules/libpcap.yaml and rules/bzip2.yaml.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
#define NULL ((void *)0)
typedef struct FILE FILE;
FILE *fopen(const char *path, const char *mode);
FILE *popen(const char *cmd, const char *mode);
int fclose(FILE *f);
int pclose(FILE *f);
int open(const char *path, int flags, ...);
int close(int fd);

typedef struct pcap pcap_t;
typedef struct pcap_dumper pcap_dumper_t;
typedef struct pcap_if pcap_if_t;
struct bpf_program { unsigned bf_len; void *bf_insns; };
pcap_t *pcap_open_live(const char *dev, int snaplen, int promisc, int ms,
                       char *errbuf);
pcap_t *pcap_open_offline(const char *fname, char *errbuf);
pcap_t *pcap_fopen_offline(FILE *fp, char *errbuf);
int pcap_compile(pcap_t *p, struct bpf_program *fp, const char *str,
                 int optimize, unsigned netmask);
int pcap_setfilter(pcap_t *p, struct bpf_program *fp);
void pcap_freecode(struct bpf_program *fp);
pcap_dumper_t *pcap_dump_open(pcap_t *p, const char *fname);
void pcap_dump_close(pcap_dumper_t *d);
int pcap_findalldevs(pcap_if_t **alldevs, char *errbuf);
void pcap_freealldevs(pcap_if_t *alldevs);
int pcap_loop(pcap_t *p, int cnt, void (*cb)(unsigned char *, const void *,
                                              const unsigned char *),
              unsigned char *user);
void pcap_close(pcap_t *p);

typedef void BZFILE;
BZFILE *BZ2_bzReadOpen(int *bzerror, FILE *f, int verbosity, int small,
                       void *unused, int nUnused);
int BZ2_bzRead(int *bzerror, BZFILE *b, void *buf, int len);
void BZ2_bzReadClose(int *bzerror, BZFILE *b);
BZFILE *BZ2_bzdopen(int fd, const char *mode);
BZFILE *BZ2_bzopen(const char *path, const char *mode);
int BZ2_bzread(BZFILE *b, void *buf, int len);
void BZ2_bzclose(BZFILE *b);
#ifdef __cplusplus
}
#endif
