// C++: a handle a constructor acquires straight into a field of the object
// it builds is the object's once the constructor returns, but an
// exception out of the constructor runs no destructor: the exits that
// skip its release are the exceptions only.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17 -isystem %mock_include/libc

#include <stdio.h>

struct Error {
  const char *what;
};

bool readHeader(FILE *f); // another file's: may throw

struct Reader {
  FILE *fptr;
  explicit Reader(const char *name) {
    fptr = fopen(name, "rb");
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fptr' acquired by 'fopen' leaks when the constructor throws: no destructor runs for an object whose constructor throws [raii-release-skipped]
    if (!fptr)
      throw Error{"cannot open"};
    char hdr[4];
    if (fread(hdr, 4, 1, fptr) != 1)
      throw Error{"corrupt"};
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'fptr' is skipped by this throw
  }
  ~Reader() { fclose(fptr); }
};

struct Buffer {
  char *data;
  explicit Buffer(const char *name) {
    this->data = new char[64];
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'data' acquired by 'new[]' leaks when the constructor throws: no destructor runs for an object whose constructor throws [raii-release-skipped]
    if (!name)
      return;
    readHeader(stdin);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'data' is skipped when 'readHeader' throws an exception
  }
  ~Buffer() { delete[] data; }
};

// Released before the throw, kept by a member object, acquired outside a
// constructor, or by a constructor that delegates (the object exists once
// the target returns): nothing to report.
struct Closes {
  FILE *fptr;
  explicit Closes(const char *name) {
    fptr = fopen(name, "rb");
    if (fptr == NULL)
      throw Error{"cannot open"};
    char hdr[4];
    if (fread(hdr, 4, 1, fptr) != 1) {
      fclose(fptr);
      throw Error{"corrupt"};
    }
  }
  ~Closes() { fclose(fptr); }
};

struct Opener {
  FILE *fptr = nullptr;
  void open(const char *name) {
    fptr = fopen(name, "rb");
    if (!fptr)
      throw Error{"cannot open"};
    readHeader(fptr);
  }
  Opener(const char *name, int) { open(name); }
  explicit Opener(const char *name) : Opener(name, 0) {
    fptr = fopen(name, "rb");
    readHeader(fptr);
  }
  ~Opener() { if (fptr) fclose(fptr); }
};

struct Base {
  FILE *log = nullptr;
  ~Base() { if (log) fclose(log); }
};
struct Derived : Base {
  explicit Derived(const char *name) {
    log = fopen(name, "a");
    readHeader(log);
  }
};

// A field given two values in the constructor: its test is not the
// acquire's.
struct Twice {
  FILE *fptr;
  explicit Twice(const char *name) {
    fptr = nullptr;
    if (name)
      fptr = fopen(name, "rb");
    readHeader(fptr);
  }
  ~Twice() { if (fptr) fclose(fptr); }
};

// A descriptor tested against -1, a field acquired in a loop (a `break`
// leaves no scope of the field's), held by a local guard, or released or
// tested through a member function: nothing to report.
int open(const char *path, int flags);
int close(int fd);
struct Descriptor {
  int fd;
  explicit Descriptor(const char *path) {
    fd = open(path, 0);
    if (fd == -1)
      throw Error{"cannot open"};
  }
  ~Descriptor() { close(fd); }
};

struct FirstConfig {
  FILE *fp = nullptr;
  explicit FirstConfig(const char *const *names) {
    for (const char *const *n = names; *n; ++n) {
      fp = fopen(*n, "r");
      if (fp)
        break;
    }
  }
  ~FirstConfig() { if (fp) fclose(fp); }
};

struct Guarded {
  struct Closer {
    FILE *f;
    ~Closer() { if (f) fclose(f); }
  };
  FILE *fptr;
  explicit Guarded(const char *name) {
    fptr = fopen(name, "rb");
    Closer c{fptr};
    readHeader(fptr);
    c.f = nullptr;
  }
  ~Guarded() { fclose(fptr); }
};

struct ClosesThroughMember {
  FILE *fptr;
  bool isOpen() const { return fptr != nullptr; }
  void closeAll() { if (fptr) fclose(fptr); fptr = nullptr; }
  explicit ClosesThroughMember(const char *name) {
    fptr = fopen(name, "rb");
    if (!isOpen())
      throw Error{"cannot open"};
    char hdr[4];
    if (fread(hdr, 4, 1, fptr) != 1) {
      closeAll();
      throw Error{"corrupt"};
    }
  }
  ~ClosesThroughMember() { closeAll(); }
};

// Given to a call while the destructor releases it: the call only borrows
// it, and may throw.
struct Header {
  FILE *fptr;
  explicit Header(const char *name) {
    fptr = fopen(name, "rb");
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fptr' acquired by 'fopen' leaks when the constructor throws: no destructor runs for an object whose constructor throws [raii-release-skipped]
    if (!fptr)
      throw Error{"cannot open"};
    readHeader(fptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fptr' is skipped when 'readHeader' throws an exception
  }
  ~Header() { fclose(fptr); }
};

// Released on some paths of the constructor: the message is the same.
struct Partial {
  FILE *fptr;
  bool probed = false;
  explicit Partial(const char *name, bool probe) {
    fptr = fopen(name, "rb");
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fptr' acquired by 'fopen' leaks when the constructor throws: no destructor runs for an object whose constructor throws [raii-release-skipped]
    if (!fptr)
      return;
    if (probe) {
      fclose(fptr);
      probed = true;
      return;
    }
    char hdr[4];
    if (fread(hdr, 4, 1, fptr) != 1)
      throw Error{"corrupt"};
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'fptr' is skipped by this throw
  }
  ~Partial() { if (fptr && !probed) fclose(fptr); }
};
