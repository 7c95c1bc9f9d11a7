#!/usr/bin/env bash
# Analysis benchmark: the full `analyze eaeu` path (targets: <= 100 ms including rendering; a
# scenario re-run <= 20 ms), in process, and the same through the program (process start-up,
# database open and output included) for comparison. Usage: bench/analysis/run.sh [REPEATS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/scripts/build.sh" >/dev/null
db=$(mktemp -d)/bench.sqlite
tota=$("$root/scripts/tota-dir.sh")
"$root/build/cli/treatykb" --db "$db" ingest --corpus ${tota:+--tota "$tota"} >/dev/null 2>&1
"$root/build/bench/bench_analysis" "$db" "$root" "${1:-20}"
echo "through the program (wall time of the whole process, 10 runs):"
for format in text html; do
  start=$(date +%s%N)
  for _ in $(seq 10); do "$root/build/cli/treatykb" --db "$db" analyze eaeu --format $format >/dev/null; done
  end=$(date +%s%N)
  echo "  treatykb analyze eaeu --format $format: $(( (end - start) / 10000000 )) ms per run"
done
rm -rf "$(dirname "$db")"
