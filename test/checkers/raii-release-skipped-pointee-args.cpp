// The object a heap handle points to, given to a call (`c.addFrame(track,
// *data)`): bound to a non-const reference parameter of a member of
// another object or of a constructor, which the file cannot see or whose
// body keeps the object's address, the callee may keep it (libmatroska's
// cluster keeps `&buffer` and deletes it with its frames). A free function
// (`parse(path, *cfg)`), an operator, a `const` view, a copy, a library
// function, or a body that only uses the object, compares its address or
// has a library function fill it borrows it. The address of a part of the
// object kept (an intrusive list linking the object's hook, `Node &n =
// ToNode(t); head.next = &n;`) keeps the object. As for any maybe-taking call,
// a path that releases the handle after the call says the call only
// borrowed it.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17 -isystem %mock_include

#include <intrusive_list.h>
#include <string.h>
#include <utility>
#include <vector>
// CHECK-FIXES: #include <memory>
// The guard takes over the release of positiveAddedThenDeleted:
// CHECK-DELETED: delete b;

struct Buffer {
  Buffer(const char *p, unsigned n) : ptr(p), n(n) {}
  const char *ptr;
  unsigned n;
};

struct Cluster {
  bool addFrame(int track, Buffer &buffer);
  void show(const Buffer &buffer);
  void copyIn(Buffer buffer);
  void fill(Buffer &buffer) { buffer.n = 0; }
  void keep(Buffer &buffer) { last = &buffer; }
  void clear(Buffer &buffer) { memset(&buffer, 0, sizeof buffer); }
  bool same(Buffer &buffer) { return last == &buffer; }
  Buffer *last = nullptr;
};

struct Frame {
  explicit Frame(Buffer &b) : buf(&b) {}
  ~Frame() { delete buf; }
  Buffer *buf;
};

bool parse(const char *path, Buffer &into);
void operator<<(Cluster &c, Buffer &b);

void addedFrame(Cluster &c) {
  Buffer *b = new Buffer("x", 1);
  c.addFrame(1, *b);
}

void keptFrame(Cluster &c) {
  Buffer *b = new Buffer("x", 1);
  c.keep(*b);
}

void positiveShown(Cluster &c) {
  Buffer *b = new Buffer("x", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'b' acquired by 'new' is never released [raii-release-skipped]
  c.show(*b);
}

void positiveCopied(Cluster &c) {
  Buffer *b = new Buffer("x", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'b' acquired by 'new' is never released [raii-release-skipped]
  c.copyIn(*b);
}

void positiveFilled(Cluster &c) {
  Buffer *b = new Buffer("x", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'b' acquired by 'new' is never released [raii-release-skipped]
  c.fill(*b);
}

void positiveSwapped(Buffer &other) {
  Buffer *b = new Buffer("x", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'b' acquired by 'new' is never released [raii-release-skipped]
  std::swap(*b, other);
}

void positiveAddedThenDeleted(Cluster &c, bool early) {
  Buffer *b = new Buffer("x", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'b' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Buffer>' to release it automatically [raii-release-skipped]
  // CHECK-FIXES: std::unique_ptr<Buffer> delete_b(b);
  c.addFrame(1, *b);
  if (early)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'b' is skipped by this return
  delete b;
}

Frame *framed() {
  Buffer *b = new Buffer("x", 1);
  return new Frame(*b);
}

void positiveParsed(const char *path) {
  Buffer *b = new Buffer("x", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'b' acquired by 'new' is never released [raii-release-skipped]
  parse(path, *b);
}

void positiveStreamed(Cluster &c) {
  Buffer *b = new Buffer("x", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'b' acquired by 'new' is never released [raii-release-skipped]
  c << *b;
}

bool positiveClearedAndCompared(Cluster &c) {
  Buffer *b = new Buffer("x", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'b' acquired by 'new' is never released [raii-release-skipped]
  c.clear(*b);
  return c.same(*b);
}

// An intrusive list links the object through its hook: it keeps it.
struct Node {
  Node *next = nullptr;
  int mark = 0;
};
struct Hook {
  Node siblings;
};
template <typename T> class IntrusiveList {
  Node head;
  static Node &toNode(T &t) noexcept { return static_cast<Hook &>(t).siblings; }

public:
  void pushFront(T &t) noexcept {
    Node &n = toNode(t);
    n.next = head.next;
    head.next = &n;
  }
  int markOf(T &t) noexcept {
    Node &n = toNode(t);
    memset(&n, 0, sizeof n);
    return n.mark;
  }
};
struct Client : Hook {
  int fd = -1;
};
struct Server {
  IntrusiveList<Client> clients;
  void add() { clients.pushFront(*new Client); }
  void addNamed() {
    Client *c = new Client;
    clients.pushFront(*c);
  }
  int positiveOnlyRead() {
    Client *c = new Client;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'c' acquired by 'new' is never released [raii-release-skipped]
    return clients.markOf(*c);
  }
};

struct Session {
  int id = 0;
};
void linkedByLibrary(lib::ilist<Session> &all) {
  Session *s = new Session;
  all.push_back(*s);
}

bool positiveOnlyLooked(const lib::ilist<Session> &all) {
  Session *s = new Session;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 's' acquired by 'new' is never released [raii-release-skipped]
  return all.contains(*s);
}

// The standard containers copy the object: `emplace_back(*p)` builds from
// a forwarding reference.
void positiveEmplacedCopy(std::vector<Session> &all) {
  Session *s = new Session;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 's' acquired by 'new' is never released [raii-release-skipped]
  all.emplace_back(*s);
}

// The address of a number in the object says nothing of the object's life.
struct Counters {
  void fill(int *slot) { *slot = 1; }
  void reset(Session &s) { fill(&s.id); }
};
void positiveFieldFilled(Counters &c) {
  Session *s = new Session;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 's' acquired by 'new' is never released [raii-release-skipped]
  c.reset(*s);
}
