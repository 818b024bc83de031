// Mock declarations of the zlib functions in rules/zlib.yaml; the Init
// macros expand as zlib.h's do.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
#define NULL ((void *)0)
#define Z_OK 0
#define Z_FINISH 4
#define Z_STREAM_END 1
typedef struct z_stream_s { const unsigned char *next_in; unsigned avail_in; } z_stream;
typedef z_stream *z_streamp;
typedef struct gzFile_s *gzFile;
int deflateInit_(z_streamp strm, int level, const char *version, int stream_size);
int inflateInit_(z_streamp strm, const char *version, int stream_size);
int deflateInit2_(z_streamp strm, int level, int method, int windowBits,
                  int memLevel, int strategy, const char *version, int stream_size);
#define deflateInit(strm, level) deflateInit_((strm), (level), "1.3", (int)sizeof(z_stream))
#define inflateInit(strm) inflateInit_((strm), "1.3", (int)sizeof(z_stream))
#define deflateInit2(strm, level, method, windowBits, memLevel, strategy) \
  deflateInit2_((strm), (level), (method), (windowBits), (memLevel), (strategy), "1.3", (int)sizeof(z_stream))
int deflate(z_streamp strm, int flush);
int inflate(z_streamp strm, int flush);
int deflateEnd(z_streamp strm);
int inflateEnd(z_streamp strm);
gzFile gzopen(const char *path, const char *mode);
gzFile gzdopen(int fd, const char *mode);
int gzwrite(gzFile file, const void *buf, unsigned len);
int gzclose(gzFile file);
#ifdef __cplusplus
}
#endif
