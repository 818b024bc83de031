// The families of rules/glib.yaml on mock GLib declarations.
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release,raii-reacquire %t -- -std=c11 -isystem %S/Inputs/api

#include <glib_api.h>

int work(void);

int positiveStrdup(const gchar *s) {
  gchar *copy = g_strdup(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'copy' acquired by 'g_strdup' is not released on every path [raii-release-skipped]
  if (work())
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'copy' is skipped by this return
  g_free(copy);
  return 0;
}

void mismatchedMalloc(void) {
  int *v = g_new(int, 4);
  free(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'v' acquired by 'g_malloc_n' is released by 'free'; release it with 'g_free' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'v' acquired here
  // CHECK-MESSAGES: glib_api.h:27:33: note: expanded from macro 'g_new'
}

// g_file_get_contents stores the buffer only when it returns TRUE.
gsize negativeContents(const gchar *name) {
  gchar *text;
  gsize n;
  if (!g_file_get_contents(name, &text, &n, NULL))
    return 0;
  g_free(text);
  return n;
}

int positiveStrv(const gchar *s) {
  gchar **parts = g_strsplit(s, ",", -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'parts' acquired by 'g_strsplit' is not released on every path [raii-release-skipped]
  if (!parts[0])
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'parts' is skipped by this return
  g_strfreev(parts);
  return 1;
}

void positiveObject(void) {
  GObject *o = g_object_new(1, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'o' acquired by 'g_object_new' is never released [raii-release-skipped]
  work();
}

void negativeObjectRef(GObject *shared) {
  GObject *o = g_object_ref(shared);
  work();
  g_object_unref(o);
}

void negativeHashTable(void) {
  GHashTable *t = g_hash_table_new(NULL, NULL);
  g_hash_table_insert(t, NULL, NULL);
  g_hash_table_destroy(t);
}

GMutex mu;
GRecMutex rec;
GRWLock rw;

int positiveMutex(void) {
  g_mutex_lock(&mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' acquired by 'g_mutex_lock' is not released on every path [raii-release-skipped]
  if (work())
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'mu' is skipped by this return
  g_mutex_unlock(&mu);
  return 0;
}

int negativeTrylock(void) {
  if (!g_mutex_trylock(&mu))
    return -1;
  int r = work();
  g_mutex_unlock(&mu);
  return r;
}

void positiveMutexTwice(void) {
  g_mutex_lock(&mu);
  g_mutex_lock(&mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'mu' was first acquired here
  g_mutex_unlock(&mu);
  g_mutex_unlock(&mu);
}

void negativeRecursive(void) {
  g_rec_mutex_lock(&rec);
  g_rec_mutex_lock(&rec);
  work();
  g_rec_mutex_unlock(&rec);
  g_rec_mutex_unlock(&rec);
}

void mismatchedRWLock(void) {
  g_rw_lock_writer_lock(&rw);
  work();
  g_rw_lock_reader_unlock(&rw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rw' acquired by 'g_rw_lock_writer_lock' is released by 'g_rw_lock_reader_unlock'; release it with 'g_rw_lock_writer_unlock' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'rw' acquired here
}

// The GMatchInfo is stored through argument 3; TRUE means it was.
int positiveMatch(const GRegex *re, const gchar *s) {
  GMatchInfo *m;
  if (!g_regex_match(re, s, 0, &m))
    return 0;
  // CHECK-MESSAGES: :[[@LINE-2]]:8: warning: 'm' acquired by 'g_regex_match' is not released on every path [raii-release-skipped]
  if (work())
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm' is skipped by this return
  g_match_info_free(m);
  return 1;
}

// g_environ_setenv takes the array over and returns the one to keep.
void negativeEnviron(void) {
  gchar **env = g_get_environ();
  env = g_environ_setenv(env, "A", "1", TRUE);
  env = g_environ_setenv(env, "B", "2", TRUE);
  g_strfreev(env);
}

// g_object_ref gives back its argument: a reference equal to a field the
// caller already holds is still a reference to drop.
struct Owner {
  GObject *obj;
};
int positiveRefEqualsField(struct Owner *self, GObject *other) {
  GObject *o = g_object_ref(other);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'o' acquired by 'g_object_ref' is not released on every path [raii-release-skipped]
  if (o == self->obj)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'o' is skipped by this return
  g_object_unref(o);
  return 1;
}

// The containers keep what they are given (here, as with meson's
// dependencies, GLib's headers are system headers).
typedef struct {
  int id;
} Rec;
static GSList *recs;
void appendedToGlobalList(int n) {
  for (int i = 0; i < n; i++) {
    Rec *rec = g_new(Rec, 1);
    rec->id = i;
    recs = g_slist_append(recs, rec);
  }
}

void insertedIntoTable(GHashTable *t, const gchar *name, GPtrArray *all) {
  GHashTable *inner = g_hash_table_new(NULL, NULL);
  g_hash_table_insert(t, g_strdup("inner"), inner);
  gchar *key = g_strdup(name);
  GObject *o = g_object_new(0, NULL);
  g_hash_table_insert(t, key, g_object_ref(o));
  g_ptr_array_add(all, o);
}

int positiveLeakedBeforeAppend(int id) {
  Rec *rec = g_malloc(sizeof(Rec));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'rec' acquired by 'g_malloc' is never released, and not handed off on every path [raii-release-skipped]
  if (id < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'rec' is skipped by this return
  rec->id = id;
  recs = g_slist_append(recs, rec);
  return 0;
}

// g_bytes_new_take takes the buffer over (g_bytes_new copies it); a new
// thread gets its data, here a main context, to keep.
void takenByBytes(const gchar *name) {
  gchar *contents;
  gsize size;
  if (!g_file_get_contents(name, &contents, &size, NULL))
    return;
  GBytes *bytes = g_bytes_new_take(contents, size);
  g_bytes_unref(bytes);
}

void positiveCopiedByBytes(const gchar *name) {
  gchar *contents;
  gsize size;
  if (!g_file_get_contents(name, &contents, &size, NULL))
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'contents' acquired by 'g_file_get_contents' is never released [raii-release-skipped]
    return;
  GBytes *bytes = g_bytes_new(contents, size);
  g_bytes_unref(bytes);
}

gpointer worker(gpointer data);
void contextGivenToThread(void) {
  GMainContext *context = g_main_context_new();
  g_thread_unref(g_thread_new("worker", worker, context));
}
