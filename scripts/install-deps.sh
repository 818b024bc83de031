#!/usr/bin/env bash
# Installs everything raii-tidy needs on Debian 12 (bookworm): LLVM/Clang 22
# (clang-tidy, headers, CMake packages, lit, FileCheck), LLVM/Clang 19 (the
# second supported major: scripts/test.sh builds the plugin against it too and
# runs the lit suite with clang-tidy-19; its llvm-19-tools has FileCheck but no
# lit, for which LLVM 22's serves), CMake, Ninja, a C++
# compiler, Python 3 with PyYAML (the raii-tidy driver) and jsonschema (tests),
# GoogleTest, Google Benchmark, standalone Asio (the async runtime tests),
# cppcheck (its library files: the importer's end-to-end test), Abseil and
# Qt 5's headers (fixes into their lock guards are compiled); and from the
# npm registry Microsoft's SARIF Multitool, whose package also ships the
# SARIF 2.1.0 JSON schema (tests validate the driver's SARIF with both).
# Idempotent: installs only what is missing.
set -euo pipefail
packages=(
  clang-22 clang-tidy-22 libclang-22-dev llvm-22-dev llvm-22-tools
  clang-tools-22 clang-tools-19  # clang-apply-replacements: exported fixes applied in tests
  libclang-rt-22-dev libclang-rt-19-dev  # sanitizer runtimes: ASan C tests, also built with clang-19 in the LLVM 19 lit run
  clang-19 clang-tidy-19 libclang-19-dev llvm-19-dev llvm-19-tools
  cmake ninja-build g++ python3 libgtest-dev libgmock-dev libbenchmark-dev
  python3-yaml python3-jsonschema git
  cppcheck  # its library files (.cfg): the importer's end-to-end test
  libasio-dev  # standalone Asio: the async runtime tests (asio::awaitable, co_spawn)
  valgrind  # callgrind: bench/engine/instructions.py counts instructions
  libabsl-dev qtbase5-dev  # real library lock guards: the absl::MutexLock / QMutexLocker fix tests
)
# npm comes with nodejs on some machines; Debian's npm package only when absent.
command -v npm >/dev/null 2>&1 || packages+=(npm)
SARIF_MULTITOOL="@microsoft/sarif-multitool-linux@5.7.0"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
if (( ${#missing[@]} == 0 )); then
  echo "install-deps: all packages present"
else
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if [[ ! -x "$(npm root -g)/@microsoft/sarif-multitool-linux/Sarif.Multitool" ]]; then
  echo "install-deps: installing $SARIF_MULTITOOL (npm)"
  $sudo npm install -g --no-audit --no-fund "$SARIF_MULTITOOL"
  # its postinstall step (newer npm skips install scripts unless allowed)
  $sudo chmod +x "$(npm root -g)/@microsoft/sarif-multitool-linux/Sarif.Multitool"
fi
