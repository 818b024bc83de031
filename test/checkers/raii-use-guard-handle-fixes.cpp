// C++ handles rewritten into guards by raii-use-guard (correct pairs) and
// raii-release-skipped (pairs that leak on some path), one function per
// family and shape: the guard after the acquire or after its failure check,
// releases at the end of the block or before a jump out of it deleted,
// releases followed by more code turned into the guard's reset(). In `std`
// style pointers go into std::unique_ptr and descriptors into
// raii::unique_fd (the runtime is on the include path); in `raii` style
// (RAII) the runtime's handles hold them. The program drives every path,
// exceptions included: before the fix (ORIG) the leaking paths leave five
// descriptors open and memory that LeakSanitizer reports; after either fix
// none, and the output is the same (OUT).
// Allocation failure counts as a path here (RaiiAllocationMayThrow): some
// functions leak only when a std::string or `new` throws.
// RUN: %check_raii --run-fixed --link=-fsanitize=address --config='{CheckOptions: {RaiiAllocationMayThrow: true}}' %s 'raii-use-guard,raii-release-skipped' %t -- -std=c++17 -g -fsanitize=address -isystem %raii_runtime_include
// RUN: %t.exe | FileCheck %s --check-prefix=OUT
// RUN: %check_raii --prefix RAII --run-fixed --link=-fsanitize=address --config="{CheckOptions: {RaiiGuardStyle: raii, RaiiAllocationMayThrow: true}}" %s 'raii-use-guard,raii-release-skipped' %t.raii -- -std=c++17 -g -fsanitize=address -isystem %raii_runtime_include
// RUN: %t.raii.exe | FileCheck %s --check-prefix=OUT
// RUN: %clangxx -std=c++17 -g -fsanitize=address %s -o %t.orig
// RUN: not %t.orig > %t.orig.out 2>&1
// RUN: FileCheck %s --check-prefix=ORIG < %t.orig.out
// ORIG: phase two 7
// ORIG: caught open
// ORIG: result 10332
// ORIG: leaked fds: 5
// ORIG: ERROR: LeakSanitizer: detected memory leaks
// OUT: phase two 7
// OUT-NEXT: caught open
// OUT-NEXT: result 10332
// OUT-NEXT: leaked fds: 0
// A second --fix finds nothing left to fix and changes nothing:
// RUN: cp %s %t.twice.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --fix %t.twice.cpp -- -std=c++17 -isystem %raii_runtime_include > /dev/null 2>&1
// RUN: cp %t.twice.cpp %t.once.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --fix %t.twice.cpp -- -std=c++17 -isystem %raii_runtime_include > %t.again 2>&1
// RUN: not grep "warning:" %t.again
// RUN: diff %t.once.cpp %t.twice.cpp

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
// CHECK-FIXES: #include <raii/handles.hpp>
// CHECK-FIXES: #include <memory>
// RAII-FIXES: #include <memory>
// RAII-FIXES: #include <raii/handles.hpp>
#include <stdexcept>
#include <string>
#include <unistd.h>

static int openFds() {
  int n = 0;
  DIR *d = opendir("/proc/self/fd");
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'd' is acquired by 'opendir' and released by hand; hold it in 'std::unique_ptr<DIR, int (*)(DIR *)>' instead [raii-use-guard]
  // RAII-MESSAGES: :[[@LINE-2]]:12: warning: 'd' is acquired by 'opendir' and released by hand; hold it in 'raii::unique_dir' instead [raii-use-guard]
  // CHECK-FIXES: std::unique_ptr<DIR, int (*)(DIR *)> close_d(d, &closedir);
  // RAII-FIXES: raii::unique_dir close_d(d);
  while (dirent *e = readdir(d)) {
    if (n > 100000) {
      closedir(d);
      // CHECK-DELETED: closedir(d);
      // RAII-DELETED: closedir(d);
      return -1;
    }
    n += e->d_name[0] != '.';
  }
  closedir(d);
  // CHECK-DELETED: closedir(d);
  // RAII-DELETED: closedir(d);
  return n - 1;
}

