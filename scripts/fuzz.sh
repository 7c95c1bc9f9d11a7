#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with Clang, AddressSanitizer, UBSan and libFuzzer's
# full instrumentation (edges and traced comparisons) into build-fuzz/ and runs each for SECONDS
# (default 60), one per core side by side.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     targets: plain_text markdown tota akn rules
#                                             search_query citation instrument_names coding_rules
#                                             (default: all)
# Seeds: small excerpts of the bundled texts and rules, cut at run time, plus the committed
# seeds in tests/fuzz/seeds/ (no ToTA file is ever used). The corpus each run grows is kept in
# build-fuzz/corpus/TARGET and reused by the next run. A finding leaves a crash-*/leak-*/
# timeout-* file in build-fuzz/findings/ and makes the script fail; the last line of each target
# ("fuzz TARGET: N runs, cov C, ft F, corpus K") is what docs/reliability.md reports.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(plain_text markdown tota akn rules search_query citation instrument_names coding_rules)
# TREATYKB_FUZZ_BUILD names a build folder configured already whose fuzz targets are used instead:
# scripts/test.sh (CI) passes the sanitizer build (scripts/build.sh --sanitize), whose targets
# have edge coverage only and need no build of their own.
dir=${TREATYKB_FUZZ_BUILD:-"$root/build-fuzz"}
if [[ -z "${TREATYKB_FUZZ_BUILD:-}" ]]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$dir" -G Ninja -DTREATYKB_FUZZ=ON -DTREATYKB_WERROR=ON \
    -DTREATYKB_TESTS=OFF -DTREATYKB_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
elif ! grep -q '^TREATYKB_FUZZ_EDGES:BOOL=ON' "$dir/CMakeCache.txt" 2>/dev/null; then
  echo "fuzz.sh: $dir is not a sanitizer build with fuzz targets (scripts/build.sh --sanitize)" >&2
  exit 2
fi
cmake --build "$dir" -j "${TREATYKB_FUZZ_JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"

# Seeds from the bundled texts: the head and a window from the middle of each Markdown file,
# cut at line ends (a few kilobytes each, so that mutations stay fast).
cut_lines() { # file first_line count
  sed -n "$2,$(($2 + $3 - 1))p" "$1"
}
seeds="$dir/seeds"
rm -rf "$seeds"
mkdir -p "$dir/findings"
for target in plain_text markdown tota akn rules search_query citation instrument_names coding_rules; do
  mkdir -p "$seeds/$target"
  if [[ -d "$root/tests/fuzz/seeds/$target" ]]; then cp "$root/tests/fuzz/seeds/$target"/* "$seeds/$target/"; fi
done
for md in "$root"/treaty_texts/*.md; do
  name=$(basename "$md" .md)
  lines=$(wc -l <"$md")
  cut_lines "$md" 1 60 >"$seeds/markdown/$name-head.md"
  cut_lines "$md" $((lines / 2)) 40 >"$seeds/markdown/$name-middle.md"
  # The same text without its Markdown marks, as a plain-text seed.
  cut_lines "$md" $((lines / 2)) 40 | sed -E 's/^#+ +//' >"$seeds/plain_text/$name-middle.txt"
done
cp "$root/tests/data/eaeu_ru_plain_excerpt.txt" "$seeds/plain_text/"
for rules in "$root"/kb/rules/*.xml; do cp "$rules" "$seeds/rules/"; done
for coding in "$root"/kb/coding/*.xml; do cp "$coding" "$seeds/coding_rules/"; done

# One target: runs it, writes its summary line to $dir/TARGET.line, and fails on a finding.
run_target() {
  local target=$1 corpus="$dir/corpus/$1" log="$dir/fuzz_$1.log" workdir rc=0
  mkdir -p "$corpus"
  local dict=()
  [[ -f "$root/tests/fuzz/$target.dict" ]] && dict=(-dict="$root/tests/fuzz/$target.dict")
  # Each target runs in an empty folder: an <include> or <facts> the rules fuzzer writes is read
  # relative to it, and the coding-rules target writes its input there as a file.
  workdir=$(mktemp -d)
  (cd "$workdir" && "$dir/tests/fuzz/fuzz_$target" "$corpus" "$seeds/$target" "${dict[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$dir/findings/$target-" >"$log" 2>&1) || rc=$?
  rm -rf "$workdir"
  local runs last cov ft files line
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo 0)
  ft=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo 0)
  files=$(find "$corpus" -type f | wc -l)
  line="fuzz $target: $runs runs in ${seconds}s, cov $cov, ft $ft, corpus $files"
  ((rc == 0)) || line+=" — FINDING (see $log and $dir/findings/)"
  echo "$line" >"$dir/$target.line"
  return "$rc"
}

# The targets run side by side, TREATYKB_FUZZ_JOBS at a time (default: one per core); each is a
# single libFuzzer process, so the executions a target gets in SECONDS depend on the load.
lanes=${TREATYKB_FUZZ_JOBS:-$(nproc)}
for target in "${targets[@]}"; do
  rm -f "$dir/$target.line"
  while (($(jobs -rp | wc -l) >= lanes)); do wait -n || true; done
  run_target "$target" &
done
wait || true
status=0
summary=()
for target in "${targets[@]}"; do
  # A target that wrote no line died before its summary: a failure too.
  line=$(cat "$dir/$target.line" 2>/dev/null || echo "fuzz $target: no summary — FINDING?")
  [[ "$line" != *FINDING* ]] || status=1
  summary+=("$line")
  echo "$line"
done
printf '%s\n' "${summary[@]}" >"$dir/summary.txt"
exit $status
