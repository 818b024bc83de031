"""Entry point: picks the mode for a command line and turns errors into
exit code 2.

  raii-tidy merge ...          merge SARIF files (raii_tidy.merge)
  raii-tidy <clang-tidy args>  pass-through (raii_tidy.passthrough)
  raii-tidy -p build [opts]    project mode (raii_tidy.project)
"""
import os
import sys

from .errors import EXIT_ERROR, DriverError


def _enable_site():
    """The launcher starts Python without `site` (-S), which saves start-up
    time in pass-through mode; the other modes need site-packages (PyYAML)."""
    if sys.flags.no_site:
        import site
        site.main()


def main(argv, build):
    env = os.environ
    try:
        if argv and argv[0] == "merge":
            _enable_site()
            from . import merge
            return merge.run(argv[1:], build)
        from . import cmdline
        cl = cmdline.parse(argv)
        if not cl.project_mode or cl.info:
            from . import passthrough
            return passthrough.run(cl, build, env)
        _enable_site()
        from . import project
        return project.run(cl, build, env)
    except DriverError as e:
        sys.stdout.flush()
        print(f"raii-tidy: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("raii-tidy: interrupted", file=sys.stderr)
        return EXIT_ERROR