static void mayThrow(int fail) {
  if (fail)
    throw std::runtime_error("failed");
}

// fopen/fclose: a failure check, an early return that leaks.
// A function of the file that only reads through the stream borrows it:
// the guard's stream is passed as before.
static int countNewlines(FILE *in) {
  int n = 0, c;
  while ((c = fgetc(in)) != EOF)
    n += c == '\n';
  return n;
}
int countLines(const char *path, int fail) {
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'raii::unique_file' to release it automatically [raii-release-skipped]
  if (!f)
    return -1;
  // CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
  // RAII-FIXES: raii::unique_file close_f(f);
  int n = countNewlines(f);
  if (fail)
    return -2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
    // RAII-MESSAGES: :[[@LINE-2]]:5: note: release of 'f' is skipped by this return
  fclose(f);
  // CHECK-DELETED: fclose(f);
  // RAII-DELETED: fclose(f);
  return n > 0;
}

// malloc/free: an exception leaks.
int copyLength(const char *s, int fail) {
  char *buf = static_cast<char *>(malloc(strlen(s) + 1));
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'buf' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:35: warning: 'buf' acquired by 'malloc' is not released on every path; hold it in 'raii::unique_malloc<char>' to release it automatically [raii-release-skipped]
  if (buf == nullptr)
    return -1;
  // CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_buf(buf, &free);
  // RAII-FIXES: raii::unique_malloc<char> free_buf(buf);
  strcpy(buf, s);
  mayThrow(fail);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'buf' is skipped when 'mayThrow' throws an exception
  // RAII-MESSAGES: :[[@LINE-2]]:3: note: release of 'buf' is skipped when 'mayThrow' throws an exception
  int len = static_cast<int>(strlen(buf));
  free(buf);
  // CHECK-DELETED: free(buf);
  // RAII-DELETED: free(buf);
  return len;
}

// strdup/free, correct on every path: the guard changes nothing.
int firstChar(const char *s) {
  char *p = strdup(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' is acquired by 'strdup' and released by hand; hold it in 'std::unique_ptr<char, void (*)(void *)>' instead [raii-use-guard]
  // RAII-MESSAGES: :[[@LINE-2]]:13: warning: 'p' is acquired by 'strdup' and released by hand; hold it in 'raii::unique_malloc<char>' instead [raii-use-guard]
  if (!p)
    return -1;
  // CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &free);
  // RAII-FIXES: raii::unique_malloc<char> free_p(p);
  int c = p[0];
  if (c == 'x') {
    free(p);
    // CHECK-DELETED: free(p);
    // RAII-DELETED: free(p);
    return 0;
  }
  free(p);
  // CHECK-DELETED: free(p);
  // RAII-DELETED: free(p);
  return c;
}

// calloc/free released in the middle of the block: reset() there.
int twoPhases(int fail) {
  int *v = static_cast<int *>(calloc(4, sizeof(int)));
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'v' acquired by 'calloc' is not released on every path; hold it in 'std::unique_ptr<int, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:31: warning: 'v' acquired by 'calloc' is not released on every path; hold it in 'raii::unique_malloc<int>' to release it automatically [raii-release-skipped]
  if (!v)
    return -1;
  // CHECK-FIXES: std::unique_ptr<int, void (*)(void *)> free_v(v, &free);
  // RAII-FIXES: raii::unique_malloc<int> free_v(v);
  v[1] = 7;
  int keep = v[1];
  if (fail)
    return -2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'v' is skipped by this return
    // RAII-MESSAGES: :[[@LINE-2]]:5: note: release of 'v' is skipped by this return
  free(v);
  // CHECK-FIXES: free_v.reset();
  // RAII-FIXES: free_v.reset();
  printf("phase two %d\n", keep);
  return keep;
}

// open/close, failure by exception: a return in the middle leaks.
int firstByte(const char *path, int fail) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path; hold it in a scope guard to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:12: warning: 'fd' acquired by 'open' is not released on every path; hold it in 'raii::unique_fd' to release it automatically [raii-release-skipped]
  if (fd < 0)
    throw std::runtime_error("open");
  // CHECK-FIXES: raii::unique_fd close_fd(fd);
  // RAII-FIXES: raii::unique_fd close_fd(fd);
  char c = 0;
  if (fail)
    return -2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
    // RAII-MESSAGES: :[[@LINE-2]]:5: note: release of 'fd' is skipped by this return
  int n = static_cast<int>(read(fd, &c, 1));
  close(fd);
  // CHECK-DELETED: close(fd);
  // RAII-DELETED: close(fd);
  return n;
}

