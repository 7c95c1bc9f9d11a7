#!/usr/bin/env bash
# The README's first command: install, build, ingest the bundled Russian treaties (and the ToTA
# treaties named in treaty_texts/corpus.xml when a ToTA folder is found), print the main report.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" >/dev/null
tk="$root/build/cli/treatykb"
export TREATYKB_DB="${TREATYKB_DB:-$root/build/treatykb.sqlite}"
tota=$("$root/scripts/tota-dir.sh")
"$tk" ingest --corpus ${tota:+--tota "$tota"}
"$tk" report
