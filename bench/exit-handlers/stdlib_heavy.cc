// A libstdc++-heavy translation unit for bench/exit-handlers: ordinary code
// with destructors, lambdas and try/catch that the exit-handler checks must
// look at without reporting anything (no findings expected).
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

void logError(const std::string &) noexcept;

class Registry {
public:
  ~Registry() {
    std::lock_guard<std::mutex> lock(mu_);
    handlers_.clear();
  }

  void add(const std::string &name, std::function<void(int)> fn) {
    std::lock_guard<std::mutex> lock(mu_);
    handlers_[name] = std::move(fn);
  }

  int dispatch(const std::string &name, int v) {
    std::function<void(int)> fn;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = handlers_.find(name);
      if (it == handlers_.end())
        return -1;
      fn = it->second;
    }
    try {
      fn(v);
    } catch (const std::exception &e) {
      logError(e.what());
      return -2;
    }
    return 0;
  }

private:
  std::mutex mu_;
  std::map<std::string, std::function<void(int)>> handlers_;
};

struct Node {
  std::string key;
  std::vector<std::unique_ptr<Node>> children;
  ~Node() = default;
};

class Tree {
public:
  ~Tree() { root_.reset(); }
  void insert(const std::string &path) {
    Node *n = root_.get();
    for (char c : path) {
      auto it = std::find_if(n->children.begin(), n->children.end(),
                             [c](const std::unique_ptr<Node> &p) {
                               return !p->key.empty() && p->key[0] == c;
                             });
      if (it == n->children.end()) {
        n->children.push_back(std::make_unique<Node>());
        n->children.back()->key = std::string(1, c);
        n = n->children.back().get();
      } else {
        n = it->get();
      }
    }
  }

private:
  std::unique_ptr<Node> root_ = std::make_unique<Node>();
};

int parseAll(const std::vector<std::string> &in, std::vector<int> &out) {
  int failures = 0;
  for (const std::string &s : in) {
    try {
      out.push_back(std::stoi(s));
    } catch (const std::invalid_argument &) {
      ++failures;
    } catch (const std::out_of_range &e) {
      logError(e.what());
      throw;
    }
  }
  std::sort(out.begin(), out.end(), [](int a, int b) { return a > b; });
  return failures;
}

template <class T> class Cache {
public:
  ~Cache() { entries_.clear(); }
  const T &get(const std::string &k, const std::function<T()> &make) {
    std::unique_lock<std::mutex> lock(mu_);
    auto it = entries_.find(k);
    if (it != entries_.end())
      return it->second;
    lock.unlock();
    T v = make();
    lock.lock();
    return entries_.emplace(k, std::move(v)).first->second;
  }

private:
  std::mutex mu_;
  std::map<std::string, T> entries_;
};

int useCache() {
  Cache<std::string> c;
  Cache<int> ci;
  int n = ci.get("x", [] { return 42; });
  return n + static_cast<int>(c.get("k", [] { return std::string("v"); }).size());
}

} // namespace bench
