"""Pass-through mode: the command line goes to clang-tidy unchanged (plus
--load and, when nothing else selects them, --checks=-*,raii-* and, for a
clang-tidy older than 22, --header-filter=.*: see checks_default), and
clang-tidy's own output and exit code are the result. This is how raii-tidy
behaved as a shell wrapper; it costs one Python start-up and no extra process.
"""
import os
import sys

from . import host as hostmod
from .checks_default import default_args


def run(cl, build, env):
    host = hostmod.resolve(build, env)
    names = {_name(a) for a in cl.clang_tidy_args}
    if "version" in names:
        print(f"raii-tidy version {build.version} (plugin built against LLVM "
              f"{build.llvm_version})")
        print(f"host clang-tidy: {host.clang_tidy} (LLVM "
              f"{hostmod.query_version(host.clang_tidy)})")
        sys.stdout.flush()
        os.execv(host.clang_tidy, [host.clang_tidy, "--version"])
    if "help" in names:
        from .cmdline import DRIVER_HELP
        print(DRIVER_HELP)
        sys.stdout.flush()
    dirs = [os.path.dirname(f) or "." for f in cl.files] or [os.getcwd()]
    extra = default_args(cl, int(build.llvm_major), dirs)
    # Driver options mean nothing to clang-tidy: with --list-checks and the
    # like they are dropped, otherwise the command line is kept as given.
    args = cl.argv if not cl.driver else [*cl.clang_tidy_args, *cl.files,
                                         *cl.tail]
    argv = [host.clang_tidy, f"--load={host.plugin}", *extra, *args]
    sys.stdout.flush()
    os.execv(host.clang_tidy, argv)


def _name(tok):
    return tok.lstrip("-").partition("=")[0] if tok.startswith("-") else None
