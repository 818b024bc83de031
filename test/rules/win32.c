// The families of rules/win32.yaml on mock Win32 declarations, for a
// Windows target and for the host (rules match names, not targets).
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release,raii-reacquire %t -- -std=c11 --target=x86_64-w64-windows-gnu -isystem %S/Inputs/api
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release,raii-reacquire %t.host -- -std=c11 -isystem %S/Inputs/api

#include <windows_api.h>

int work(void);

int positiveEvent(void) {
  HANDLE ev = CreateEvent(NULL, 1, 0, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'ev' acquired by 'CreateEventW' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: windows_api.h:36:21: note: expanded from macro 'CreateEvent'
  if (!ev)
    return -1;
  if (!SetEvent(ev))
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'ev' is skipped by this return
  CloseHandle(ev);
  return 0;
}

// RegOpenKeyEx returns ERROR_SUCCESS (0) when it stored the key.
int negativeRegistry(LPCWSTR sub, LPCWSTR name, DWORD *out) {
  HKEY key;
  if (RegOpenKeyEx(HKEY_CURRENT_USER, sub, 0, KEY_READ, &key) != ERROR_SUCCESS)
    return -1;
  DWORD n = sizeof *out;
  LSTATUS rc = RegQueryValueExW(key, name, NULL, NULL, out, &n);
  RegCloseKey(key);
  return (int)rc;
}

int positiveLibrary(LPCWSTR name) {
  HMODULE m = LoadLibrary(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'm' acquired by 'LoadLibraryW' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: windows_api.h:44:21: note: expanded from macro 'LoadLibrary'
  if (m == NULL)
    return -1;
  if (!GetProcAddress(m, "entry"))
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm' is skipped by this return
  FreeLibrary(m);
  return 0;
}

void mismatchedHeap(void) {
  char *p = HeapAlloc(GetProcessHeap(), 0, 16);
  free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' acquired by 'HeapAlloc' is released by 'free'; release it with 'HeapFree' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'p' acquired here
  char *q = HeapAlloc(GetProcessHeap(), 0, 16);
  HeapFree(GetProcessHeap(), 0, q);
}

void mismatchedLocal(void) {
  HANDLE h = LocalAlloc(0, 16);
  GlobalFree(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'h' acquired by 'LocalAlloc' is released by 'GlobalFree'; release it with 'LocalFree' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'h' acquired here
}

CRITICAL_SECTION cs;
SRWLOCK srw;

// A thread may enter a critical section it owns again.
int negativeCriticalSection(void) {
  EnterCriticalSection(&cs);
  if (!TryEnterCriticalSection(&cs)) {
    LeaveCriticalSection(&cs);
    return -1;
  }
  work();
  LeaveCriticalSection(&cs);
  LeaveCriticalSection(&cs);
  return 0;
}

// The result of a TryEnterCriticalSection nested in the holder is its own,
// whatever `ok` held before, in a loop too.
int negativeNestedTryAfterValue(void) {
  BOOL ok;
  EnterCriticalSection(&cs);
  ok = 0;
  ok = TryEnterCriticalSection(&cs);
  if (ok)
    LeaveCriticalSection(&cs);
  LeaveCriticalSection(&cs);
  return 0;
}

int negativeNestedTryInLoop(int n) {
  BOOL ok;
  EnterCriticalSection(&cs);
  for (int i = 0; i < n; i++) {
    ok = TryEnterCriticalSection(&cs);
    if (ok)
      LeaveCriticalSection(&cs);
    ok = 0;
  }
  LeaveCriticalSection(&cs);
  return 0;
}

int positiveCriticalSection(void) {
  EnterCriticalSection(&cs);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cs' acquired by 'EnterCriticalSection' is not released on every path [raii-release-skipped]
  if (work())
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'cs' is skipped by this return
  LeaveCriticalSection(&cs);
  return 0;
}

void positiveSRWTwice(void) {
  AcquireSRWLockExclusive(&srw);
  AcquireSRWLockExclusive(&srw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'srw' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'srw' was first acquired here
  ReleaseSRWLockExclusive(&srw);
  ReleaseSRWLockExclusive(&srw);
}

void mismatchedSRW(void) {
  AcquireSRWLockShared(&srw);
  ReleaseSRWLockExclusive(&srw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'srw' acquired by 'AcquireSRWLockShared' is released by 'ReleaseSRWLockExclusive'; release it with 'ReleaseSRWLockShared' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'srw' acquired here
}

void paint(HWND wnd) {
  HDC dc = GetDC(wnd);
  HDC mem = CreateCompatibleDC(dc);
  HPEN pen = CreatePen(0, 1, 0);
  HGDIOBJ old = SelectObject(mem, pen);
  SelectObject(mem, old);
  DeleteObject(pen);
  DeleteDC(mem);
  DeleteDC(dc);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'dc' acquired by 'GetDC' is released by 'DeleteDC'; release it with 'ReleaseDC' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-9]]:12: note: 'dc' acquired here
}

void negativePaint(HWND wnd) {
  HDC dc = GetDC(wnd);
  if (!dc)
    return;
  work();
  ReleaseDC(wnd, dc);
}
