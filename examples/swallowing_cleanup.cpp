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

void write_all(std::FILE *f, const std::string &text);

// A hand-written finally that forgot its `throw;`: a failed write is
// swallowed, and the file is then closed a second time.
void save(const std::string &path, const std::string &text) {
  std::FILE *f = std::fopen(path.c_str(), "w");
  if (!f)
    throw std::runtime_error("cannot open " + path);
  try {
    write_all(f, text);
  } catch (...) {
    std::fclose(f);
  }
  std::fclose(f);
}
