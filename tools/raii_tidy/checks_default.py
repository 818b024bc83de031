"""What the driver adds to clang-tidy's command line when the user leaves a
choice to the defaults.

Checks (unchanged from the shell wrapper it replaces): when the command line
has no --checks, --config or --config-file and no .clang-tidy file applies to
an input (clang-tidy looks in the input's directory and its parents; the
current directory when there are no inputs), --checks=-*,raii-* is added.
A user's own .clang-tidy or --checks always wins.

Header filter: clang-tidy 22 reports findings in every non-system header by
default (its --header-filter defaults to '.*'); clang-tidy 19 reports none
unless told. So that raii-tidy reports the same on both, a clang-tidy older
than 22 gets --header-filter=.* under the same condition (no --header-filter,
--config or --config-file, no .clang-tidy applies), unless the command line
only asks for information (--list-checks, --dump-config, ...).
"""
import os

DEFAULT_CHECKS_ARG = "--checks=-*,raii-*"
# clang-tidy 22's default, for an older clang-tidy.
DEFAULT_HEADER_FILTER_ARG = "--header-filter=.*"
HEADER_FILTER_DEFAULT_SINCE = 22


class ConfigLookup:
    """Answers 'does a .clang-tidy apply in this directory?', caching per
    directory so a whole-project run stats each directory once."""

    def __init__(self):
        self._cache = {}

    def applies(self, directory):
        try:
            directory = os.path.realpath(directory)
        except OSError:
            return False
        seen = []
        result = False
        while True:
            if directory in self._cache:
                result = self._cache[directory]
                break
            seen.append(directory)
            if os.path.isfile(os.path.join(directory, ".clang-tidy")):
                result = True
                break
            parent = os.path.dirname(directory)
            if parent == directory:
                break
            directory = parent
        for d in seen:
            self._cache[d] = result
        return result


def default_args(cl, llvm_major, input_dirs, lookup=None):
    """The defaults above that apply to inputs in input_dirs, for a
    clang-tidy of LLVM llvm_major (an int), given the command line cl."""
    header_filter = (llvm_major < HEADER_FILTER_DEFAULT_SINCE
                     and not cl.user_configured_headers and not cl.info)
    if cl.user_named_checks and not header_filter:
        return []
    lookup = lookup or ConfigLookup()
    if any(lookup.applies(d) for d in input_dirs):
        return []
    return (([] if cl.user_named_checks else [DEFAULT_CHECKS_ARG])
            + ([DEFAULT_HEADER_FILTER_ARG] if header_filter else []))
