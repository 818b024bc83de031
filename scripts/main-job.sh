#!/usr/bin/env bash
# The main job: raii-tidy over the bundled examples/. clang-tidy takes its
# compile flags from examples/compile_flags.txt (C++) and
# examples/c/compile_flags.txt (C); one run per language.
# Usage: scripts/main-job.sh [BUILD_DIR] [extra raii-tidy arguments...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shift || true
cd "$root"
status=0
"$build/bin/raii-tidy" "$@" examples/*.cpp || status=$?
"$build/bin/raii-tidy" "$@" examples/c/*.c || status=$?
exit $status
