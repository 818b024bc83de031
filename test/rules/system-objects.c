// The POSIX, BSD and glibc objects of rules/posix.yaml, and the glibc
// acquires of stdio.yaml, posix-fd.yaml and memory.yaml: each leaked on
// an early return, and released on every path.
// RUN: %check_raii %s raii-release-skipped,raii-double-release %t -- -std=c11 -isystem %S/Inputs/api

#include <system_api.h>

int positiveInterfaceList(void) {
  struct ifaddrs *ifa;
  if (getifaddrs(&ifa) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'ifa' acquired by 'getifaddrs' is not released on every path [raii-release-skipped]
  for (struct ifaddrs *i = ifa; i; i = i->ifa_next)
    if (use(i->ifa_name))
      return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'ifa' is skipped by this return
  freeifaddrs(ifa);
  return 0;
}

int negativeInterfaceList(void) {
  struct ifaddrs *ifa;
  if (getifaddrs(&ifa) == -1)
    return -1;
  int n = 0;
  for (struct ifaddrs *i = ifa; i; i = i->ifa_next)
    ++n;
  freeifaddrs(ifa);
  return n;
}

int positiveNameIndex(void) {
  struct if_nameindex *ni = if_nameindex();
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'ni' acquired by 'if_nameindex' is not released on every path [raii-release-skipped]
  if (!ni)
    return -1;
  if (use(ni[0].if_name))
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'ni' is skipped by this return
  if_freenameindex(ni);
  return 0;
}

int positiveLocale(const char *name) {
  locale_t loc = newlocale(LC_ALL_MASK, name, (locale_t)0);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'loc' acquired by 'newlocale' is not released on every path [raii-release-skipped]
  if (!loc)
    return -1;
  locale_t copy = duplocale(loc);
  if (!copy)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'loc' is skipped by this return
  freelocale(copy);
  freelocale(loc);
  return 0;
}

// newlocale given a base takes it over where it succeeds, and leaves it
// the caller's where it fails.
int negativeLocaleBase(const char *name) {
  locale_t base = duplocale((locale_t)0);
  if (!base)
    return -1;
  locale_t loc = newlocale(LC_ALL_MASK, name, base);
  if (!loc) {
    freelocale(base);
    return -2;
  }
  use(loc);
  freelocale(loc);
  return 0;
}

int positiveTimer(void) {
  timer_t t;
  if (timer_create(CLOCK_MONOTONIC, 0, &t) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 't' acquired by 'timer_create' is not released on every path [raii-release-skipped]
  if (use(t))
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 't' is skipped by this return
  timer_delete(t);
  return 0;
}

int positiveQueue(const char *name) {
  mqd_t q = mq_open(name, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'q' acquired by 'mq_open' is not released on every path [raii-release-skipped]
  if (q == (mqd_t)-1)
    return -1;
  if (use(name))
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'q' is skipped by this return
  mq_close(q);
  return 0;
}

int positiveWords(const char *line) {
  wordexp_t we;
  if (wordexp(line, &we, 0) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'we' acquired by 'wordexp' is not released on every path [raii-release-skipped]
  if (we.we_wordc == 0)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'we' is skipped by this return
  int r = use(we.we_wordv[0]);
  wordfree(&we);
  return r;
}

int positiveCatalog(void) {
  nl_catd cat = catopen("app", 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'cat' acquired by 'catopen' is not released on every path [raii-release-skipped]
  if (cat == (nl_catd)-1)
    return -1;
  if (use(catgets(cat, 1, 1, "hello")))
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'cat' is skipped by this return
  catclose(cat);
  return 0;
}

int negativeCatalog(void) {
  nl_catd cat = catopen("app", 0);
  if (cat == (nl_catd)-1)
    return -1;
  int r = use(catgets(cat, 1, 1, "hello"));
  catclose(cat);
  return r;
}

int positiveSharedMemory(int id) {
  char *p = shmat(id, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'shmat' is not released on every path [raii-release-skipped]
  if (p == (void *)-1)
    return -1;
  if (p[0])
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  shmdt(p);
  return 0;
}

int positiveHierarchy(char **paths) {
  FTS *fts = fts_open(paths, FTS_PHYSICAL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fts' acquired by 'fts_open' is not released on every path [raii-release-skipped]
  if (!fts)
    return -1;
  for (FTSENT *e; (e = fts_read(fts));)
    if (use(e->fts_path))
      return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'fts' is skipped by this return
  fts_close(fts);
  return 0;
}

int positiveMountTable(const char *dir) {
  FILE *f = setmntent("/proc/mounts", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'setmntent' is not released on every path [raii-release-skipped]
  if (!f)
    return -1;
  for (struct mntent *m; (m = getmntent(f));)
    if (use(m->mnt_dir))
      return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'f' is skipped by this return
  endmntent(f);
  return 0;
}

int negativeMountTable(void) {
  FILE *f = setmntent("/proc/mounts", "r");
  if (!f)
    return -1;
  int n = 0;
  while (getmntent(f))
    ++n;
  endmntent(f);
  return n;
}

int positiveNotifyAndPid(int pid) {
  int fan = fanotify_init(0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'fan' acquired by 'fanotify_init' is not released on every path [raii-release-skipped]
  if (fan < 0)
    return -1;
  int pfd = pidfd_open(pid, 0);
  if (pfd < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fan' is skipped by this return
  close(pfd);
  close(fan);
  return 0;
}

int positiveSymbols(void *const *frames, int n) {
  char **names = backtrace_symbols(frames, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'names' acquired by 'backtrace_symbols' is never released [raii-release-skipped]
  if (!names)
    return -1;
  return use(names[0]);
}

int negativeSymbols(void *const *frames, int n) {
  char **names = backtrace_symbols(frames, n);
  if (!names)
    return -1;
  int r = use(names[0]);
  free(names);
  return r;
}
