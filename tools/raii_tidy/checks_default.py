"""Which checks a clang-tidy run gets when the user names none.

The rule (unchanged from the shell wrapper it replaces): when the command line
has no --checks, --config or --config-file and no .clang-tidy file applies to
an input (clang-tidy looks in the input's directory and its parents; the
current directory when there are no inputs), --checks=-*,raii-* is added.
A user's own .clang-tidy or --checks always wins.
"""
import os

DEFAULT_CHECKS_ARG = "--checks=-*,raii-*"


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


def default_checks_args(user_named_checks, input_dirs, lookup=None):
    """[DEFAULT_CHECKS_ARG] or [], for inputs in input_dirs."""
    if user_named_checks:
        return []
    lookup = lookup or ConfigLookup()
    if any(lookup.applies(d) for d in input_dirs):
        return []
    return [DEFAULT_CHECKS_ARG]
