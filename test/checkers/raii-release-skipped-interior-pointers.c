// A pointer into a block (`h + 1`, `(char *)h + sizeof *h`, `&h[1]`) stored
// where the function does not own it hands the block off, like the handle
// itself: an allocator's header before the caller's bytes, freed later by
// stepping back to the header (libuv's benchmark buffers). A value read
// out of the block through such a pointer (`*(h + 1)`) is no pointer into
// it, and a difference of two pointers is a number.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c11 -isystem %mock_include/libc

#include <stddef.h>
#include <stdlib.h>

struct hdr {
  size_t n;
};
char *g_bytes;

int outAfterHeader(size_t n, void **out) {
  struct hdr *h = malloc(sizeof *h + n);
  if (!h)
    return -1;
  h->n = n;
  *out = (char *)(h + 1);
  return 0;
}

void globalAfterHeader(size_t n) {
  struct hdr *h = malloc(sizeof *h + n);
  if (!h)
    return;
  g_bytes = (char *)h + sizeof *h;
}

void globalByIndex(size_t n) {
  size_t *p = malloc((n + 1) * sizeof *p);
  if (!p)
    return;
  p[0] = n;
  g_bytes = (char *)&p[1];
}

// libuv's benchmark: the header keeps a buffer that points past it, and
// the buffer is copied out to the caller.
typedef struct {
  char *base;
  size_t len;
} buf_t;
typedef struct blk {
  struct blk *next;
  buf_t b;
} blk_t;
static blk_t *freelist;

void bufAlloc(size_t size, buf_t *buf) {
  blk_t *ab = freelist;
  if (ab)
    freelist = ab->next;
  else {
    ab = malloc(size + sizeof(*ab));
    ab->b.len = size;
    ab->b.base = (char *)(ab + 1);
  }
  *buf = ab->b;
}

size_t positiveValueBehindHeader(size_t n, size_t *out) {
  size_t *p = malloc(2 * sizeof *p);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'p' acquired by 'malloc' is never released [raii-release-skipped]
  if (!p)
    return 0;
  p[1] = n;
  *out = *(p + 1);
  return (size_t)((char *)(p + 1) - (char *)p);
}

// An intrusive list: the block is kept through the address of the node
// inside it, stored by a function of the file, directly or through another.
struct node {
  struct node *next, *prev;
};
static void link_between(struct node *n, struct node *prev,
                         struct node *next) {
  next->prev = n;
  n->next = next;
  n->prev = prev;
  prev->next = n;
}
static void list_add_tail(struct node *n, struct node *head) {
  link_between(n, head->prev, head);
}
static void node_init(struct node *n) { n->next = n->prev = n; }

struct item {
  int v;
  struct node list;
};

void negativeQueuedByNode(struct node *head, int v) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return;
  it->v = v;
  list_add_tail(&it->list, head);
}

void positiveNodeOnlyInitialised(int v) {
  struct item *it = malloc(sizeof *it);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'it' acquired by 'malloc' is never released [raii-release-skipped]
  if (!it)
    return;
  it->v = v;
  node_init(&it->list);
}

// Stored only in the caller's own cursor: nothing outside keeps the block.
struct cursor {
  struct node *pos;
  int steps;
};
static void cursor_init(struct cursor *c, struct node *n) {
  c->pos = n;
  c->steps = 0;
}
int positiveLocalCursor(int v) {
  struct item *it = malloc(sizeof *it);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'it' acquired by 'malloc' is never released [raii-release-skipped]
  if (!it)
    return -1;
  it->v = v;
  struct cursor c;
  cursor_init(&c, &it->list);
  return c.pos != 0;
}

// Linked through the neighbour (`n->prev->next = n`): stored outside n.
static void link_before(struct node *n, struct node *pos) {
  n->next = pos;
  n->prev = pos->prev;
  n->prev->next = n;
  n->next->prev = n;
}
void negativeLinkedThroughNeighbour(struct node *head, int v) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return;
  it->v = v;
  link_before(&it->list, head);
}

// A wrapper of the file that links `&param->list` into a list keeps the
// block as the list helper does.
static struct node queue = {&queue, &queue};
static void queue_item(struct item *it) { list_add_tail(&it->list, &queue); }
void negativeQueuedThroughWrapper(int v) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return;
  it->v = v;
  queue_item(it);
}

// A wrapper that only initialises the node keeps nothing.
static void item_reset(struct item *it) { node_init(&it->list); }
void positiveWrapperOnlyInitialises(int v) {
  struct item *it = malloc(sizeof *it);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'it' acquired by 'malloc' is never released [raii-release-skipped]
  if (!it)
    return;
  it->v = v;
  item_reset(it);
}

// Linked into a local list head of the node's own type, then freed by a
// walk of that list which reuses the variable (fio's get_fs_free_counts).
int negativeLocalListDrained(const int *v, int n) {
  struct node head = {&head, &head};
  struct node *p, *nx;
  struct item *it;
  int s = 0;
  for (int i = 0; i < n; i++) {
    it = malloc(sizeof *it);
    if (!it)
      break;
    it->v = v[i];
    list_add_tail(&it->list, &head);
  }
  for (p = head.next; p != &head; p = nx) {
    it = (struct item *)((char *)p - offsetof(struct item, list));
    nx = p->next;
    s += it->v;
    free(it);
  }
  return s;
}

