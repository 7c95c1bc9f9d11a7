#!/usr/bin/env bash
# ctest's fixture `corpus_databases`: ingests, once for every test shard, the two databases most
# CLI tests only read (test_support.hpp: bundled_corpus_database, full_corpus_database).
#   tests/corpus_fixture.sh TREATYKB_BINARY OUT_DIR
# OUT_DIR/bundled.sqlite: `ingest --corpus` (with the ToTA instruments of corpus.xml when
# $TREATYKB_TOTA is set, as the tests' own fallback does); OUT_DIR/full.sqlite: `ingest --corpus
# --tota DIR`, only when a ToTA folder is found (scripts/tota-dir.sh); the tests decide what its
# absence means (a failure in CI, a skip elsewhere).
set -euo pipefail
binary=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
for name in bundled full; do rm -f "$out/$name.sqlite" "$out/$name.sqlite-wal" "$out/$name.sqlite-shm"; done
"$binary" --db "$out/bundled.sqlite" ingest --corpus >/dev/null
tota=$("$here/../scripts/tota-dir.sh")
if [[ -n "$tota" ]]; then
  "$binary" --db "$out/full.sqlite" ingest --corpus --tota "$tota" >/dev/null
fi
