// The families of rules/sdl2.yaml on mock SDL2 declarations.
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release,raii-reacquire %t -- -std=c11 -isystem %S/Inputs/api

#include <omp_sdl_api.h>

int work(void);

int positiveWindow(void) {
  SDL_Window *w = SDL_CreateWindow("t", 0, 0, 640, 480, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'w' acquired by 'SDL_CreateWindow' is not released on every path [raii-release-skipped]
  if (!w)
    return -1;
  SDL_Renderer *r = SDL_CreateRenderer(w, -1, 0);
  if (!r)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'w' is skipped by this return
  work();
  SDL_DestroyRenderer(r);
  SDL_DestroyWindow(w);
  return 0;
}

// SDL mutexes are recursive; SDL_TryLockMutex returns 0 when it locked.
int negativeMutex(SDL_mutex *m) {
  if (SDL_TryLockMutex(m) != 0)
    return -1;
  SDL_LockMutex(m);
  work();
  SDL_UnlockMutex(m);
  SDL_UnlockMutex(m);
  return 0;
}

int positiveSurfaceLock(SDL_Surface *s) {
  if (SDL_LockSurface(s) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 's' acquired by 'SDL_LockSurface' is not released on every path [raii-release-skipped]
  if (work())
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 's' is skipped by this return
  SDL_UnlockSurface(s);
  return 0;
}

void mismatchedClipboard(void) {
  char *text = SDL_GetClipboardText();
  free(text);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'text' acquired by 'SDL_GetClipboardText' is released by 'free'; release it with 'SDL_free' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'text' acquired here
}
