#!/usr/bin/env bash
# Bundled-corpus ingest benchmark (not a test): `treatykb ingest --corpus` over the Russian texts
# alone (no ToTA), with every bundled annex against the catalogue of before issue 10 (Annexes 1
# and 7 only). Runs interleave the two variants, on the same machine at the same moment; the
# medians and their ratio go to docs/performance.md.
# Usage: bench/corpus/bundled.sh [build-dir]   (RUNS=N, default 9; results in bench/out/)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
tk="$build/cli/treatykb"
runs=${RUNS:-9}
[[ -x "$tk" ]] || "$root/scripts/build.sh" >/dev/null
out="$root/bench/out"; mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# Two project roots: the texts as they are, and the same with the annexes added by issue 10
# dropped from the catalogue. No ToTA folder beside either, so only the Russian texts are read.
for variant in all without; do
  mkdir -p "$work/$variant"
  cp -r "$root/treaty_texts" "$work/$variant/"
done
grep -v -E 'annex="(2|3|4|19|28|29|30|31|32|33)"' "$root/treaty_texts/corpus.xml" > "$work/without/treaty_texts/corpus.xml"

for run in $(seq "$runs"); do
  for variant in all without; do
    rm -f "$work/$variant.sqlite"*
    start=$(date +%s.%N)
    env -u TREATYKB_TOTA TREATYKB_ROOT="$work/$variant" "$tk" --db "$work/$variant.sqlite" \
      ingest --corpus >/dev/null 2>&1
    end=$(date +%s.%N)
    echo "$variant $(echo "$end - $start" | bc)" >> "$work/times.txt"
  done
done

median() { grep "^$1 " "$work/times.txt" | cut -d' ' -f2 | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
{
  echo "bundled-corpus ingest, $(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $runs runs each, interleaved"
  for variant in all without; do
    provisions=$(sqlite3 "$work/$variant.sqlite" 'SELECT count(*) FROM provisions')
    printf '%-8s median %6.3f s  (min %6.3f, max %6.3f)  %6d provisions\n' "$variant" \
      "$(median "$variant")" \
      "$(grep "^$variant " "$work/times.txt" | cut -d' ' -f2 | sort -n | head -1)" \
      "$(grep "^$variant " "$work/times.txt" | cut -d' ' -f2 | sort -n | tail -1)" "$provisions"
  done
  echo "ratio all/without: $(echo "scale=2; $(median all) / $(median without)" | bc)"
} | tee "$out/bundled.txt"
