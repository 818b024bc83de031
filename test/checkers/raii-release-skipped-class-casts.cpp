// C++: a pointer cast to another class of its hierarchy
// (`static_cast<Derived *>(b)`, `dynamic_cast<Derived *>(b)`) names the
// same object: released through the copy, it is released. A dynamic
// cast gives null where the object is of another type: its null branch
// says nothing of the object.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17

struct Line {
  virtual ~Line() {}
};
struct Include : Line {};

Line *parse(int k) {
  if (k)
    return new Include;
  return new Line;
}
void keep(Line *l);

void staticDown(int k) {
  Line *line = parse(k);
  Include *inc = static_cast<Include *>(line);
  delete inc;
}

void staticUp() {
  Include *inc = new Include;
  Line *line = static_cast<Line *>(inc);
  delete line;
}

// mysql++ ssx/parsev2.cpp: deleted where it is an Include, kept where not.
void dynamicEither(int n) {
  for (int i = 0; i < n; ++i) {
    if (i == 3)
      continue;
    Line *line = parse(i);
    Include *inc = dynamic_cast<Include *>(line);
    if (inc)
      delete inc;
    else
      keep(line);
  }
}

void dynamicAssigned(int k) {
  Line *line = parse(k);
  Include *inc;
  inc = dynamic_cast<Include *>(line);
  if (inc != nullptr) {
    delete inc;
    return;
  }
  delete line;
}

// Where it is no Include, nothing deletes it.
void dynamicOnlyOne(int k) {
  Line *line = parse(k);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'line' acquired by 'parse' is not released on every path; hold it in 'std::unique_ptr<Line>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: no automatic fix: 'line' is released as 'inc'
  // CHECK-MESSAGES: :[[@LINE-46]]:10: note: 'parse' acquires the resource here
  Include *inc = dynamic_cast<Include *>(line);
  if (inc)
    delete inc;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'line' is skipped when the function ends here

void staticLeak(int k) {
  Line *line = parse(k);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'line' acquired by 'parse' is not released on every path; hold it in 'std::unique_ptr<Line>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: no automatic fix: 'line' is released as 'inc'
  // CHECK-MESSAGES: :[[@LINE-57]]:10: note: 'parse' acquires the resource here
  Include *inc = static_cast<Include *>(line);
  if (k)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'line' is skipped by this return
  delete inc;
}


// The variable a dynamic cast filled gets an acquisition of its own later:
// its null test says nothing was acquired.
Include *makeInclude(int k) {
  if (k < 0)
    return nullptr;
  return new Include;
}
int useInclude(Include *inc);
int dynamicThenOwn(Line *l, int k) {
  Include *inc = dynamic_cast<Include *>(l);
  if (inc)
    return useInclude(inc);
  inc = makeInclude(k);
  if (!inc)
    return -1;
  int r = useInclude(inc);
  delete inc;
  return r;
}
