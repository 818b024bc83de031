#!/bin/sh
# A clang-tidy that appends its arguments to $CALLS_LOG, then runs the real one
# ($REAL_CLANG_TIDY): tells how often the driver asks for --version.
echo "$*" >> "$CALLS_LOG"
exec "$REAL_CLANG_TIDY" "$@"
