// Mock C11 <threads.h>.
#pragma once
typedef struct { int opaque; } mtx_t;
enum { thrd_success = 0, thrd_busy = 1, thrd_error = 2 };
int mtx_lock(mtx_t *m);
int mtx_trylock(mtx_t *m);
int mtx_unlock(mtx_t *m);
typedef unsigned tss_t;
int tss_set(tss_t key, void *val);
