#!/usr/bin/env bash
# The web reader's browser test (ctest: browser_reader). Installs puppeteer-core, pinned by
# package-lock.json, into the build folder once; ingests the bundled corpus (the EAEU Treaty in
# Russian, and in English from ToTA) into a test database; runs reader_test.mjs against
# `treatykb serve` and against `treatykb site` output. Screenshots stay in WORK/artefacts.
#   tests/browser/run.sh TREATYKB_BINARY WORK_DIR
# Exit 77 (skipped) when node, npm, chromium or ToTA is missing, except in CI (CI=true).
set -euo pipefail
mkdir -p "$2"
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
skip() {
  if [[ "${CI:-}" == true ]]; then echo "browser test: $1 (CI=true)" >&2; exit 1; fi
  echo "browser test skipped: $1" >&2
  exit 77
}
command -v node >/dev/null || skip "node is not installed (TREATYKB_WITH_BROWSER=1 scripts/setup.sh)"
command -v npm >/dev/null || skip "npm is not installed (TREATYKB_WITH_BROWSER=1 scripts/setup.sh)"
chromium=$(command -v chromium || true)
[[ -n "$chromium" ]] || skip "chromium is not installed (TREATYKB_WITH_BROWSER=1 scripts/setup.sh)"
tota=$("$here/../../scripts/tota-dir.sh")
[[ -n "$tota" ]] || skip "ToTA folder not found (set TREATYKB_TOTA): the English EAEU text comes from it"

mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$work/"
if ! cmp -s "$here/package-lock.json" "$work/node_modules/.treatykb-package-lock.json"; then
  (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$work/node_modules/.treatykb-package-lock.json"
fi

database="$work/reader.sqlite"
if [[ ! -s "$database" || "$binary" -nt "$database" ]]; then
  rm -f "$database" "$database-wal" "$database-shm"
  TREATYKB_TOTA="$tota" "$binary" --db "$database" ingest --corpus >/dev/null 2>&1
fi
cd "$work"
exec node "$here/reader_test.mjs" --treatykb "$binary" --db "$database" --out "$work/artefacts" \
  --chromium "$chromium"
