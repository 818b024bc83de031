#!/usr/bin/env bash
# Builds everything and runs every test: the lit suite (checks, wrapper,
# examples) and the runtime's CTest suite. Idempotent. Ends with the test
# runners' summaries.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja
cmake --build "$root/build"
lit_status=0
cmake --build "$root/build" --target check-raii || lit_status=$?
ctest_status=0
(cd "$root/build" && ctest --output-on-failure -E '^lit$' -j2) || ctest_status=$?
exit $(( lit_status || ctest_status ))
