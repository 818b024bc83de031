// A stand-in for event-loop and sorting libraries that take a callback and
// the data to call it with: libevent's registrations and a GLib-style
// signal connection (kept for later), qsort_r, a PEM-style password reader
// and a GLib-style synchronous spawn (called back before returning).
#ifndef MOCK_EVENTLOOP_H
#define MOCK_EVENTLOOP_H
struct event;
struct timeval;
typedef void (*event_callback_fn)(int, short, void *);
void event_set(struct event *ev, int fd, short events, event_callback_fn cb,
               void *arg);
int event_add(struct event *ev, const struct timeval *tv);
#define evtimer_set(ev, cb, arg) event_set((ev), -1, 0, (cb), (arg))
void qsort_r(void *base, unsigned long n, unsigned long size,
             int (*compar)(const void *, const void *, void *), void *arg);
typedef int pem_password_cb(char *buf, int size, int rwflag, void *u);
int read_private_key(void *bio, pem_password_cb *cb, void *u);
typedef void (*signal_cb)(void *instance, void *data);
unsigned long signal_connect_data(void *instance, const char *signal,
                                  signal_cb cb, void *data, int flags);
typedef void (*child_setup_fn)(void *data);
int spawn_sync(const char *dir, char **argv, child_setup_fn setup,
               void *data, int *status);
#endif
