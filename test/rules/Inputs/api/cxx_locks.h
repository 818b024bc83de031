// Mock declarations of the Qt 6, Boost.Thread and Abseil lock classes in
// rules/qt.yaml, rules/boost-thread.yaml and rules/abseil.yaml.
#pragma once
class QBasicMutex {
public:
  void lock() noexcept;
  bool tryLock() noexcept;
  void unlock() noexcept;
};
class QMutex : public QBasicMutex {
public:
  bool tryLock(int timeout) noexcept;
  using QBasicMutex::tryLock;
};
class QRecursiveMutex {
public:
  void lock();
  bool tryLock(int timeout = 0) noexcept;
  void unlock() noexcept;
};
class QReadWriteLock {
public:
  void lockForRead();
  void lockForWrite();
  bool tryLockForRead();
  void unlock();
};
template <class M> class QMutexLocker {
public:
  explicit QMutexLocker(M *m) noexcept;
  ~QMutexLocker();
};
namespace boost {
class mutex {
public:
  void lock();
  bool try_lock();
  void unlock();
};
class recursive_mutex {
public:
  void lock();
  void unlock();
};
class shared_mutex {
public:
  void lock();
  void unlock();
  void lock_shared();
  void unlock_shared();
};
} // namespace boost
namespace absl {
class Mutex {
public:
  void Lock();
  void Unlock();
  bool TryLock();
  void ReaderLock();
  void ReaderUnlock();
};
} // namespace absl
