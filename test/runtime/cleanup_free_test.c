/* Run test of <raii/cleanup.h>: RAII_AUTOFREE frees on every way out of its
 * scope -- closing brace, return from nested blocks, goto, break, continue,
 * return from inside a loop. Each case compares the live heap bytes before
 * and after (and checks that the allocation was live inside); under
 * AddressSanitizer, LeakSanitizer also fails the program on a leak. */
#include <raii/cleanup.h>

#include "support/c_check.h"

enum { BLOCK = 4096 };

static long long heap_inside; /* live bytes seen inside the scope */

static char *alloc_block(void) {
  char *p = (char *)malloc(BLOCK);
  CHECK(p != NULL);
  memset(p, 0x5a, BLOCK);
  sink(p);
  heap_inside = live_heap_bytes();
  return p;
}

static void closing_brace(void) {
  {
    RAII_AUTOFREE char *p = alloc_block();
    p[0] = 1;
  }
}

static int return_from_nested_blocks(int depth) {
  RAII_AUTOFREE char *outer = alloc_block();
  {
    RAII_AUTOFREE char *middle = alloc_block();
    {
      RAII_AUTOFREE char *inner = alloc_block();
      if (depth == 3)
        return inner[0] + middle[0] + outer[0];
    }
    if (depth == 2)
      return middle[0];
  }
  return outer[0];
}

static int goto_out_of_scope(int fail) {
  int rc = 0;
  {
    RAII_AUTOFREE char *p = alloc_block();
    if (fail) {
      rc = -1;
      goto out;
    }
    rc = p[1];
  }
out:
  return rc;
}

static int loop_with_break(void) {
  int i;
  for (i = 0; i < 10; ++i) {
    RAII_AUTOFREE char *p = alloc_block();
    if (i == 3)
      break;
    p[0] = (char)i;
  }
  return i;
}

static int loop_with_continue(void) {
  int kept = 0;
  int i;
  for (i = 0; i < 10; ++i) {
    RAII_AUTOFREE char *p = alloc_block();
    if (i % 2 == 0)
      continue;
    kept += p[0] != 0;
  }
  return kept;
}

static int return_from_loop(void) {
  int i = 0;
  while (1) {
    RAII_AUTOFREE char *p = alloc_block();
    if (i == 4)
      return i;
    ++i;
  }
}

static int switch_break(int which) {
  switch (which) {
  case 1: {
    RAII_AUTOFREE char *p = alloc_block();
    if (p[0] != 0)
      break;
    return 0;
  }
  default:
    break;
  }
  return which;
}

/* The cleanup reads the variable when the scope ends: it frees what the
 * variable holds then, not what it was initialised with. */
static void reassigned(void) {
  RAII_AUTOFREE char *p = alloc_block();
  free(p);
  p = alloc_block();
  p[0] = 2;
}

/* Any object pointer type, and NULL (never freed: see the invalid test). */
struct record {
  double values[BLOCK / sizeof(double)];
};

static void other_pointer_types(void) {
  RAII_AUTOFREE struct record *rec = (struct record *)malloc(sizeof *rec);
  RAII_AUTOFREE int *ints = (int *)calloc(BLOCK, sizeof *ints);
  RAII_AUTOFREE void *raw = malloc(BLOCK);
  RAII_AUTOFREE char *none = NULL;
  CHECK(rec != NULL && ints != NULL && raw != NULL && none == NULL);
  sink(rec);
  sink(ints);
  sink(raw);
  heap_inside = live_heap_bytes();
}

#define EXPECT_NO_LEAK(call, min_inside)                                     \
  do {                                                                       \
    long long before = live_heap_bytes();                                    \
    heap_inside = 0;                                                         \
    (void)(call);                                                            \
    CHECK((min_inside) == 0 || heap_inside >= before + (min_inside));        \
    CHECK_EQ(live_heap_bytes(), before);                                     \
  } while (0)

int main(void) {
  EXPECT_NO_LEAK((closing_brace(), 0), BLOCK);
  EXPECT_NO_LEAK(return_from_nested_blocks(3), 3 * BLOCK);
  EXPECT_NO_LEAK(return_from_nested_blocks(2), 3 * BLOCK);
  EXPECT_NO_LEAK(return_from_nested_blocks(1), 3 * BLOCK);
  EXPECT_NO_LEAK(goto_out_of_scope(1), BLOCK);
  EXPECT_NO_LEAK(goto_out_of_scope(0), BLOCK);
  EXPECT_NO_LEAK(loop_with_break(), BLOCK);
  EXPECT_NO_LEAK(loop_with_continue(), BLOCK);
  EXPECT_NO_LEAK(return_from_loop(), BLOCK);
  EXPECT_NO_LEAK(switch_break(1), BLOCK);
  EXPECT_NO_LEAK(switch_break(2), 0);
  EXPECT_NO_LEAK((reassigned(), 0), BLOCK);
  EXPECT_NO_LEAK((other_pointer_types(), 0),
                 (long long)(sizeof(int) * BLOCK) + 2 * BLOCK);

  /* The values the exits computed are the ones the code returned. */
  CHECK_EQ(loop_with_break(), 3);
  CHECK_EQ(loop_with_continue(), 5);
  CHECK_EQ(return_from_loop(), 4);
  CHECK_EQ(goto_out_of_scope(1), -1);
  CHECK_EQ(return_from_nested_blocks(2), 0x5a);
  puts("cleanup_free: ok");
  return 0;
}
