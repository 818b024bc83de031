#!/usr/bin/env bash
# Runs clang-tidy-22 with the plugin PLUGIN and every raii-* check on every TU
# of every project setup.sh prepared, two TUs at a time, holding the CPU lock
# for the whole run. Writes to OUTDIR:
#   <project>.txt     every TU's output, each after a '=== TU <file> rc=N
#                     seconds=S' line (input of collect.py)
#   <project>.status  one line per TU: file, exit code, seconds, error lines,
#                     crash (yes/no); a TU with rc != 0, an error or a crash is
#                     also listed in problems.txt
#   roots.tsv         project and source root (collect.py strips the root)
#   meta.txt          plugin, its sha256, clang-tidy version, start, wall time
# A run of some projects into an existing OUTDIR replaces only theirs.
#
#   run.sh PLUGIN OUTDIR [PROJECT...]     (default: every prepared project)
#
# The sources are taken from RAII_EVAL_DIR (default /work/src), the DIR given
# to setup.sh. RAII_EVAL_JOBS (default 2, at most 2) sets the parallelism.
# RAII_EVAL_FIXES=1 also passes --export-fixes per TU, writing
#   fixes/<project>/<index>.yaml   every diagnostic of TU <index> (the entry's
#                                  position in the project's compile_commands.json)
#                                  with its replacements and notes, the input
#                                  of fixshare.py and apply_fixes.py
# (clang-tidy writes no file for a TU without diagnostics); without it the run
# is the same as before and OUTDIR/fixes/ of the projects run is removed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
LOCK=/tmp/raii-cpu.lock
TIDY=${RAII_TIDY:-clang-tidy-22}
TIMEOUT=${RAII_EVAL_TIMEOUT:-900}
CONFIG=${RAII_EVAL_CONFIG:-$here/clang-tidy.yaml}

if [[ ${1:-} == --one ]]; then  # --one PLUGIN OUTDIR PROJECT DBDIR INDEX FILE
  shift; plugin=$1 out=$2 project=$3 db=$4 idx=$5 file=$6
  log=$out/.tu/$project/$idx.log
  export_fixes=()
  [[ ${RAII_EVAL_FIXES:-} == 1 ]] && export_fixes=(--export-fixes="$out/fixes/$project/$idx.yaml")
  start=$(date +%s%N)
  timeout "$TIMEOUT" "$TIDY" --load="$plugin" --checks='-*,raii-*' \
    --config-file="$CONFIG" "${export_fixes[@]}" -p "$db" "$file" > "$log.body" 2>&1
  rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  secs=$(printf '%d.%02d' $((ms / 1000)) $((ms % 1000 / 10)))
  errors=$(grep -cE '^[^ ]+:[0-9]+:[0-9]+: (error|fatal error): ' "$log.body")
  crash=no
  if (( rc >= 124 )) || grep -qE 'PLEASE submit a bug report|Stack dump:' "$log.body"; then
    crash=yes
  fi
  printf '=== TU %s rc=%d seconds=%s\n' "$file" "$rc" "$secs" > "$log"
  cat "$log.body" >> "$log" && rm -f "$log.body"
  printf '%s\t%d\t%s\t%d\t%s\n' "$file" "$rc" "$secs" "$errors" "$crash" \
    > "$out/.tu/$project/$idx.status"
  exit 0
fi

[[ $# -ge 2 ]] || { echo "usage: run.sh PLUGIN OUTDIR [PROJECT...]" >&2; exit 2; }
if [[ -z ${RAII_HARNESS_LOCKED:-} ]]; then
  export RAII_HARNESS_LOCKED=1
  exec flock "$LOCK" "$0" "$@"
fi
plugin=$(realpath "$1") out=$(mkdir -p "$2" && cd "$2" && pwd); shift 2
dir=${RAII_EVAL_DIR:-/work/src}/raii-harness
jobs=${RAII_EVAL_JOBS:-2}; (( jobs > 2 )) && jobs=2
[[ -f $plugin ]] || { echo "run.sh: no plugin $plugin" >&2; exit 2; }

projects=("$@")
if (( ${#projects[@]} == 0 )); then
  for d in "$dir"/*/compile_commands.json; do projects+=("$(basename "$(dirname "$d")")"); done
fi

# a run of some projects into an OUTDIR keeps the other projects' results
rm -rf "$out/.tu"; touch "$out/roots.tsv" "$out/problems.txt"
for f in roots.tsv problems.txt; do
  awk -F'\t' -v drop=" ${projects[*]} " 'index(drop, " " $1 " ") == 0' \
    "$out/$f" > "$out/$f.tmp" && mv "$out/$f.tmp" "$out/$f"
done
jobfile=$out/.tu/jobs
mkdir -p "$out/.tu"
for p in "${projects[@]}"; do
  db=$dir/$p
  [[ -f $db/compile_commands.json ]] || { echo "run.sh: $p not set up ($db)" >&2; exit 2; }
  mkdir -p "$out/.tu/$p"
  rm -rf "$out/fixes/$p"
  [[ ${RAII_EVAL_FIXES:-} == 1 ]] && mkdir -p "$out/fixes/$p"
  printf '%s\t%s\n' "$p" "$(cat "$db/root")" >> "$out/roots.tsv"
  # project, db dir, index, file, size: the largest TUs start first
  python3 -c '
import json, os, sys
p, db = sys.argv[1], sys.argv[2]
for i, e in enumerate(json.load(open(os.path.join(db, "compile_commands.json")))):
    f = e["file"]
    print(f"{p}\t{db}\t{i}\t{f}\t{os.path.getsize(f)}")
' "$p" "$db" >> "$jobfile"
done

{
  echo "plugin: $plugin"
  echo "plugin sha256: $(sha256sum "$plugin" | cut -d' ' -f1)"
  echo "clang-tidy: $("$TIDY" --version | grep -i version | head -1 | sed 's/^ *//')"
  echo "projects: ${projects[*]}"
  echo "TUs: $(wc -l < "$jobfile")"
  echo "jobs: $jobs"
  echo "config: $CONFIG"
  echo "export fixes: ${RAII_EVAL_FIXES:-0}"
  echo "start: $(date -u '+%F %T UTC')"
} > "$out/meta.txt"
start=$(date +%s)

sort -t$'\t' -k5,5nr "$jobfile" | cut -f1-4 | tr '\t' '\n' \
  | xargs -d '\n' -n4 -P"$jobs" "$0" --one "$plugin" "$out"

for p in "${projects[@]}"; do
  n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' \
        "$dir/$p/compile_commands.json")
  : > "$out/$p.txt"; : > "$out/$p.status"
  for ((i = 0; i < n; i++)); do
    cat "$out/.tu/$p/$i.log" >> "$out/$p.txt"
    cat "$out/.tu/$p/$i.status" >> "$out/$p.status"
  done
  awk -F'\t' -v p="$p" '$2 != 0 || $4 != 0 || $5 == "yes" {
    printf "%s\t%s\trc=%s\terrors=%s\tcrash=%s\n", p, $1, $2, $4, $5 }' \
    "$out/$p.status" >> "$out/problems.txt"
done
rm -rf "$out/.tu"
wall=$(( $(date +%s) - start ))
echo "wall: ${wall} s" >> "$out/meta.txt"
echo "run.sh: $(wc -l < "$out/problems.txt") TU(s) with problems; wall ${wall} s; see $out/meta.txt"