// dup/close in a loop: `continue` leaks.
int dupSome(int skip) {
  int got = 0;
  for (int i = 0; i < 3; ++i) {
    int fd = dup(0);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fd' acquired by 'dup' is not released on every path; hold it in a scope guard to release it automatically [raii-release-skipped]
    // RAII-MESSAGES: :[[@LINE-2]]:14: warning: 'fd' acquired by 'dup' is not released on every path; hold it in 'raii::unique_fd' to release it automatically [raii-release-skipped]
    if (fd < 0)
      continue;
    // CHECK-FIXES: raii::unique_fd close_fd(fd);
    // RAII-FIXES: raii::unique_fd close_fd(fd);
    if (i == skip)
      continue;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'fd' is skipped by this continue
      // RAII-MESSAGES: :[[@LINE-2]]:7: note: release of 'fd' is skipped by this continue
    ++got;
    close(fd);
    // CHECK-DELETED: close(fd);
    // RAII-DELETED: close(fd);
  }
  return got;
}

// opendir/closedir, leaving through a goto out of the block.
int countEntries(const char *path, int fail) {
  int n = 0;
  {
    DIR *d = opendir(path);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'd' acquired by 'opendir' is not released on every path; hold it in 'std::unique_ptr<DIR, int (*)(DIR *)>' to release it automatically [raii-release-skipped]
    // RAII-MESSAGES: :[[@LINE-2]]:14: warning: 'd' acquired by 'opendir' is not released on every path; hold it in 'raii::unique_dir' to release it automatically [raii-release-skipped]
    if (!d)
      return -1;
    // CHECK-FIXES: std::unique_ptr<DIR, int (*)(DIR *)> close_d(d, &closedir);
    // RAII-FIXES: raii::unique_dir close_d(d);
    while (readdir(d))
      ++n;
    if (fail)
      goto out;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'd' is skipped by this goto
      // RAII-MESSAGES: :[[@LINE-2]]:7: note: release of 'd' is skipped by this goto
    closedir(d);
    // CHECK-DELETED: closedir(d);
    // RAII-DELETED: closedir(d);
  }
out:
  return n > 0;
}

struct Point {
  int x, y;
};

// new/delete: an exception leaks.
int sum(int fail) {
  Point *p = new Point{1, 2};
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'p' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Point>' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:14: warning: 'p' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Point>' to release it automatically [raii-release-skipped]
  // CHECK-FIXES: std::unique_ptr<Point> delete_p(p);
  // RAII-FIXES: std::unique_ptr<Point> delete_p(p);
  mayThrow(fail);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'mayThrow' throws an exception
  // RAII-MESSAGES: :[[@LINE-2]]:3: note: release of 'p' is skipped when 'mayThrow' throws an exception
  int s = p->x + p->y;
  delete p;
  // CHECK-DELETED: delete p;
  // RAII-DELETED: delete p;
  return s;
}

