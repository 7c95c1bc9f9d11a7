#!/usr/bin/env bash
# Regenerates the golden files of the CLI tests (tests/data/cli/) from the built program, on
# purpose. Review the diff (git diff tests/data/cli) before committing it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" >/dev/null
cd "$root/build"
TREATYKB_UPDATE_GOLDENS=1 TREATYKB_SOURCE="$root" ./tests/test_cli "A real power report matches its golden file in every format"
tota=$("$root/scripts/tota-dir.sh")
if [[ -n "$tota" ]]; then export TREATYKB_TOTA="$tota"; fi
TREATYKB_UPDATE_GOLDENS=1 TREATYKB_SOURCE="$root" ./tests/test_cli "analyze eaeu matches its golden report"
git -C "$root" status --short tests/data/cli