// The value of `++buf` (or `buf++`) is a pointer into the block too:
// unzip's envargs stores `start = ++bufptr;` into the argument vector it
// hands out.
int splitArgs(char ***out) {
  char *buf = malloc(10);
  char **v;
  if (!buf)
    return -1;
  v = malloc(2 * sizeof(char *));
  if (!v) {
    free(buf);
    return -1;
  }
  *v = ++buf;
  v[1] = NULL;
  *out = v;
  return 0;
}

int positiveCountedArgs(char ***out, int n) {
  char *buf = malloc(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'malloc' is not released on every path [raii-release-skipped]
  char **v;
  if (!buf)
    return -1;
  v = malloc(2 * sizeof(char *));
  if (!v) {
    free(buf);
    return -1;
  }
  v[0] = NULL;
  n += *++buf;
  *out = v;
  return n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'buf' is skipped by this return
}

// A cursor over the block (`cp = copy; cp++;`) still points into it: stored
// in what the function returns, it hands the block off; never stored, it
// loses nothing the block did not.
char **negativeAdvancedCursorStored(void) {
  char *copy = malloc(8);
  if (!copy)
    return NULL;
  char **v = malloc(sizeof *v);
  if (!v) {
    free(copy);
    return NULL;
  }
  char *cp = copy;
  cp++;
  v[0] = cp;
  return v;
}
int positiveAdvancedCursorNotStored(const char *s) {
  char *copy = malloc(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'copy' acquired by 'malloc' is never released [raii-release-skipped]
  if (!copy)
    return -1;
  char *cp = copy;
  cp += 2;
  return *cp == *s;
}

// A cursor given to a function of another file is a position in the
// block, not the block: that function can neither free nor keep it.
void handle_cmd(char *line);
int positiveCursorGivenToCall(void) {
  char *line = malloc(256);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'line' acquired by 'malloc' is never released [raii-release-skipped]
  if (!line)
    return -1;
  char *cp = line;
  while (*cp == ' ')
    cp++;
  handle_cmd(cp);
  return 0;
}

// A local pointer a call was given by address together with a pointer of
// its type into a block (getpwnam_r's result pointing at the record it
// filled in the caller's buffer, strtol's end) may point into that block:
// returning it returns the block. A pointer of another type given with it
// is no such place.
struct rec {
  struct hdr h;
  char buf[64];
};
struct pair {
  struct rec r;
  char text[32];
};
int fill_rec(const char *key, struct rec *r, char *buf, size_t n,
             struct rec **res);
long parse_number(const char *s, char **end, int base);
int rec_name(const struct rec *r, const char **name);

struct rec *filledRecordReturned(const char *key) {
  struct rec *res = NULL;
  struct pair *p = malloc(sizeof *p);
  if (!p)
    return NULL;
  if (fill_rec(key, &p->r, p->text, sizeof p->text, &res) != 0 || !res) {
    free(p);
    return NULL;
  }
  return res;
}

char *parsedEndReturned(void) {
  char *s = malloc(16);
  if (!s)
    return NULL;
  char *end;
  parse_number(s, &end, 10);
  return end;
}

char *parsedFieldEndReturned(void) {
  struct pair *p = malloc(sizeof *p);
  if (!p)
    return NULL;
  char *end;
  parse_number(p->text, &end, 10);
  return end;
}

const char *positiveOtherTypeReturned(void) {
  struct rec *r = malloc(sizeof *r);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'r' acquired by 'malloc' is never released [raii-release-skipped]
  if (!r)
    return NULL;
  const char *name = NULL;
  rec_name(r, &name);
  return name;
}

// Not where the pointer cannot have been pointed into the block at the
// return: returned before the call, the block acquired after the call,
// or the pointer given to a call of the file that does something else
// with it, or only inside what is returned.
char *positiveReturnedBeforeCall(const char *k) {
  char *end = NULL;
  char *s = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 's' acquired by 'malloc' is never released, and not handed off on every path [raii-release-skipped]
  if (!s)
    return NULL;
  if (!k)
    return end;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 's' is skipped by this return
  parse_number(s, &end, 10);
  return end;
}

char *positiveAcquiredAfterCall(char *line) {
  char *end = NULL;
  parse_number(line, &end, 10);
  line = malloc(32);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'line' acquired by 'malloc' is never released [raii-release-skipped]
  if (!line)
    return NULL;
  return end;
}

static int make_copy(const char *in, char **out) {
  *out = malloc(8);
  (void)in;
  return *out ? 0 : -1;
}
char *positiveCallOfTheFile(void) {
  char *buf = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'malloc' is never released [raii-release-skipped]
  if (!buf)
    return NULL;
  char *out = NULL;
  make_copy(buf, &out);
  return out;
}

char *dup_string(const char *s);
char *positiveOnlyInsideReturned(void) {
  char *s = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 's' acquired by 'malloc' is never released [raii-release-skipped]
  if (!s)
    return NULL;
  char *end;
  parse_number(s, &end, 10);
  return dup_string(end);
}
