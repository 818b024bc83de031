"""The driver's exit codes and the exception that ends a run with code 2."""

EXIT_CLEAN = 0
EXIT_FINDINGS = 1   # default; --findings-exit-code changes it
EXIT_ERROR = 2      # tool or configuration error, or an incomplete analysis


class DriverError(Exception):
    """A tool or configuration error: printed as `raii-tidy: error: ...`, exit 2."""
