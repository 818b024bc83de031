// raii-tidy-import-cppcheck on a library file written for the test: what it
// writes, what it says about each entry it cannot express, and that the
// checks then find leaks through the imported functions.
// RUN: %python %raii_obj/bin/raii-tidy-import-cppcheck %S/Inputs/cppcheck/sample.cfg -o %t.yaml 2> %t.err
// RUN: FileCheck --check-prefix=YAML --match-full-lines --input-file=%t.yaml %s
// RUN: FileCheck --check-prefix=ERR --implicit-check-not=warning: --implicit-check-not=note: --input-file=%t.err %s
// RUN: %check_raii --config="{CheckOptions: {RaiiRuleFiles: '%t.yaml'}}" %s raii-release-skipped,raii-mismatched-release %t.check -- -std=c11
// Nothing left to convert: no file, exit status 0.
// RUN: %python %raii_obj/bin/raii-tidy-import-cppcheck %S/Inputs/cppcheck/shipped-only.cfg -o %t.none.yaml 2> %t.none.err
// RUN: not ls %t.none.yaml
// RUN: FileCheck --check-prefix=NONE --input-file=%t.none.err %s
// A file that is not a cppcheck library: exit status 1.
// RUN: not %python %raii_obj/bin/raii-tidy-import-cppcheck %S/Inputs/db.yaml 2>&1 | FileCheck --check-prefix=BAD %s

// YAML:      version: 1
// YAML-NEXT: area: cppcheck-sample
// YAML-NEXT: families:
// YAML-NEXT:   - name: sample-pool-realloc
// YAML-NEXT:     kind: memory
// YAML-NEXT:     # from {{.*}}sample.cfg:5
// YAML-NEXT:     calls: take
// YAML-NEXT:     acquire:
// YAML-NEXT:       - { function: pool_alloc, handle: return, invalid: "null" }
// YAML-NEXT:       - { function: pool_dup, handle: out 1 }
// YAML-NEXT:       - { function: pool_realloc, handle: return, invalid: "null" }
// YAML-NEXT:       - { function: pool_strdup, handle: return, invalid: "null" }
// YAML-NEXT:     release:
// YAML-NEXT:       - { function: pool_free, handle: arg 1 }
// YAML-NEXT:       - { function: pool_realloc, handle: arg 0 }
// YAML-NEXT:     transfer:
// YAML-NEXT:       - { function: pool_adopt, arg: 0 }
// YAML-NEXT:   - name: sample-chan-close
// YAML-NEXT:     kind: resource
// YAML-NEXT:     # from {{.*}}sample.cfg:16
// YAML-NEXT:     acquire:
// YAML-NEXT:       - { function: chan_open, handle: return, invalid: "negative" }
// YAML-NEXT:       - { function: chan_open_ex, handle: return, invalid: "negative" }
// YAML-NEXT:       - { function: chan_find, handle: return, invalid: "null" }
// YAML-NEXT:     release:
// YAML-NEXT:       - { function: chan_close, handle: arg 0 }
// YAML-NEXT:   - extends: c-heap
// YAML-NEXT:     # from {{.*}}sample.cfg:29
// YAML-NEXT:     acquire:
// YAML-NEXT:       - { function: my_xmalloc, handle: return, invalid: "null" }
// YAML-NOT: {{.}}

// ERR:      sample.cfg:23: warning: 'mmap' fails with MAP_FAILED, a failure value rule files cannot name (only null and negative); not converted
// ERR-NEXT: sample.cfg:24: warning: attribute(s) no-fail of <alloc> not supported; entry skipped
// ERR-NEXT: sample.cfg:25: warning: 'operator new' is not a function name a rule can match; entry skipped
// ERR-NEXT: sample.cfg:26: warning: <frob> in <resource> is not supported; entry skipped
// ERR-NEXT: sample.cfg:7: warning: cppcheck gives no success convention for 'pool_dup' (arg="2"): the out-parameter is taken to be acquired whether or not the call succeeds; add 'success: zero' or 'success: "true"' if the API says otherwise
// ERR-NEXT: sample.cfg:5: note: no integer or pointer return type known for 'pool_alloc', 'pool_realloc', 'pool_strdup'; 'invalid: null' assumed
// ERR-NEXT: sample.cfg:22: warning: <resource> group has no acquire left to convert; 1 entry not converted
// ERR-NEXT: sample.cfg:30: note: 'malloc' is already an acquire of the shipped family 'c-heap'; not repeated
// ERR-NEXT: sample.cfg:29: note: no integer or pointer return type known for 'my_xmalloc'; 'invalid: null' assumed
// ERR-NEXT: raii-tidy-import-cppcheck: 19 entries: 12 converted into 2 families and 1 extension(s) of shipped families, 2 already shipped, 5 not converted (each explained above)

// NONE: shipped-only.cfg:4: note: 'fopen' is already an acquire of the shipped family 'stdio-file'; not repeated
// NONE: raii-tidy-import-cppcheck: 2 entries: 0 converted into 0 families and 0 extension(s) of shipped families, 2 already shipped, 0 not converted (each explained above)
// NONE-NEXT: raii-tidy-import-cppcheck: no rule file written: nothing left to convert

// BAD: db.yaml: error: cannot read cppcheck library: not well-formed (invalid token): line 1, column 1

typedef struct chan chan;
int chan_open(const char *name);
int chan_close(int ch);
int chan_send(int ch, const char *msg);
void *pool_alloc(unsigned long n);
void pool_free(void *pool, void *p);
void *pool_handle(void);
void pool_adopt(void *p);
void free(void *);
void *my_xmalloc(unsigned long n);
void g_free(void *);

int leakOnError(const char *name) {
  int ch = chan_open(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'ch' acquired by 'chan_open' is not released on every path [raii-release-skipped]
  if (ch < 0)
    return -1; // 'invalid: negative' from <returnValue type="int">
  if (chan_send(ch, "hello") != 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'ch' is skipped by this return
  return chan_close(ch);
}

void pooled(int adopt) {
  char *p = pool_alloc(16);
  if (adopt) {
    pool_adopt(p); // <use>: takes the block over
    return;
  }
  pool_free(pool_handle(), p); // <dealloc arg="2">
}

void mismatched(void) {
  char *p = pool_alloc(16);
  free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' acquired by 'pool_alloc' is released by 'free'; release it with 'pool_free' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'p' acquired here
}

// my_xmalloc extends the shipped c-heap: free releases it, g_free is a
// mismatch.
void xmallocFreed(void) {
  char *p = my_xmalloc(8);
  free(p);
}

void xmallocMismatched(void) {
  char *p = my_xmalloc(8);
  g_free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' acquired by 'my_xmalloc' is released by 'g_free'; release it with 'free' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'p' acquired here
}
