// A stand-in for a library that takes callbacks: one called on each
// element of an array, one walking a list with a context.
#ifndef MOCK_CALLBACKS_H
#define MOCK_CALLBACKS_H
typedef void (*item_fn)(void *);
void apply_all(void **items, int n, item_fn fn);
void list_walk(void *list, item_fn fn, void *context);
#endif
