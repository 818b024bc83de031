// Mock of what exit-handler tests need: <exception>, a little <cstdio>,
// <cstdlib> and <iostream>, and the third-party scope guards (gsl::finally,
// absl::Cleanup, std::experimental::scope_exit). Shapes only.
#pragma once
typedef unsigned long size_t;
extern "C" {
typedef struct _IO_FILE FILE;
extern FILE *stderr;
extern FILE *stdout;
int fprintf(FILE *, const char *, ...);
int fputs(const char *, FILE *);
int fclose(FILE *);
FILE *fopen(const char *, const char *);
void perror(const char *);
void syslog(int, const char *, ...);
void free(void *);
void *malloc(size_t);
int close(int);
[[noreturn]] void abort() noexcept;
}

namespace std {
class exception {
public:
  exception() noexcept {}
  virtual ~exception() {}
  virtual const char *what() const noexcept { return ""; }
};
class runtime_error : public exception {
public:
  explicit runtime_error(const char *) {}
};
class logic_error : public exception {
public:
  explicit logic_error(const char *) {}
};
namespace __exception_ptr {
class exception_ptr {
public:
  exception_ptr() noexcept {}
  explicit operator bool() const noexcept { return false; }
};
} // namespace __exception_ptr
using __exception_ptr::exception_ptr;
exception_ptr current_exception() noexcept;
[[noreturn]] void rethrow_exception(exception_ptr);
[[noreturn]] void terminate() noexcept;
using ::abort;

class ostream {
public:
  ostream &operator<<(const char *);
  ostream &operator<<(int);
};
extern ostream cerr;
extern ostream cout;

namespace experimental {
template <class F> class scope_exit {
public:
  explicit scope_exit(F f) : f_(f) {}
  ~scope_exit() { f_(); }
  scope_exit(const scope_exit &) = delete;

private:
  F f_;
};
template <class F> scope_exit(F) -> scope_exit<F>;
} // namespace experimental
} // namespace std

namespace gsl {
template <class F> class final_action {
public:
  explicit final_action(F f) : f_(f) {}
  ~final_action() { f_(); }

private:
  F f_;
};
template <class F> final_action<F> finally(F f) { return final_action<F>(f); }
} // namespace gsl

namespace absl {
template <class F> class Cleanup {
public:
  Cleanup(F f) : f_(f) {}
  ~Cleanup() { f_(); }

private:
  F f_;
};
template <class F> Cleanup(F) -> Cleanup<F>;
} // namespace absl
