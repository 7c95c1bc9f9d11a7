#!/usr/bin/env bash
# Corpus benchmark (not a test). Measures, on the 410 ToTA files read where they lie:
#  (a) `treatykb ingest DIR`: wall time and peak RSS, beside a floor — the same provision texts
#      bulk-loaded into a bare FTS5 table by the sqlite3 shell in one transaction;
#  (b) 1,000 mixed searches (`treatykb bench-search`): p50 / p99 latency;
#  (c) what resolving cross-references costs at ingest: bench/corpus/references.sh.
# Usage: bench/corpus/run.sh [build-dir]   (default build/; results also in bench/out/corpus.txt)
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
files=$(ls "$tota"/*.xml | wc -l)

measure() {  # measure LABEL COMMAND... -> prints "LABEL wall_s rss_mb"
  local label=$1; shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" |
         awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$work/time.txt")
  printf '%-34s wall %7.2f s   peak RSS %7.1f MB\n' "$label" "$wall" "$rss"
}


{
  echo "corpus benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $files ToTA files"
  measure "treatykb ingest (parse + store)" "$tk" --db "$work/kb.sqlite" ingest "$tota"
  # The floor: the same texts the store holds, as one INSERT per provision into a bare FTS5 table.
  {
    echo "PRAGMA journal_mode = WAL; BEGIN; CREATE VIRTUAL TABLE t USING fts5(heading, text);"
    sqlite3 "$work/kb.sqlite" "SELECT 'INSERT INTO t VALUES(' || quote(heading) || ',' || quote(text) || ');' FROM provisions"
    echo "COMMIT;"
  } > "$work/floor.sql"
  echo "  ($(sqlite3 "$work/kb.sqlite" 'SELECT count(*) FROM provisions') provisions, $(du -m "$work/floor.sql" | cut -f1) MB of SQL for the floor)"
  measure "floor: sqlite3 shell, bare FTS5" sh -c "sqlite3 '$work/floor.sqlite' < '$work/floor.sql'"
  # The searches run over ToTA and the bundled Russian texts, so that the Russian queries of the mix
  # have hits to rank (ToTA alone is English).
  "$tk" --db "$work/kb.sqlite" ingest --corpus >/dev/null 2>&1
  "$tk" --db "$work/kb.sqlite" bench-search --count 1000 --per-query
  # Search floor: the bare FTS5 table (unicode61, no stemming), best 10 by rank, in the shell.
  echo "floor: bare FTS5 search, ORDER BY rank LIMIT 10 (sqlite3 shell .timer, median of 5)"
  for query in "non tariff measures" "rules of origin" "investment NOT services" "transit" \
               "intellectual property" "dispute settlement"; do
    for run in 1 2 3 4 5; do
      printf '.timer on\nSELECT rowid FROM t WHERE t MATCH %s ORDER BY rank LIMIT 10;\n' "'$query'" |
        sqlite3 "$work/floor.sqlite" | awk '/Run Time/ {print $4 * 1000}'
    done | sort -n | awk -v q="$query" 'NR == 3 {printf "%8.3f ms  %s\n", $1, q}'
  done
} | tee "$out/corpus.txt"
"$root/bench/corpus/references.sh" "$build"
