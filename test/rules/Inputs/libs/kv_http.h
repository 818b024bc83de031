// Mock declarations of two C libraries no shipped rule file describes (a
// key-value store and an HTTP client), included as a system header as real
// library headers are.
#ifdef __cplusplus
extern "C" {
#endif
struct kvstore;
int kv_open(const char *name, struct kvstore **db, int flags, const char *vfs);
int kv_close(struct kvstore *db);
int kv_exec(struct kvstore *db, const char *sql);
typedef void http_client;
http_client *http_client_new(void);
void http_client_free(http_client *c);
int http_client_get(http_client *c);
int http_pool_add(void *multi, http_client *c);
#ifdef __cplusplus
}
#endif
