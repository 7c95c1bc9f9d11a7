#!/usr/bin/env bash
# The README's second command (and CI's): install, build twice (plain with GCC, and with ASan+UBSan with Clang),
# run the whole test suite on both builds, then run each fuzz target of the sanitizer build (built
# with it, edge coverage only) for a short fixed time (TREATYKB_FUZZ_SECONDS, default 10). ctest runs one shard per
# test source file, one per core (tests/CMakeLists.txt); the CLI shards share two databases its
# fixture `corpus_databases` ingests first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
TREATYKB_WITH_BROWSER=1 "$root/scripts/setup.sh"
tota=$("$root/scripts/tota-dir.sh")
if [[ -n "$tota" ]]; then export TREATYKB_TOTA="$tota"; fi
"$root/scripts/build.sh"
(cd "$root/build" && ctest --output-on-failure -j "$(nproc)")
"$root/scripts/build.sh" --sanitize
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$root/build-asan" && ctest --output-on-failure -j "$(nproc)")
TREATYKB_FUZZ_BUILD="$root/build-asan" "$root/scripts/fuzz.sh" "${TREATYKB_FUZZ_SECONDS:-10}"
