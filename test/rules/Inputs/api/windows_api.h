// Mock declarations of the Win32 functions in rules/win32.yaml, declared as
// the Windows SDK and mingw-w64 headers declare them (WINAPI, A/W macros).
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
#if defined(_WIN32)
#define WINAPI __stdcall
#else
#define WINAPI
#endif
#define NULL ((void *)0)
typedef int BOOL;
typedef unsigned char BOOLEAN;
typedef unsigned long DWORD;
typedef long LONG;
typedef LONG LSTATUS;
typedef unsigned long long SIZE_T;
typedef void *HANDLE;
typedef void *LPVOID;
typedef const char *LPCSTR;
typedef const unsigned short *LPCWSTR;
typedef struct HKEY__ *HKEY;
typedef struct HINSTANCE__ *HMODULE;
typedef struct HDC__ *HDC;
typedef struct HWND__ *HWND;
typedef struct HPEN__ *HPEN;
typedef void *HGDIOBJ;
typedef unsigned long COLORREF;
typedef struct { void *p; } CRITICAL_SECTION, *LPCRITICAL_SECTION;
typedef struct { void *p; } SRWLOCK, *PSRWLOCK;
#define ERROR_SUCCESS 0L
#define HKEY_CURRENT_USER ((HKEY)(unsigned long long)0x80000001)
#define KEY_READ 0x20019
HANDLE WINAPI CreateEventW(void *attrs, BOOL manual, BOOL initial, LPCWSTR name);
#define CreateEvent CreateEventW
BOOL WINAPI SetEvent(HANDLE h);
BOOL WINAPI CloseHandle(HANDLE h);
LSTATUS WINAPI RegOpenKeyExW(HKEY key, LPCWSTR sub, DWORD opts, DWORD sam, HKEY *result);
#define RegOpenKeyEx RegOpenKeyExW
LSTATUS WINAPI RegQueryValueExW(HKEY key, LPCWSTR name, DWORD *r, DWORD *type, void *data, DWORD *n);
LSTATUS WINAPI RegCloseKey(HKEY key);
HMODULE WINAPI LoadLibraryW(LPCWSTR name);
#define LoadLibrary LoadLibraryW
void *WINAPI GetProcAddress(HMODULE m, LPCSTR name);
BOOL WINAPI FreeLibrary(HMODULE m);
HANDLE WINAPI GetProcessHeap(void);
LPVOID WINAPI HeapAlloc(HANDLE heap, DWORD flags, SIZE_T n);
BOOL WINAPI HeapFree(HANDLE heap, DWORD flags, LPVOID p);
HANDLE WINAPI LocalAlloc(unsigned flags, SIZE_T n);
HANDLE WINAPI LocalFree(HANDLE mem);
HANDLE WINAPI GlobalFree(HANDLE mem);
void WINAPI EnterCriticalSection(LPCRITICAL_SECTION cs);
BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION cs);
void WINAPI LeaveCriticalSection(LPCRITICAL_SECTION cs);
void WINAPI AcquireSRWLockExclusive(PSRWLOCK l);
void WINAPI ReleaseSRWLockExclusive(PSRWLOCK l);
void WINAPI AcquireSRWLockShared(PSRWLOCK l);
void WINAPI ReleaseSRWLockShared(PSRWLOCK l);
HPEN WINAPI CreatePen(int style, int width, COLORREF color);
HGDIOBJ WINAPI SelectObject(HDC dc, HGDIOBJ obj);
BOOL WINAPI DeleteObject(HGDIOBJ obj);
HDC WINAPI GetDC(HWND wnd);
int WINAPI ReleaseDC(HWND wnd, HDC dc);
HDC WINAPI CreateCompatibleDC(HDC dc);
BOOL WINAPI DeleteDC(HDC dc);
void free(void *p);
#ifdef __cplusplus
}
#endif
