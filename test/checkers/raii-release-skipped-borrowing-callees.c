// A function of the translation unit that does nothing with its parameter
// that could keep or release it (reads through it, tests it, prints it,
// passes it on to functions that borrow it in turn) borrows the handle,
// whatever the family says of calls in general: heap memory given to such a
// helper and then dropped leaks. A helper that frees it on some path,
// stores it, returns it or gives it to a function that may keep it still
// takes it over. Integer handles copied through several locals are one
// handle, and a test of the last copy tells of the acquire (a variable
// first set to a constant still has one value to copy).
// RUN: %check_raii %s raii-release-skipped %t -- -std=c11 -isystem %mock_include/libc

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void show(char *data) { printf("%s\n", data); }
static void fill(char *data, int n) {
  if (!data || n <= 0)
    return;
  data[0] = 'a';
  memset(data + 1, 0, (size_t)n - 1);
  show(data);
}
static void nothing(char *data) { (void)data; }
static void freeSometimes(char *data, int c) {
  if (c)
    free(data);
}
static char *kept;
static void keep(char *data) { kept = data; }
static void keepLater(char *data) { keep(data); }
static char *echo(char *data) { return data; }
static void unknown(char *data);

void shown(void) {
  char *data = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'data' acquired by 'malloc' is never released [raii-release-skipped]
  if (!data)
    return;
  fill(data, 16);
  show(data);
}

void passedToNothing(void) {
  char *data = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'data' acquired by 'malloc' is never released [raii-release-skipped]
  nothing(data);
}

void freedThereSometimes(int c) {
  char *data = malloc(16);
  freeSometimes(data, c);
}

void keptThere(void) {
  char *data = malloc(16);
  keep(data);
}

void keptFurtherDown(void) {
  char *data = malloc(16);
  keepLater(data);
}

void returnedFromThere(char **out) {
  char *data = malloc(16);
  *out = echo(data);
}

void notSeen(void) {
  char *data = malloc(16);
  unknown(data);
}

int copiedTwice(void) {
  int fd = open("f", 0);
  if (fd < 0)
    return -1;
  {
    int copy = fd;
    int inner = copy;
    close(inner);
  }
  return 0;
}

void copiedTwiceTested(void) {
  int fd;
  fd = -1;
  fd = open("f", 0);
  {
    int copy = fd;
    int fd = copy;
    if (fd != -1)
      close(fd);
  }
}

