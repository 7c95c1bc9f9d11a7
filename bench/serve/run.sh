#!/usr/bin/env bash
# Load on the web reader: 64 keep-alive clients for 30 s on loopback against a mix of provision,
# search and report pages of `treatykb serve`, while another process re-ingests the corpus into
# the same database (WAL: readers keep their snapshot). Reports requests/s, p50/p99 and errors
# per page kind (goal: 0 errors, p99 <= 50 ms for provision and search pages), and the share of
# pages the server sent from its page cache. Two runs: the page cache as by default, then off.
# Bounded: at most MAX_REQUESTS requests per run, loopback only.
#   bench/serve/run.sh [CLIENTS=64] [SECONDS=30] [MAX_REQUESTS=2000000]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
clients=${1:-64}
seconds=${2:-30}
max_requests=${3:-2000000}
build="$root/build"
[[ "${SKIP_BUILD:-0}" == 1 ]] || cmake --build "$build" --target treatykb >/dev/null
work=$(mktemp -d)
server=""
ingester=""
cleanup() {
  if [[ -n "$ingester" ]]; then kill "$ingester" 2>/dev/null || true; pkill -P "$ingester" 2>/dev/null || true; fi
  [[ -n "$server" ]] && kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# The load client needs only cpp-httplib (with its pkg-config flags): compiled here so that the
# benchmark runs on any build.
c++ -std=c++20 -O2 -pthread -o "$work/load" "$root/bench/serve/load.cpp" $(pkg-config --cflags --libs cpp-httplib)

tota=$("$root/scripts/tota-dir.sh")
db="$work/serve.sqlite"
TREATYKB_TOTA="$tota" "$build/cli/treatykb" --db "$db" ingest --corpus >/dev/null

# The mix: every article of the EAEU Treaty, 20 searches in Russian and English, the report.
{
  for n in $(seq 1 118); do echo "provision /i/eaeu/p/art_$n/"; done
  for q in unilateral%20measure customs%20tariff non-tariff%20measures competition Commission \
           %22single%20market%22 technical%20regulation sanitary%20measures transport energy \
           %D1%82%D0%B0%D0%BC%D0%BE%D0%B6%D0%B5%D0%BD%D0%BD%D1%8B%D0%B9 \
           %D0%B2%20%D0%BE%D0%B4%D0%BD%D0%BE%D1%81%D1%82%D0%BE%D1%80%D0%BE%D0%BD%D0%BD%D0%B5%D0%BC%20%D0%BF%D0%BE%D1%80%D1%8F%D0%B4%D0%BA%D0%B5 \
           %D0%BA%D0%BE%D0%BD%D0%BA%D1%83%D1%80%D0%B5%D0%BD%D1%86%D0%B8%D1%8F \
           %D0%A1%D0%BE%D0%B2%D0%B5%D1%82 %D1%81%D1%83%D0%B4 subsidies agriculture \
           %D0%B3%D0%BE%D1%81%D1%83%D0%B4%D0%B0%D1%80%D1%81%D1%82%D0%B2%D0%B0-%D1%87%D0%BB%D0%B5%D0%BD%D1%8B \
           labour%20migration consensus; do
    for _ in 1 2 3 4 5; do echo "search /search/?q=$q"; done
  done
  for _ in $(seq 1 20); do echo "report /report/eaeu/"; done
} >"$work/mix.txt"
# A writer beside the readers: the corpus re-ingested again and again (one transaction each).
(
  while true; do TREATYKB_TOTA="$tota" "$build/cli/treatykb" --db "$db" ingest --corpus >/dev/null 2>&1; echo x >>"$work/ingests"; done
) &
ingester=$!

# Two runs against the same writer: the server as it starts by default (rendered text pages kept
# until an ingest changes the texts, --page-cache-mb 64) and with that cache off, so that the
# figures show what the cache gives and what the pages cost when rendered each time.
start_server() {
  "$build/cli/treatykb" --db "$db" serve --port 0 --bind 127.0.0.1 "$@" >"$work/serve.out" 2>"$work/serve.err" &
  server=$!
  port=""
  for _ in $(seq 300); do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/serve.out")
    [[ -n "$port" ]] && break
    sleep 0.1
  done
  [[ -n "$port" ]] || { echo "serve did not start: $(cat "$work/serve.err")" >&2; exit 1; }
  # Warm the report (computed once at the first request), so that the run measures steady state.
  curl -s -o /dev/null "http://127.0.0.1:$port/report/eaeu/" || true
}
stop_server() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; }

status=0
for cache in 64 0; do
  start_server --page-cache-mb "$cache"
  : >"$work/ingests"
  echo "treatykb serve under load, page cache ${cache} MB: $clients clients, ${seconds} s, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
  "$work/load" "$port" "$work/mix.txt" "$clients" "$seconds" "$max_requests" || status=$?
  echo "re-ingests of the corpus completed during the run: $(wc -l <"$work/ingests")"
  echo "server errors logged: $(wc -l <"$work/serve.err")"
  stop_server
  echo
done
exit $status
