#!/usr/bin/env bash
# Set-up and main job: installs what is needed, builds raii-tidy, and runs it
# on the bundled examples/. Idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja
cmake --build "$root/build"
echo "== raii-tidy on examples/"
"$root/scripts/main-job.sh" "$root/build"
