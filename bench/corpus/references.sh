#!/usr/bin/env bash
# What resolving cross-references costs at ingest (not a test): the same ingests with and without
# it (`ingest --no-references`), on the 410 ToTA files and on the bundled Russian corpus, run
# alternately three times each; the ratio of the best CPU times (user + system) and of the best
# wall times. Goal: resolution adds at most 30 % (ratio <= 1.30). CPU time is the figure to read
# on a shared machine, where wall time follows the load of other jobs.
# Usage: bench/corpus/references.sh [build-dir]   (results also in bench/out/references.txt)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
tk="$build/cli/treatykb"
tota=$("$root/scripts/tota-dir.sh")
if [[ -z "$tota" ]]; then
  echo "bench: no ToTA folder (set TREATYKB_TOTA to the xml/ folder of mappingtreaties/tota)" >&2
  exit 1
fi
[[ -x "$tk" ]] || "$root/scripts/build.sh" >/dev/null
out="$root/bench/out"; mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

run() {  # run DB COMMAND... -> "cpu wall" in seconds
  rm -f "$1" "$1-wal" "$1-shm"; shift
  /usr/bin/time -f "%U %S %e" -o "$work/time.txt" "$@" >/dev/null 2>&1
  awk '{ printf "%.2f %.2f\n", $1 + $2, $3 }' "$work/time.txt"
}

compare() {  # compare LABEL ARGS... (the ingest arguments)
  local label=$1; shift
  local best_with="" best_without=""
  for round in 1 2 3; do
    local with without
    with=$(run "$work/with.sqlite" "$tk" --db "$work/with.sqlite" ingest "$@")
    without=$(run "$work/without.sqlite" "$tk" --db "$work/without.sqlite" ingest --no-references "$@")
    best_with=$(printf '%s\n%s\n' "$with" "$best_with" | awk 'NF' | sort -n | head -1)
    best_without=$(printf '%s\n%s\n' "$without" "$best_without" | awk 'NF' | sort -n | head -1)
  done
  rm -f "$work/with.sqlite"
  run "$work/with.sqlite" "$tk" --db "$work/with.sqlite" ingest "$@" >/dev/null
  local rows resolved
  rows=$(sqlite3 "$work/with.sqlite" 'SELECT count(*) FROM reference')
  resolved=$(sqlite3 "$work/with.sqlite" "SELECT count(*) FROM reference WHERE status = 'resolved'")
  echo "$best_with $best_without" | awk -v l="$label" -v n="$rows" -v r="$resolved" '{
    printf "%-30s with %6.2f s CPU (%6.2f s wall)  without %6.2f s CPU (%6.2f s wall)  ratio %.2f CPU, %.2f wall  [%d references, %d resolved]\n",
      l, $1, $2, $3, $4, $1 / $3, $2 / $4, n, r }'
}

{
  echo "reference resolution at ingest, $(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  compare "ToTA (410 files)" "$tota"
  # the bundled texts alone (each main file brings its annexes)
  compare "bundled Russian corpus" $(ls "$root"/treaty_texts/*.md | grep -v -e annex -e SOURCES)
} | tee "$out/references.txt"
