// C++ side of the borrowing rules. A function of the file that deletes its
// parameter releases it (its `delete` is a release like `free`); one that
// only reads through it borrows it. A `const V &` parameter with V a
// pointer views the pointer, not what it points to: a body of the file that
// copies it where it outlives the call (a cache's `set`) keeps the object,
// so a function returning what it also cached hands out no fresh object.
// A parameter given a copy of a local that the function later releases
// borrows it (tesseract's `blob = local_blob; ...; delete local_blob;`).
// RUN: %check_raii %s raii-release-skipped,raii-double-release %t -- -std=c++17

#include <stdlib.h>
#include <string>
#include <vector>

struct Node {
  int id;
};

static void destroy(Node *n) { delete n; }
static void destroyAll(char *buf) { delete[] buf; }
static void relabel(Node *n, int id) { n->id = id; }

void destroyedThere() {
  Node *n = new Node;
  relabel(n, 1);
  destroy(n);
}

void destroyedTwice() {
  Node *n = new Node;
  delete n;
  destroy(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'n' is released by 'destroy' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'n' was first released here
}

void arrayDestroyedTwice() {
  char *buf = new char[8];
  destroyAll(buf);
  destroyAll(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'buf' is released by 'destroyAll' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'buf' was first released here
}

void onlyRelabelled() {
  Node *n = new Node;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'n' acquired by 'new' is never released [raii-release-skipped]
  relabel(n, 2);
}

template <class K, class V> struct Cache {
  struct Rec {
    K key;
    V value;
  };
  Rec slot;
  void set(const K &key, const V &value) {
    slot.key = key;
    slot.value = value;
  }
  bool has(const K &key, const V &value) const {
    return slot.key == key && slot.value == value;
  }
};

struct Db {
  Cache<int, Node *> cache;
  Node *create(int id) {
    Node *n = new Node;
    n->id = id;
    cache.set(id, n);
    return n;
  }
  Node *make(int id) {
    Node *n = new Node;
    n->id = id;
    if (cache.has(id, n))
      n->id = 0;
    return n;
  }
  void fromCache() {
    Node *n = create(3);
    relabel(n, 4);
  }
  void made() {
    Node *n = make(3);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'n' acquired by 'make' is never released [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-13]]:15: note: 'make' acquires the resource here
    relabel(n, 4);
  }
};

static float weigh(Node *n) { return n->id * 0.5f; }

float weighLocal(Node *n) {
  Node *local = nullptr;
  if (n == nullptr) {
    local = new Node;
    n = local;
  }
  float w = weigh(n);
  delete local;
  return w;
}

// A member called on the parameter: one whose body the file has borrows
// the object, one it cannot see may keep it (`attach()` registering
// `this`), as for a member called on the handle itself.
struct Gauge {
  int v;
  void bump() { ++v; }
  void attach();
};

static void touch(Gauge *g) { g->bump(); }
static void mount(Gauge *g) { g->attach(); }

void touched() {
  Gauge *g = new Gauge{0};
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'g' acquired by 'new' is never released [raii-release-skipped]
  touch(g);
}

void mounted() {
  Gauge *g = new Gauge{0};
  mount(g);
}

// A member the file cannot see, of an object that outlives the call, may
// keep what it is given: deleted only where it failed, it was kept where
// it succeeded.
struct Registry {
  bool adopt(Node *n);
  bool lookup(Node *n) const;
};
bool negativeAdoptedByUnseenMember(Registry *r, int id) {
  Node *n = new Node{id};
  if (!r->adopt(n)) {
    delete n;
    return false;
  }
  return true;
}

// A `const` member keeps nothing: the delete on its failure shows it only
// borrowed, and success leaks.
bool positiveConstMemberOnlyBorrows(Registry *r, int id) {
  Node *n = new Node{id};
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'n' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Node>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: no automatic fix: 'n' is passed to 'lookup', which may keep it
  if (!r->lookup(n)) {
    delete n;
    return false;
  }
  return true;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'n' is skipped by this return
}

// Released after both outcomes of such a member: it only borrowed
// (kyotocabinet's File::read into a temporary buffer).
struct Reader {
  bool fill(char *buf, unsigned n);
  bool copyOut(unsigned n, int e) {
    char *tbuf = new char[n];
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'tbuf' acquired by 'new[]' is not released on every path; hold it in 'std::unique_ptr<char[]>' to release it automatically [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:18: note: no automatic fix: 'tbuf' is passed to 'fill', which may keep it
    if (!fill(tbuf, n)) {
      delete[] tbuf;
      return false;
    }
    if (e)
      return false;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'tbuf' is skipped by this return
    delete[] tbuf;
    return true;
  }
};

// A library class given the buffer as `const char *` copies it, wherever
// the object goes: the buffer is still the function's to release.
struct Filer {
  bool fill(char *buf, unsigned n);
  bool readString(std::string *out, unsigned n) {
    char *tbuf = new char[n];
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'tbuf' acquired by 'new[]' is not released on every path; hold it in 'std::unique_ptr<char[]>' to release it automatically [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:18: note: no automatic fix: 'tbuf' is passed to 'fill', which may keep it
    if (!fill(tbuf, n)) {
      delete[] tbuf;
      return false;
    }
    out->append(std::string(tbuf, n));
    if (out->size() > 100)
      return false;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'tbuf' is skipped by this return
    delete[] tbuf;
    return true;
  }
};

// A constructor the file cannot see, given an object that outlives the
// call, may register the new object with it (a Qt parent, znc's
// `new CIRCNetwork(this, name)`).
struct Owner;
struct Child {
  Child(Owner *parent, int id);
  Child(const Owner &model, int id);
};
void announce(Child &c);
void show(const Child &c);
struct Owner {
  void addChild(int id) {
    Child *c = new Child(this, id);
    announce(*c);
  }
};

// Given only a view of one, it registers nothing (nor does a function
// given a view of the child).
void positiveChildOfView(const Owner &o, int id) {
  Child *c = new Child(o, id);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'c' acquired by 'new' is never released [raii-release-skipped]
  show(*c);
}

// A member the file cannot see called on the object first may have taken
// it, but the delete on its failure shows it borrows; the keeper whose
// result the `if` tests keeps it where it succeeds (znc's `if
// (!CZNC::Get().AddUser(pNewUser, sErr)) delete pNewUser;` after
// `pNewUser->SetPass(..)`).
struct Account {
  explicit Account(int id);
  bool setPass(const char *pass);
};
struct Accounts {
  static Accounts &get();
  bool add(Account *a, int &err);
};
void report(int err);
void negativeKeeperAfterMemberCall(int id, const char *pass) {
  Account *a = new Account(id);
  if (!a->setPass(pass)) {
    delete a;
    return;
  }
  int err = 0;
  if (!Accounts::get().add(a, err)) {
    delete a;
    report(err);
    return;
  }
  report(0);
}

// A member function of the handle's own object that returns a pointer (a
// getter of one of its parts) keeps nothing, whatever its result says: a
// release where the part is not valid does not make the object taken where
// it is (libzmq's io_thread->get_mailbox()->valid()).
struct Mailbox {
  bool valid() const;
};
struct Worker {
  Mailbox *mailbox();
  void start();
};
std::vector<Worker *> workers;
bool positiveGetterOfOwnPartTested(bool e) {
  Worker *w = new Worker;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'w' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Worker>' to release it automatically [raii-release-skipped]
  if (!w->mailbox()->valid()) {
    delete w;
    return false;
  }
  if (e)
    return false;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'w' is skipped by this return
  workers.push_back(w);
  return true;
}
// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::unique_ptr<Worker> delete_w(w);
// CHECK-FIXES: delete_w.release();
// CHECK-DELETED: delete w;

// A setter of the file that stores its `const T *` parameter, casting the
// `const` away, keeps the buffer (libebml's `SetBuffer(const binary *Buffer,
// ..)`: `Data = const_cast<binary *>(Buffer);`, freed with the element);
// one that only reads it borrows.
struct Element {
  unsigned char *Data = nullptr;
  ~Element() { free(Data); }
  void setBuffer(const unsigned char *buffer) {
    Data = const_cast<unsigned char *>(buffer);
  }
  unsigned sum(const unsigned char *buffer) const { return buffer[0]; }
};

void filledElement(Element &e) {
  unsigned char *p = static_cast<unsigned char *>(malloc(5));
  if (!p)
    return;
  p[0] = 1;
  e.setBuffer(p);
}

unsigned positiveSummed(Element &e) {
  unsigned char *p = static_cast<unsigned char *>(malloc(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: 'p' acquired by 'malloc' is never released [raii-release-skipped]
  if (!p)
    return 0;
  p[0] = 1;
  return e.sum(p);
}

// Stored in the caller's own local given beside it, the buffer is still
// the caller's to release.
struct Parser {
  const unsigned char *input;
};
static void parserInit(Parser *ps, const unsigned char *input) {
  ps->input = input;
}

unsigned positiveParsedLocally() {
  unsigned char *p = static_cast<unsigned char *>(malloc(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: 'p' acquired by 'malloc' is never released [raii-release-skipped]
  if (!p)
    return 0;
  p[0] = 1;
  Parser ps;
  parserInit(&ps, p);
  return ps.input[0];
}

// A function of the file that gives its parameter to a constructor the
// file does not see passes it on to an object that may keep it (libpqxx's
// `make_result(res)`: `return result(res, ..);`, which owns it); one that
// gives it to a library constructor that copies it only borrows it.
struct Adopter {
  Adopter(char *p);
};
static Adopter makeAdopter(char *p) { return Adopter(p); }
static std::string makeText(char *p) {
  std::string s(p);
  return s;
}

Adopter negativeIntoUnseenConstructor(size_t n) {
  char *p = static_cast<char *>(malloc(n));
  Adopter o = makeAdopter(p);
  return o;
}

std::string positiveIntoLibraryCopy(size_t n) {
  char *p = static_cast<char *>(malloc(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is never released [raii-release-skipped]
  std::string s = makeText(p);
  return s;
}

// Twin: a local object of a class of the file with no destructor of its
// own only reads what its constructor is given.
struct ByteReader {
  explicit ByteReader(char *p) : p_(p) {}
  char first() const { return p_[0]; }
  char *p_;
};
static char firstOf(char *p) {
  ByteReader r(p);
  return r.first();
}
char positiveIntoLocalReader(size_t n) {
  char *p = static_cast<char *>(malloc(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is never released [raii-release-skipped]
  if (!p)
    return 0;
  p[0] = 'a';
  return firstOf(p);
}
