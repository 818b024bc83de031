/* bin/raii-tidy: the launcher. It runs clang-tidy itself in the one case that
 * must be fast -- pass-through of a plain clang-tidy command line, which
 * editors and CMAKE_CXX_CLANG_TIDY start once per file -- and hands every
 * other command line to the Python driver (share/raii-tidy/driver/), which
 * starts an interpreter first (docs/driver.md, "Cost").
 *
 * The fast path does exactly what raii_tidy.passthrough does: clang-tidy gets
 * --load=<plugin>, the default arguments of raii_tidy.checks_default, and the
 * command line unchanged. The option vocabulary and the default arguments
 * come from the Python modules (LauncherTables.h is generated from them), so
 * they are defined once. Anything the fast path does not handle goes to
 * Python unchanged: `merge`, driver options, project mode (-p without files),
 * --version and --help, RAII_TIDY_CLANG_TIDY or RAII_TIDY_PLUGIN set (the
 * version check and its cache live in raii_tidy.host), and a clang-tidy or
 * plugin that is missing (Python says why).
 *
 * Configured by CMake (compile definitions): RAII_CLANG_TIDY, RAII_LLVM_MAJOR,
 * RAII_PYTHON, and the paths from this binary's directory to the plugin
 * (RAII_PLUGIN_RELPATH) and to the Python launcher (RAII_DRIVER_RELPATH).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "LauncherTables.h"

static int in(const char *const *table, const char *name, size_t len) {
  for (; *table; ++table)
    if (strlen(*table) == len && strncmp(*table, name, len) == 0)
      return 1;
  return 0;
}

/* dir of this executable + "/" + rel, resolved; 0 when it does not exist. */
static char *beside_self(const char *rel) {
  char self[PATH_MAX], joined[2 * PATH_MAX + 2];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0)
    return 0;
  self[n] = 0;
  char *slash = strrchr(self, '/');
  if (!slash)
    return 0;
  *slash = 0;
  snprintf(joined, sizeof joined, "%s/%s", self, rel);
  return realpath(joined, 0);
}

static int is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Does a .clang-tidy apply in dir (dir or a parent has one)? As
 * raii_tidy.checks_default.ConfigLookup; -1 when dir cannot be resolved
 * (Python's realpath then still walks the parents of the path it made up). */
static int config_applies(const char *dir) {
  char *real = realpath(dir, 0);
  if (!real)
    return -1;
  char probe[PATH_MAX + 16];
  int found = 0;
  for (;;) {
    snprintf(probe, sizeof probe, "%s/.clang-tidy",
             strcmp(real, "/") == 0 ? "" : real);
    if (is_file(probe)) {
      found = 1;
      break;
    }
    char *slash = strrchr(real, '/');
    if (!slash || real[1] == 0)
      break;
    if (slash == real)
      slash[1] = 0; /* the root */
    else
      *slash = 0;
  }
  free(real);
  return found;
}

static void to_python(int argc, char **argv) {
  char *script = beside_self(RAII_DRIVER_RELPATH);
  if (!script) {
    fprintf(stderr, "raii-tidy: error: the driver is missing next to this "
                    "launcher (" RAII_DRIVER_RELPATH ")\n");
    exit(2);
  }
  char **args = calloc((size_t)argc + 3, sizeof *args);
  args[0] = RAII_PYTHON;
  args[1] = "-IS";
  args[2] = script;
  for (int i = 1; i < argc; ++i)
    args[i + 2] = argv[i];
  execv(RAII_PYTHON, args);
  fprintf(stderr, "raii-tidy: error: cannot run %s: %s\n", RAII_PYTHON,
          strerror(errno));
  exit(2);
}

int main(int argc, char **argv) {
  if (getenv("RAII_TIDY_CLANG_TIDY") || getenv("RAII_TIDY_PLUGIN") ||
      (argc > 1 && strcmp(argv[1], MERGE_COMMAND) == 0))
    to_python(argc, argv);

  /* As raii_tidy.cmdline.parse, up to `--`. */
  int named_checks = 0, chose_headers = 0, info = 0, build_path = 0;
  int files = 0;
  char **file_args = calloc((size_t)argc, sizeof *file_args);
  for (int i = 1; i < argc; ++i) {
    const char *tok = argv[i];
    if (strcmp(tok, "--") == 0)
      break;
    if (tok[0] != '-' || tok[1] == 0) {
      file_args[files++] = argv[i];
      continue;
    }
    const char *name = tok + (tok[1] == '-' ? 2 : 1);
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    if (!eq && name[0] == 'j' && len > 1 &&
        strspn(name + 1, "0123456789") == len - 1)
      to_python(argc, argv); /* -j4 */
    if (in(DRIVER_OPTIONS, name, len) || (!eq && in(DRIVER_FLAGS, name, len)))
      to_python(argc, argv);
    if (in(PYTHON_INFO_OPTIONS, name, len))
      to_python(argc, argv);
    int has_value = eq != 0;
    if (!eq && in(VALUE_OPTIONS, name, len) && i + 1 < argc) {
      ++i;
      has_value = 1;
    }
    named_checks |= in(CHECK_SELECTING_OPTIONS, name, len);
    chose_headers |= in(HEADER_SELECTING_OPTIONS, name, len);
    info |= in(INFO_OPTIONS, name, len);
    if (len == 1 && name[0] == 'p' && has_value)
      build_path = 1;
  }
  if (build_path && !files && !info)
    to_python(argc, argv); /* project mode */

  char *plugin = beside_self(RAII_PLUGIN_RELPATH "/libRaiiTidy.so");
  if (!plugin || access(RAII_CLANG_TIDY, X_OK) != 0 || !is_file(RAII_CLANG_TIDY))
    to_python(argc, argv); /* Python reports what is missing */

  /* As raii_tidy.checks_default.default_args. */
  int header_filter = RAII_LLVM_MAJOR < HEADER_FILTER_DEFAULT_SINCE &&
                      !chose_headers && !info;
  int add_checks = !named_checks, add_filter = header_filter;
  if (add_checks || add_filter) {
    int applies = 0;
    if (files == 0) {
      char cwd[PATH_MAX];
      applies = getcwd(cwd, sizeof cwd) ? config_applies(cwd) : -1;
    }
    for (int f = 0; f < files && !applies; ++f) {
      char dir[PATH_MAX];
      snprintf(dir, sizeof dir, "%s", file_args[f]);
      char *slash = strrchr(dir, '/');
      if (!slash)
        strcpy(dir, ".");
      else if (slash == dir)
        slash[1] = 0;
      else
        *slash = 0;
      applies = config_applies(dir);
    }
    if (applies < 0)
      to_python(argc, argv);
    if (applies)
      add_checks = add_filter = 0;
  }

  char **args = calloc((size_t)argc + 4, sizeof *args);
  int n = 0;
  args[n++] = RAII_CLANG_TIDY;
  size_t load_len = strlen(plugin) + sizeof "--load=";
  char *load = malloc(load_len);
  snprintf(load, load_len, "--load=%s", plugin);
  args[n++] = load;
  if (add_checks)
    args[n++] = DEFAULT_CHECKS_ARG;
  if (add_filter)
    args[n++] = DEFAULT_HEADER_FILTER_ARG;
  for (int i = 1; i < argc; ++i)
    args[n++] = argv[i];
  fflush(stdout);
  execv(RAII_CLANG_TIDY, args);
  fprintf(stderr, "raii-tidy: error: cannot run %s: %s\n", RAII_CLANG_TIDY,
          strerror(errno));
  return 2;
}
