/* The project's portability header: a fallback for what some libcs lack,
   next to the project's own list helper (defined in another file). */
typedef unsigned long size_t;
char *strndup(const char *s, size_t n);
struct list;
void list_push(struct list *l, void *item); /* keeps item */
