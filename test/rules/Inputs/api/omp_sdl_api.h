// Mock declarations of the OpenMP runtime and SDL2 functions in
// rules/openmp.yaml and rules/sdl2.yaml.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
#define NULL ((void *)0)
typedef struct { void *p; } omp_lock_t;
typedef struct { void *p; } omp_nest_lock_t;
typedef unsigned long omp_allocator_handle_t;
void omp_init_lock(omp_lock_t *l);
void omp_destroy_lock(omp_lock_t *l);
void omp_set_lock(omp_lock_t *l);
void omp_unset_lock(omp_lock_t *l);
int omp_test_lock(omp_lock_t *l);
void omp_set_nest_lock(omp_nest_lock_t *l);
void omp_unset_nest_lock(omp_nest_lock_t *l);
void *omp_alloc(unsigned long size, omp_allocator_handle_t a);
void omp_free(void *p, omp_allocator_handle_t a);
void free(void *p);
typedef struct SDL_Window SDL_Window;
typedef struct SDL_Renderer SDL_Renderer;
typedef struct SDL_mutex SDL_mutex;
typedef struct SDL_Surface SDL_Surface;
SDL_Window *SDL_CreateWindow(const char *title, int x, int y, int w, int h, unsigned flags);
void SDL_DestroyWindow(SDL_Window *w);
SDL_Renderer *SDL_CreateRenderer(SDL_Window *w, int index, unsigned flags);
void SDL_DestroyRenderer(SDL_Renderer *r);
int SDL_LockMutex(SDL_mutex *m);
int SDL_TryLockMutex(SDL_mutex *m);
int SDL_UnlockMutex(SDL_mutex *m);
int SDL_LockSurface(SDL_Surface *s);
void SDL_UnlockSurface(SDL_Surface *s);
void *SDL_malloc(unsigned long size);
void SDL_free(void *p);
char *SDL_GetClipboardText(void);
#ifdef __cplusplus
}
#endif
