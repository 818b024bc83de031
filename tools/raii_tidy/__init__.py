"""raii-tidy's driver: clang-tidy with the raii-tidy plugin, over one file or a
whole compilation database, with SARIF / Code Climate output, baseline, diff
and shard modes.

The entry point is raii_tidy.main.main; bin/raii-tidy calls it. Each module
does one job; the module docstrings say which.
"""
