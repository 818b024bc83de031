"""Splits raii-tidy's command line into clang-tidy's arguments, the input
files, the compiler arguments after `--`, and the driver's own options.

clang-tidy's options (llvm::cl) are spelt -name or --name, with a value as
-name=value or, for options that take one, as the next argument. The driver's
options use the same spellings and never clash with clang-tidy's names.
"""
from .errors import DriverError

# clang-tidy 22 options that take a value (and so may consume the next arg).
CLANG_TIDY_VALUE_OPTIONS = frozenset("""
    checks config config-file exclude-header-filter export-fixes extra-arg
    extra-arg-before format-style header-filter line-filter load p removed-arg
    store-check-profile vfsoverlay warnings-as-errors""".split())

# Options after which clang-tidy prints something and analyses nothing.
CLANG_TIDY_INFO_OPTIONS = frozenset("""
    list-checks dump-config verify-config explain-config version help
    help-hidden help-list help-list-hidden print-all-options print-options
    """.split())

# Information requests the driver answers itself before clang-tidy does
# (raii_tidy.passthrough); the compiled launcher hands them to Python.
PYTHON_INFO_OPTIONS = frozenset(["version", "help"])

CHECK_SELECTING_OPTIONS = frozenset(["checks", "config", "config-file"])
HEADER_SELECTING_OPTIONS = frozenset(["header-filter", "config", "config-file"])

# The driver's options, all taking a value; `repeat` ones may be given again.
DRIVER_OPTIONS = {
    "j": "jobs", "jobs": "jobs",
    "sarif": "sarif",
    "format": "format",
    "files": "files",
    "exclude": "exclude",
    "diff": "diff",
    "baseline": "baseline",
    "write-baseline": "write_baseline",
    "shard": "shard",
    "findings-exit-code": "findings_exit_code",
    "progress": "progress",
    "source-root": "source_root",
}
REPEATABLE = frozenset(["files", "exclude"])
# The driver's options that take no value.
DRIVER_FLAGS = {
    "sarif-include-suppressed": "sarif_include_suppressed",
}

DRIVER_HELP = """\
raii-tidy: clang-tidy with raii-tidy's checks (--checks defaults to -*,raii-*)

  raii-tidy [clang-tidy options] FILE... [-- compiler args]   as clang-tidy
  raii-tidy -p BUILD_DIR [options]      every file of the compilation database
  raii-tidy merge [-o OUT] FILE.sarif...  merge the SARIF files of shards

Whole-project options (any of them selects project mode):
  -j N, --jobs N            parallel clang-tidy runs (default: all cores)
  --files REGEX             only files whose absolute path matches (repeatable)
  --exclude REGEX           skip files whose absolute path matches (repeatable)
  --format text|sarif|codeclimate   what goes to stdout (default text)
  --sarif FILE              also write SARIF 2.1.0 to FILE
  --sarif-include-suppressed  add findings silenced by NOLINT to the SARIF,
                            as suppressed results with the comment's reason
  --diff REV                only findings on lines changed since git REV
  --write-baseline FILE     record the reported findings
  --baseline FILE           only findings not in FILE
  --shard I/N               only shard I (1-based) of N
  --findings-exit-code N    exit code when findings are reported (default 1)
  --progress auto|bar|lines|none    progress on stderr (default auto)
  --source-root DIR         paths relative to DIR (default: the git work tree)
Exit codes: 0 clean, 1 findings, 2 tool or configuration error.
Docs: docs/driver.md. clang-tidy's own options follow.
"""

# clang-tidy options that the driver implements itself in project mode.
FIX_OPTIONS = frozenset(["fix", "fix-errors", "fix-notes"])


class CommandLine:
    def __init__(self):
        self.argv = []
        self.clang_tidy_args = []   # clang-tidy options before `--`
        self.files = []             # positional inputs before `--`
        self.tail = []              # `--` and the compiler arguments after it
        self.driver = {}            # driver options: dest -> value (or list)
        self.user_named_checks = False
        self.user_configured_headers = False
        self.info = False
        self.build_path = None      # -p value
        self.fix = set()            # which of FIX_OPTIONS were given
        self.export_fixes = None    # --export-fixes value

    @property
    def project_mode(self):
        """The driver runs clang-tidy itself (in parallel, reading its
        structured output) when a driver option is given, or when -p names a
        build directory and no file is named. Otherwise the command line goes
        to clang-tidy unchanged."""
        if self.driver:
            return True
        return self.build_path is not None and not self.files and not self.info


def _split_option(tok):
    """'-name=value' / '--name' -> (name, value or None)."""
    body = tok[2:] if tok.startswith("--") else tok[1:]
    name, eq, value = body.partition("=")
    return name, (value if eq else None)


def parse(argv):
    cl = CommandLine()
    cl.argv = list(argv)
    i = 0
    n = len(argv)
    while i < n:
        tok = argv[i]
        i += 1
        if tok == "--":
            cl.tail = argv[i - 1:]
            break
        if not tok.startswith("-") or tok == "-":
            cl.files.append(tok)
            continue
        name, value = _split_option(tok)
        if name.startswith("j") and name[1:].isdigit() and value is None:
            name, value = "j", name[1:]           # -j4
        if name in DRIVER_FLAGS and value is None:
            cl.driver[DRIVER_FLAGS[name]] = True
            continue
        if name in DRIVER_OPTIONS:
            if value is None:
                if i >= n:
                    raise DriverError(f"option '{tok}' needs a value")
                value = argv[i]
                i += 1
            dest = DRIVER_OPTIONS[name]
            if name in REPEATABLE:
                cl.driver.setdefault(dest, []).append(value)
            else:
                cl.driver[dest] = value
            continue
        if name in CLANG_TIDY_VALUE_OPTIONS and value is None and i < n:
            value = argv[i]
            cl.clang_tidy_args += [tok, value]
            i += 1
        else:
            cl.clang_tidy_args.append(tok)
        if name in CHECK_SELECTING_OPTIONS:
            cl.user_named_checks = True
        if name in HEADER_SELECTING_OPTIONS:
            cl.user_configured_headers = True
        if name in CLANG_TIDY_INFO_OPTIONS:
            cl.info = True
        if name == "p":
            cl.build_path = value
        if name in FIX_OPTIONS:
            cl.fix.add(name)
        if name == "export-fixes":
            cl.export_fixes = value
    return cl


def without_options(args, names):
    """args (clang-tidy options as given) minus the options named in names,
    with their separate values."""
    out = []
    i = 0
    while i < len(args):
        tok = args[i]
        i += 1
        name, value = _split_option(tok)
        takes_next = name in CLANG_TIDY_VALUE_OPTIONS and value is None
        if name not in names:
            out.append(tok)
            if takes_next and i < len(args):
                out.append(args[i])
        if takes_next:
            i += 1
    return out
