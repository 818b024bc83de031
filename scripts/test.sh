#!/usr/bin/env bash
# Builds everything and runs every test: the lit suite (checks, wrapper,
# examples) and the runtime's CTest suite against LLVM 22 in build/, then the
# plugin built against LLVM 19 in build-19/ and the same lit suite run with
# clang-tidy-19 (RAII_TEST_LLVM19=0 skips that part). Idempotent. Ends with
# the test runners' summaries.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja
cmake --build "$root/build"
lit_status=0
cmake --build "$root/build" --target check-raii || lit_status=$?
ctest_status=0
(cd "$root/build" && ctest --output-on-failure -E '^lit$' -j2) || ctest_status=$?
lit19_status=0
if [[ ${RAII_TEST_LLVM19:-1} != 0 ]]; then
  echo "== LLVM 19: plugin and driver in build-19, lit suite with clang-tidy-19"
  cmake -S "$root" -B "$root/build-19" -G Ninja -DRAII_LLVM_MAJOR=19 \
    -DRAII_BUILD_RUNTIME_TESTS=OFF
  cmake --build "$root/build-19"
  cmake --build "$root/build-19" --target check-raii || lit19_status=$?
fi
exit $(( lit_status || ctest_status || lit19_status ))
