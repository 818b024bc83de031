// A member of the file whose body lets `this` go keeps or releases the
// object it is called on: deletes it on some path (reference counts),
// stores it (observers, intrusive lists), returns it inside a new object
// (`return new Sugs(this);`) or captures it in a lambda. A constructor of
// the file that does so registers the object `new` builds. A member that
// only reads through `this`, returns `*this`, compares it, calls itself or
// stores it in its own object borrows it: the leak is still reported. A
// member that deletes `this` on every path releases the object.
// RUN: %check_raii %s raii-release-skipped,raii-double-release %t -- -std=c++17

#include <functional>
#include <vector>
// CHECK-FIXES: #include <memory>

struct Counted {
  int refs = 1;
  void unref() {
    if (--refs == 0)
      delete this;
  }
};

int dropsReference() {
  Counted *c = new Counted;
  c->refs++;
  c->unref();
  return 0;
}

struct Subject;
struct Observer {
  void attach(Subject &s);
};
struct Subject {
  std::vector<Observer *> observers;
  ~Subject() {
    for (Observer *o : observers)
      delete o;
  }
};
void Observer::attach(Subject &s) { s.observers.push_back(this); }

int registersObserver(Subject &s) {
  Observer *o = new Observer;
  o->attach(s);
  return 0;
}

struct Node;
struct List {
  Node *head = nullptr;
};
struct Node {
  Node *next = nullptr;
  Node() = default;
  explicit Node(List &l) : next(l.head) { l.head = this; }
  void link(List &l) {
    next = l.head;
    l.head = this;
  }
};

int linksNode(List &l) {
  Node *n = new Node;
  n->link(l);
  return 0;
}

int constructorLinksNode(List &l) {
  Node *n = new Node(l);
  (void)n;
  return 0;
}

struct Working;
struct Sugs {
  std::vector<Working *> srcs;
  explicit Sugs(Working *w) { srcs.push_back(w); }
  ~Sugs();
};
struct Working {
  int n = 0;
  Sugs *suggestions() { return new Sugs(this); }
};
Sugs::~Sugs() {
  for (Working *w : srcs)
    delete w;
}

int madeObjectKeepsMaker() {
  Working *w = new Working;
  Sugs *s = w->suggestions();
  int n = int(s->srcs.size());
  delete s;
  return n;
}

struct Task {
  int runs = 0;
  void schedule(std::vector<std::function<void()>> &q) {
    q.push_back([this] {
      runs++;
      delete this;
    });
  }
};

int capturedInCallback(std::vector<std::function<void()>> &q) {
  Task *t = new Task;
  t->schedule(q);
  return 0;
}

struct Closing {
  int v = 0;
  void destroy() { delete this; }
};

int releasedByMember() {
  Closing *c = new Closing;
  c->v = 1;
  c->destroy();
  return 0;
}

int memberReleaseSkipped(bool fail) {
  Closing *c = new Closing;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'c' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Closing>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: no automatic fix: 'c' is released through 'destroy'
  if (fail)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'c' is skipped by this return
  c->destroy();
  return 0;
}

int releasedTwiceByMember() {
  Closing *c = new Closing;
  c->destroy();
  c->destroy();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'c' is released by 'destroy' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'c' was first released here
  return 0;
}

struct Timer {
  void *owner;
  explicit Timer(void *o) : owner(o) {}
};
struct Widget {
  Widget *self_;
  Timer t_;
  int v = 0;
  Widget() : self_(this), t_(this) {}
  void bump() {
    v++;
    if (v > 3)
      reset();
  }
  void reset() {
    v = 0;
    self_ = this;
  }
  Widget &chain() {
    v++;
    return *this;
  }
  bool same(const Widget *o) { return this == o; }
  void walk(int d) {
    if (d)
      walk(d - 1);
  }
};

int borrowingMembersLeak(bool fail) {
  Widget *w = new Widget;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'w' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Widget>' to release it automatically [raii-release-skipped]
  // CHECK-FIXES: std::unique_ptr<Widget> delete_w(w);
  w->bump();
  w->chain().bump();
  w->walk(2);
  if (w->same(nullptr) || fail)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'w' is skipped by this return
  delete w;
  // CHECK-DELETED: delete w;
  return 0;
}

// A `const` member may delete its object too (a mutable count).
struct Shared {
  mutable int refs = 1;
  void release() const {
    if (--refs == 0)
      delete this;
  }
};

int constRelease() {
  Shared *s = new Shared;
  s->release();
  return 0;
}

// Members calling each other, one of which stores `this`: whichever the
// file asks about first, both may keep the object.
struct Conn;
std::vector<Conn *> pool;
struct Conn {
  bool err = false;
  void park();
  void poll();
};
void Conn::park() {
  poll();
  pool.push_back(this);
}
void Conn::poll() {
  if (err)
    park();
}

int pollsFirst() {
  Conn *c = new Conn;
  c->poll();
  return 0;
}

// A member the file does not define, called from one it does, is no
// keeper by itself; `return this;` hands back what the caller holds.
struct Parser {
  int depth = 0;
  Parser() { reset(); }
  void reset();
  Parser *add(int v) {
    depth += v;
    return this;
  }
};

int positiveConstructorCallsUnseenMember() {
  Parser *p = new Parser;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'p' acquired by 'new' is never released [raii-release-skipped]
  p->add(1)->add(2);
  return p->depth;
}
