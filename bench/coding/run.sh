#!/usr/bin/env bash
# Coding benchmark (not a test; docs/coding.md). Measures:
#  (a) agreement of `treatykb code` with the hand coding of the EAEU (kb/knowledge/eaeu): precision
#      and recall per class and language, with the disagreements (bench/coding/agreement.py);
#  (b) `treatykb code --all` over the 410 ToTA files read where they lie: wall time and peak RSS,
#      beside a plain `treatykb ingest` of the same files, and the proposals per language.
# Usage: bench/coding/run.sh [build-dir]   (default build/; results in bench/out/coding*.{md,txt})
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

measure() {  # measure LABEL COMMAND... -> prints "LABEL wall_s rss_mb"
  local label=$1; shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" |
         awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$work/time.txt")
  printf '%-34s wall %7.2f s   peak RSS %7.1f MB\n' "$label" "$wall" "$rss"
}

# (a) Agreement on the EAEU (Russian and English), the hand coding as the reference.
TREATYKB_TOTA="$tota" "$tk" --db "$work/corpus.sqlite" ingest --corpus >/dev/null
# The accession treaties too: their accession clauses make Armenia and Kyrgyzstan members of the
# EAEU (member_state(eaeu, ...)), which the parties class scores.
"$tk" --db "$work/corpus.sqlite" code eaeu eaeu-arm eaeu-kgz -o "$work/coded" >/dev/null
python3 "$root/bench/coding/agreement.py" "$root/kb/knowledge" \
  "$work/coded/eaeu.xml,$work/coded/eaeu-arm.xml,$work/coded/eaeu-kgz.xml" eaeu |
  tee "$out/coding_agreement.md"

# (b) Speed over the 410 ToTA files.
{
  echo "coding benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(ls "$tota"/*.xml | wc -l) ToTA files"
  measure "treatykb ingest (the floor)" "$tk" --db "$work/tota.sqlite" ingest "$tota"
  measure "treatykb code --all" "$tk" --db "$work/tota.sqlite" code --all -o "$work/all"
  tail -1 "$work/stdout.txt"
  echo "proposals by language and class:"
  cat "$work"/all/*.xml | grep -o '<quote lang="[a-z]*"' | sort | uniq -c
  cat "$work"/all/*.xml | grep -o 'class="[a-z_]*"' | sort | uniq -c
} | tee "$out/coding_speed.txt"
