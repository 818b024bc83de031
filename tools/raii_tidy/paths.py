"""Paths as reports show them: relative to the source root (--source-root,
default the git work tree around the current directory, else the current
directory) when inside it, else absolute."""
import os
import subprocess


def default_source_root(cwd):
    try:
        out = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=cwd,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True)
        if out.returncode == 0 and out.stdout.strip():
            return os.path.realpath(out.stdout.strip())
    except OSError:
        pass
    return os.path.realpath(cwd)


def under_root(path, root):
    """path relative to root with '/' separators, or None when outside."""
    rel = os.path.relpath(path, root)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
        return None
    return rel.replace(os.sep, "/")


def shown(path, root):
    rel = under_root(path, root)
    return rel if rel is not None else path
