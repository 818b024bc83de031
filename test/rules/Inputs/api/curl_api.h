// Mock declarations of the libcurl and libpq functions in rules/curl.yaml
// and rules/libpq.yaml.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
#define NULL ((void *)0)
typedef void CURL;
typedef void CURLM;
struct curl_slist;
CURL *curl_easy_init(void);
void curl_easy_cleanup(CURL *c);
int curl_easy_perform(CURL *c);
int curl_easy_setopt(CURL *c, int option, ...);
char *curl_easy_escape(CURL *c, const char *s, int len);
void curl_free(void *p);
CURLM *curl_multi_init(void);
int curl_multi_add_handle(CURLM *m, CURL *c);
int curl_multi_cleanup(CURLM *m);
struct curl_slist *curl_slist_append(struct curl_slist *list, const char *s);
void curl_slist_free_all(struct curl_slist *list);
void free(void *p);
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef enum { CONNECTION_OK, CONNECTION_BAD } ConnStatusType;
typedef enum { PGRES_COMMAND_OK = 1, PGRES_TUPLES_OK = 2 } ExecStatusType;
PGconn *PQconnectdb(const char *conninfo);
ConnStatusType PQstatus(const PGconn *conn);
void PQfinish(PGconn *conn);
PGresult *PQexec(PGconn *conn, const char *query);
ExecStatusType PQresultStatus(const PGresult *res);
int PQntuples(const PGresult *res);
void PQclear(PGresult *res);
int PQsetnonblocking(PGconn *conn, int arg);
char *PQescapeLiteral(PGconn *conn, const char *str, unsigned long length);
void PQfreemem(void *ptr);
#ifdef __cplusplus
}
#endif
