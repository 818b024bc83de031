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
