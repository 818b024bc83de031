// A library's intrusive list (boost::intrusive::list's shape): it links
// the objects it is given by reference, and copies nothing.
#pragma once
namespace lib {
template <class T> class ilist {
public:
  void push_back(T &value) noexcept;
  void push_front(T &value) noexcept;
  bool contains(const T &value) const noexcept;
};
} // namespace lib
