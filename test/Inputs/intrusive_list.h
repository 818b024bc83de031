// A library's intrusive list (boost::intrusive::list's shape): it links
// the objects it is given by reference, and copies nothing.
#pragma once
namespace lib {
template <class T> struct list_traits {
  typedef T &reference;
  typedef const T &const_reference;
};
template <class T> class ilist {
public:
  typedef typename list_traits<T>::reference reference;
  typedef typename list_traits<T>::const_reference const_reference;
  void push_back(reference value) noexcept;
  void push_front(reference value) noexcept;
  bool contains(const_reference value) const noexcept;
};
} // namespace lib
