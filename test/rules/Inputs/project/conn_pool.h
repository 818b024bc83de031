/* A project header reached with -I that declares no function the rules
   name: its functions are the project's. */
typedef struct pg_conn PGconn;
int pool_keep(PGconn *conn);
