// Scenario: cleanup code that swallows the exception it should report.
#include <cstdio>
#include <stdexcept>
#include <string>

class TempFile {
public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  ~TempFile() {
    try {
      remove_or_throw();
    } catch (...) {
      // nothing: a failed cleanup vanishes without a trace
    }
  }

private:
  void remove_or_throw() {
    if (std::remove(path_.c_str()) != 0)
      throw std::runtime_error("cannot remove " + path_);
  }
  std::string path_;
};

void flush_all();
void close_all() noexcept;

void shutdown() {
  try {
    flush_all();
  } catch (...) {
    close_all(); // cleans up, then drops the error on the floor
  }
}
