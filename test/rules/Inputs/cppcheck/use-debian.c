// Calls functions that only the imported Debian cppcheck libraries describe
// (posix.cfg: mq_open/mq_close; python.cfg: PyMem_Malloc/PyMem_Free).
typedef int mqd_t;
mqd_t mq_open(const char *name, int oflag, ...);
int mq_close(mqd_t q);
int mq_send(mqd_t q, const char *msg, unsigned long len, unsigned prio);
void *PyMem_Malloc(unsigned long n);
void PyMem_Free(void *p);
void free(void *p);

int notify(const char *name) {
  mqd_t q = mq_open(name, 1);
  if (q < 0)
    return -1;
  if (mq_send(q, "x", 1, 0) != 0)
    return -2;
  return mq_close(q);
}

void buffer(void) {
  char *p = PyMem_Malloc(8);
  free(p);
}

// std.cfg's xmalloc is released by free: the importer extends c-heap.
void *xmalloc(unsigned long n);
void xbuffer(int fail) {
  char *p = xmalloc(8);
  if (fail)
    return;
  free(p);
}
