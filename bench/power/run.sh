#!/usr/bin/env bash
# Times the EU-27 double-majority power indices (target: well under 10 ms) against plain
# enumeration, on the plain (RelWithDebInfo) build. Usage: bench/power/run.sh [REPEATS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/scripts/build.sh" >/dev/null
"$root/build/bench/bench_power" "$root/kb/knowledge/data/eu27_population.csv" "${1:-50}"
