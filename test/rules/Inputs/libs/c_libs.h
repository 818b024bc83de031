// Mock declarations of C libraries the user rules describe (sqlite3, curl),
// included as a system header as the real ones are.
#ifdef __cplusplus
extern "C" {
#endif
struct sqlite3;
int sqlite3_open_v2(const char *name, struct sqlite3 **db, int flags,
                    const char *vfs);
int sqlite3_close(struct sqlite3 *db);
int sqlite3_exec(struct sqlite3 *db, const char *sql);
typedef void CURL;
CURL *curl_easy_init(void);
void curl_easy_cleanup(CURL *c);
int curl_easy_perform(CURL *c);
int curl_multi_add_handle(void *multi, CURL *c);
#ifdef __cplusplus
}
#endif
