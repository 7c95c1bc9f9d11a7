#!/usr/bin/env bash
# The README's second command (and CI's): install, build twice (plain with GCC, and with ASan+UBSan with Clang),
# run the whole test suite on both builds, then build the fuzz targets (Clang, ASan+UBSan) and
# run each for a short fixed time (TREATYKB_FUZZ_SECONDS, default 10). ctest runs one shard per
# test source file, one per core (tests/CMakeLists.txt); the CLI shards share two databases its
# fixture `corpus_databases` ingests first.
#
# Each suite leaves part of the processor idle (its shards wait for Chromium, for a server, for
# a killed ingest: about a third of two cores during the plain suite, an eighth during the
# sanitized one), so the next build runs beside it at the lowest priority (nice 19): it takes
# the time the suite leaves and little else. Its output is printed when it ends; a failure of
# either fails the run, and a failed suite stops the build beside it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
TREATYKB_WITH_BROWSER=1 "$root/scripts/setup.sh"
tota=$("$root/scripts/tota-dir.sh")
if [[ -n "$tota" ]]; then export TREATYKB_TOTA="$tota"; fi

logs=$(mktemp -d)
beside=""
stop_beside() {
  if [[ -n "$beside" ]]; then kill -- -"$beside" 2>/dev/null || true; fi
  rm -rf "$logs"
}
trap stop_beside EXIT
# start_beside NAME COMMAND...: COMMAND in its own process group (so that it can be stopped
# whole), at the lowest priority, its output kept in a file.
start_beside() {
  local name=$1
  shift
  setsid --wait nice -n 19 "$@" >"$logs/$name.log" 2>&1 &
  beside=$!
}
# finish_beside NAME: waits for it, prints its output, and fails when it failed.
finish_beside() {
  local status=0
  wait "$beside" || status=$?
  beside=""
  cat "$logs/$1.log"
  if ((status != 0)); then echo "test.sh: $1 failed (exit $status)" >&2; fi
  return "$status"
}

"$root/scripts/build.sh"
start_beside sanitizer-build "$root/scripts/build.sh" --sanitize
(cd "$root/build" && ctest --output-on-failure -j "$(nproc)")
finish_beside sanitizer-build
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
start_beside fuzz-build "$root/scripts/fuzz.sh" --build-only
(cd "$root/build-asan" && ctest --output-on-failure -j "$(nproc)")
finish_beside fuzz-build
"$root/scripts/fuzz.sh" "${TREATYKB_FUZZ_SECONDS:-10}"