int copiedTwiceLeaked(int flag) {
  int fd = open("f", 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return -1;
  int copy = fd;
  int inner = copy;
  if (flag)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  close(inner);
  return 0;
}

// Returning a value read through the handle hands nothing off; returning
// an address into its block (an array field, `&p->field`) hands it off.
struct rec {
  int id;
  char name[8];
};

int fieldReturned(void) {
  struct rec *r = malloc(sizeof *r);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'r' acquired by 'malloc' is never released [raii-release-skipped]
  if (!r)
    return -1;
  r->id = 3;
  return r->id;
}

char *nameReturned(void) {
  struct rec *r = malloc(sizeof *r);
  if (!r)
    return 0;
  return r->name;
}

int *idAddressReturned(void) {
  struct rec *r = malloc(sizeof *r);
  if (!r)
    return 0;
  return &r->id;
}

// The same through a local that nothing but its initialiser writes
// (sudo's `debug_return_ptr(rcs->str)` macro: `void *ret = (rcs->str);
// return ret;`); before, "never released". A value read through the
// handle, returned through such a local, still hands nothing off.
char *nameReturnedThroughCopy(void) {
  struct rec *r = malloc(sizeof *r);
  if (!r)
    return 0;
  do {
    void *ret = (r->name);
    return ret;
  } while (0);
}

long idReturnedThroughCopy(void) {
  struct rec *r = malloc(sizeof *r);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'r' acquired by 'malloc' is never released [raii-release-skipped]
  if (!r)
    return -1;
  r->id = 3;
  long ret = r->id;
  return ret;
}

// The new thread owns its start argument; the caller frees it only when
// the thread was not created.
#include <pthread.h>
static void *worker(void *arg) {
  free(arg);
  return 0;
}

int spawn(void) {
  pthread_t t;
  int *arg = malloc(sizeof *arg);
  if (!arg)
    return -1;
  *arg = 1;
  if (pthread_create(&t, 0, worker, arg) != 0) {
    free(arg);
    return -1;
  }
  return pthread_detach(t);
}

// Thread-specific data keeps the pointer (the key's destructor frees it):
// a function that stores it there and returns it hands out nothing its
// caller owns.
static pthread_key_t ctx_key;
static int *thread_context(void) {
  int *ctx = calloc(1, sizeof *ctx);
  if (!ctx)
    return 0;
  pthread_setspecific(ctx_key, ctx);
  return ctx;
}
int contextValue(void) {
  int *ctx = pthread_getspecific(ctx_key);
  if (!ctx) {
    ctx = thread_context();
    if (!ctx)
      return 0;
  }
  return *ctx;
}

#include <threads.h>
static tss_t buf_key;
int threadBuffer(void) {
  char *buf = malloc(64);
  if (!buf)
    return -1;
  return tss_set(buf_key, buf);
}

// putenv makes the string part of the environment.
int exportVariable(const char *assignment) {
  char *s = strdup(assignment);
  if (!s)
    return -1;
  if (putenv(s) != 0) {
    free(s);
    return -1;
  }
  return 0;
}

// A function of the file that closes a stream or descriptor it is given on
// some path only (under a flag the caller set, a mode) may take it, as one
// that frees memory on some path does, whatever the family says of calls
// in general (Juliet's CWE775 variant 21: `if (sinkEnabled) fclose(f);`).
static int closeAfterWrite = 0;
static void finishStream(FILE *f) {
  if (closeAfterWrite) {
    if (f != NULL)
      fclose(f);
  }
}
void negativeStreamToConditionalCloser(void) {
  FILE *f = fopen("out.txt", "w+");
  closeAfterWrite = 1;
  finishStream(f);
}

static void finishDescriptor(int fd, int keep) {
  if (!keep)
    close(fd);
}
void negativeDescriptorToConditionalCloser(void) {
  int fd = open("out.txt", 0);
  if (fd < 0)
    return;
  finishDescriptor(fd, 0);
}

// One that only writes to the stream borrows it: the stream leaks.
static void writeHeader(FILE *f) {
  if (f != NULL)
    fputs("header\n", f);
}
void positiveStreamToWriter(void) {
  FILE *f = fopen("out.txt", "w+");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is never released [raii-release-skipped]
  writeHeader(f);
}

// One that first gives its parameter a stream of its own closes that one,
// not the caller's (Juliet's CWE773 variants 21, 41): the caller's leaks.
static void reopenAndClose(FILE *f, int enabled) {
  if (enabled) {
    f = fopen("other.txt", "w+");
    if (f != NULL)
      fclose(f);
  }
}
void positiveStreamToReopener(void) {
  FILE *f = fopen("out.txt", "w+");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is never released [raii-release-skipped]
  reopenAndClose(f, 1);
}

// The local's initialiser read from a variable given another value before
// the return: the return gives the old value, not the new block.
char *positiveInitialiserVariableReassigned(struct rec *r) {
  char *ret = r->name;
  r = malloc(sizeof *r);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'r' acquired by 'malloc' is never released [raii-release-skipped]
  if (!r)
    return 0;
  r->id = 1;
  return ret;
}

// A taker's result stored through an out-parameter and tested there (ldns'
// `*rd = ldns_rdf_new(.., data); if (!*rd) { free(data); return ..; }`):
// the test tells where it took the block, as a local result's does.
struct rdf {
  unsigned long size;
  void *data;
};
static void rdfSetData(struct rdf *rd, void *data) { rd->data = data; }
static struct rdf *rdfNew(unsigned long size, void *data) {
  struct rdf *rd = malloc(sizeof *rd);
  if (!rd)
    return NULL;
  rd->size = size;
  rdfSetData(rd, data);
  return rd;
}
int negativeTakerResultThroughOutParameter(struct rdf **out, unsigned long n) {
  unsigned char *data = malloc(n);
  if (data == NULL)
    return -1;
  *out = rdfNew(n, data);
  if (!*out) {
    free(data);
    return -1;
  }
  return 0;
}
// A test of another place tells nothing of it.
struct rdf *rdfAdopt(unsigned long size, void *data);
int positiveOtherPlaceTested(struct rdf **out, struct rdf **other,
                             unsigned long n) {
  unsigned char *data = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'data' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (data == NULL)
    return -1;
  *out = rdfAdopt(n, data);
  if (!*other) {
    free(data);
    return -1;
  }
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'data' is skipped by this return
}
// Nor a test of a place written alike once what it is reached through
// changed (`p = p->next;`).
struct rdfNode {
  struct rdf *a;
  struct rdfNode *next;
};
int positivePlaceMoved(struct rdfNode *p, unsigned long n) {
  unsigned char *data = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'data' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!data)
    return -1;
  p->a = rdfAdopt(n, data);
  p = p->next;
  if (!p->a) {
    free(data);
    return -1;
  }
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'data' is skipped by this return
}

