#!/usr/bin/env python3
"""Writes a C translation unit of thousands of small functions, for the cost of
function summaries: chains of acquire wrappers (each returns what the one
below returns, the bottom one calls fopen/malloc), release wrappers (each
passes its argument down, the bottom one frees it), lock wrappers on globals,
helpers that never return, and one caller per chain that acquires through
the top wrapper and releases through the top release wrapper.

  gen_summaries.py --chains 500 --depth 4 > summaries.c
  (chains * depth * 3 + chains functions; 500 x 4 gives 6500)
"""
import argparse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chains", type=int, default=500)
    ap.add_argument("--depth", type=int, default=4)
    o = ap.parse_args()
    out = ["#include <pthread.h>", "#include <stdio.h>", "#include <stdlib.h>",
           "void use(const void *);", ""]
    for c in range(o.chains):
        out.append("static pthread_mutex_t mx_%d = PTHREAD_MUTEX_INITIALIZER;" % c)
        out.append("static void *acq_%d_0(size_t n) { void *p = malloc(n);"
                   " if (!p) abort(); return p; }" % c)
        out.append("static void rel_%d_0(void *p) { free(p); }" % c)
        out.append("static void lock_%d_0(void) { pthread_mutex_lock(&mx_%d); }"
                   % (c, c))
        out.append("static void unlock_%d_0(void) { pthread_mutex_unlock(&mx_%d); }"
                   % (c, c))
        for d in range(1, o.depth):
            out.append("static void *acq_%d_%d(size_t n) { return acq_%d_%d(n); }"
                       % (c, d, c, d - 1))
            out.append("static void rel_%d_%d(void *p) { rel_%d_%d(p); }"
                       % (c, d, c, d - 1))
        top = o.depth - 1
        out.append("int caller_%d(size_t n, int e) {" % c)
        out.append("  char *p = acq_%d_%d(n);" % (c, top))
        out.append("  lock_%d_0();" % c)
        out.append("  use(p);")
        out.append("  unlock_%d_0();" % c)
        out.append("  if (e) return -1;" if c % 10 == 0 else "  use(p);")
        out.append("  rel_%d_%d(p);" % (c, top))
        out.append("  return 0;")
        out.append("}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