// new[]/delete[]: a return in the middle leaks.
int squares(int fail) {
  int *a = new int[4];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'a' acquired by 'new[]' is not released on every path; hold it in 'std::unique_ptr<int[]>' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:12: warning: 'a' acquired by 'new[]' is not released on every path; hold it in 'std::unique_ptr<int[]>' to release it automatically [raii-release-skipped]
  // CHECK-FIXES: std::unique_ptr<int[]> delete_a(a);
  // RAII-FIXES: std::unique_ptr<int[]> delete_a(a);
  for (int i = 0; i < 4; ++i)
    a[i] = i * i;
  int last = a[3];
  if (fail)
    return -2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'a' is skipped by this return
    // RAII-MESSAGES: :[[@LINE-2]]:5: note: release of 'a' is skipped by this return
  delete[] a;
  // CHECK-DELETED: delete[] a;
  // RAII-DELETED: delete[] a;
  return last;
}

// tmpfile/fclose guarded by a validity test; a std::string dies after the
// release in the original, so that release stays.
int scratch(int fail) {
  FILE *t = tmpfile();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 't' acquired by 'tmpfile' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:13: warning: 't' acquired by 'tmpfile' is not released on every path; hold it in 'raii::unique_file' to release it automatically [raii-release-skipped]
  if (t == NULL)
    return -1;
  // CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_t(t, &fclose);
  // RAII-FIXES: raii::unique_file close_t(t);
  fputs("abc", t);
  std::string name = "scratch";
  // CHECK-MESSAGES: :[[@LINE-1]]:22: note: release of 't' is skipped when the constructor of 'std::string' throws an exception
  // RAII-MESSAGES: :[[@LINE-2]]:22: note: release of 't' is skipped when the constructor of 'std::string' throws an exception
  if (fail)
    return -2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 't' is skipped by this return
    // RAII-MESSAGES: :[[@LINE-2]]:5: note: release of 't' is skipped by this return
  if (t)
    fclose(t);
    // CHECK-FIXES: close_t.reset();
    // RAII-FIXES: close_t.reset();
  return static_cast<int>(name.size());
}

// realloc's result is a new block, freed by free.
int grow(int fail) {
  char *g = static_cast<char *>(realloc(nullptr, 16));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'g' acquired by 'realloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:33: warning: 'g' acquired by 'realloc' is not released on every path; hold it in 'raii::unique_malloc<char>' to release it automatically [raii-release-skipped]
  if (!g)
    return -1;
  // CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_g(g, &free);
  // RAII-FIXES: raii::unique_malloc<char> free_g(g);
  memset(g, 'a', 16);
  mayThrow(fail);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'g' is skipped when 'mayThrow' throws an exception
  // RAII-MESSAGES: :[[@LINE-2]]:3: note: release of 'g' is skipped when 'mayThrow' throws an exception
  int r = g[15];
  free(g);
  // CHECK-DELETED: free(g);
  // RAII-DELETED: free(g);
  return r;
}

int main() {
  int fds = openFds();
  int r = 0;
  for (int fail = 0; fail < 2; ++fail) {
    r += countLines("/proc/self/maps", fail);
    try {
      r += copyLength("abc", fail);
    } catch (const std::exception &) {
      r += 100;
    }
    r += twoPhases(fail);
    try {
      r += firstByte("/dev/zero", fail);
    } catch (const std::exception &) {
      r += 1000;
    }
    r += dupSome(fail ? 1 : 5);
    r += countEntries("/", fail);
    try {
      r += sum(fail);
    } catch (const std::exception &) {
      r += 10;
    }
    r += squares(fail);
    r += scratch(fail);
    try {
      r += grow(fail);
    } catch (const std::exception &) {
      r += 10000;
    }
  }
  r += firstChar("abc") + firstChar("xyz");
  try {
    firstByte("/nonexistent", 0);
  } catch (const std::exception &e) {
    printf("caught %s\n", e.what());
  }
  printf("result %d\n", r);
  int leaked = openFds() - fds;
  printf("leaked fds: %d\n", leaked);
  fflush(stdout);
  return leaked != 0;
}