// A status or-ed into a word and tested by a bit of it (haproxy's `err |=
// parse_table(t, id); if (err & ERR_FATAL) { free(id); .. }`): released
// only where the call failed, the block was taken where it succeeded.
#define ERR_FATAL 0x4
struct table;
int parse_table(struct table *t, char *id);
int check_table(struct table *t);
int negativeStatusWord(struct table *t, const char *name) {
  int err = 0;
  char *id = strdup(name);
  if (!id)
    return ERR_FATAL;
  err |= parse_table(t, id);
  if (err & ERR_FATAL) {
    free(id);
    return err;
  }
  return err;
}

// Twin: the word holds another call's status; nothing tells whether
// parse_table kept the block.
int positiveOtherStatusWord(struct table *t, const char *name) {
  int err = 0;
  char *id = strdup(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'id' acquired by 'strdup' is not released on every path [raii-release-skipped]
  if (!id)
    return ERR_FATAL;
  parse_table(t, id);
  err |= check_table(t);
  if (err & ERR_FATAL) {
    free(id);
    return err;
  }
  return err;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'id' is skipped by this return
}

// A function of the file that stores the descriptor in a global, then a
// release on every path after it: it only borrowed; the path that skips
// the release leaks.
static int pppFd = -1;
static void setPppFd(int fd) { pppFd = fd; }
int positiveKeeperThenReleasedOnEveryPath(const char *dev, int fail) {
  int fd = open(dev, O_RDWR);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return -1;
  setPppFd(fd);
  if (fail)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  close(fd);
  return 0;
}

// A function of the file that gives the address of its parameter's field
// to a function of another file (btrfs-progs' `rb_insert(&tree,
// &root->rb_node)`, an intrusive tree) may let the block be kept there, as
// the call itself would.
struct treeNode { struct treeNode *left, *right; };
struct treeRoot { struct treeNode rb; int id; };
int treeInsert(struct treeNode *n);
static int insertRoot(struct treeRoot *r) { return treeInsert(&r->rb); }
int negativeFieldAddressKeptByWrapper(int id) {
  struct treeRoot *r = calloc(1, sizeof(*r));
  if (!r)
    return -1;
  r->id = id;
  if (insertRoot(r)) {
    free(r);
    return -2;
  }
  return 0;
}

// Twin: a field's address given to the library only borrows the block.
static void clearRoot(struct treeRoot *r) { memset(&r->rb, 0, sizeof r->rb); }
int positiveFieldAddressToLibrary(int id) {
  struct treeRoot *r = calloc(1, sizeof(*r));
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'r' acquired by 'calloc' is never released [raii-release-skipped]
  if (!r)
    return -1;
  r->id = id;
  clearRoot(r);
  return 0;
}
