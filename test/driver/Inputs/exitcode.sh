#!/bin/sh
# Runs its arguments, then prints "exit code: N" on stdout; exits 0. For tests
# of exact exit codes (lit's `not` only tells zero from non-zero).
"$@"
echo "exit code: $?"
