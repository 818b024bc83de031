#!/usr/bin/env bash
# Installs everything raii-tidy needs on Debian 12 (bookworm): LLVM/Clang 22
# (clang-tidy, headers, CMake packages, lit, FileCheck), CMake, Ninja, a C++
# compiler, Python 3, GoogleTest, Google Benchmark and cppcheck. Idempotent: installs
# only what is missing.
set -euo pipefail
packages=(
  clang-22 clang-tidy-22 libclang-22-dev llvm-22-dev llvm-22-tools
  cmake ninja-build g++ python3 libgtest-dev libgmock-dev libbenchmark-dev
  cppcheck  # its library files (.cfg): the importer's end-to-end test
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} == 0 )); then
  echo "install-deps: all packages present"
  exit 0
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
