// Mock declarations of the GLib functions in rules/glib.yaml; g_new expands
// to g_malloc_n as in gmem.h (simplified).
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
#define NULL ((void *)0)
#define TRUE 1
#define FALSE 0
typedef int gboolean;
typedef char gchar;
typedef void *gpointer;
typedef unsigned long gsize;
typedef struct _GHashTable GHashTable;
typedef struct _GObject GObject;
typedef struct { void *p; } GMutex;
typedef struct { void *p; } GRecMutex;
typedef struct { void *p; } GRWLock;
gpointer g_malloc(gsize n);
gpointer g_malloc_n(gsize n, gsize size);
void g_free(gpointer p);
gchar *g_strdup(const gchar *s);
gchar *g_strdup_printf(const gchar *fmt, ...);
gchar **g_strsplit(const gchar *s, const gchar *delim, int max);
void g_strfreev(gchar **v);
gboolean g_file_get_contents(const gchar *name, gchar **contents, gsize *length, void **error);
#define g_new(type, n) ((type *)g_malloc_n((n), sizeof(type)))
GHashTable *g_hash_table_new(unsigned (*hash)(const void *), int (*eq)(const void *, const void *));
void g_hash_table_insert(GHashTable *t, gpointer k, gpointer v);
void g_hash_table_destroy(GHashTable *t);
typedef struct _GSList {
  gpointer data;
  struct _GSList *next;
} GSList;
GSList *g_slist_append(GSList *list, gpointer data);
typedef struct _GPtrArray GPtrArray;
void g_ptr_array_add(GPtrArray *array, gpointer data);
gpointer g_object_new(unsigned long type, const gchar *first, ...);
gpointer g_object_ref(gpointer o);
void g_object_unref(gpointer o);
void g_mutex_lock(GMutex *m);
gboolean g_mutex_trylock(GMutex *m);
void g_mutex_unlock(GMutex *m);
void g_rec_mutex_lock(GRecMutex *m);
void g_rec_mutex_unlock(GRecMutex *m);
void g_rw_lock_writer_lock(GRWLock *l);
void g_rw_lock_writer_unlock(GRWLock *l);
void g_rw_lock_reader_lock(GRWLock *l);
void g_rw_lock_reader_unlock(GRWLock *l);
typedef struct _GRegex GRegex;
typedef struct _GMatchInfo GMatchInfo;
gboolean g_regex_match(const GRegex *regex, const gchar *string, int options, GMatchInfo **match_info);
void g_match_info_free(GMatchInfo *m);
gchar **g_get_environ(void);
gchar **g_environ_setenv(gchar **envp, const gchar *var, const gchar *value, gboolean overwrite);
void free(void *p);
typedef struct _GBytes GBytes;
GBytes *g_bytes_new(const void *data, gsize size);
GBytes *g_bytes_new_take(gpointer data, gsize size);
void g_bytes_unref(GBytes *bytes);
typedef struct _GThread GThread;
typedef gpointer (*GThreadFunc)(gpointer data);
GThread *g_thread_new(const gchar *name, GThreadFunc func, gpointer data);
void g_thread_unref(GThread *thread);
typedef struct _GMainContext GMainContext;
GMainContext *g_main_context_new(void);
void g_main_context_unref(GMainContext *context);
#ifdef __cplusplus
}
#endif
