#!/usr/bin/env bash
# The engine benchmark (not a timed test): the programs of engine-targets.md run by treatykb and by
# the Debian peers clingo, SWI-Prolog (tabling) and CLIPS, printing wall time, peak RSS, the result
# count and the ratio treatykb/peer; then a defeasible theory of 10^5 rules (treatykb only).
#
# Usage: bench/engine/run.sh [--install-peers] [--big] [--runs N]
#   --install-peers  apt-get install the peers (bench only; not part of scripts/setup.sh)
#   --big            also B3 and A4000 (each run time-boxed by $BIG_TIMEOUT, default 300 s)
#   --runs N         runs of treatykb per program; the minimum wall time is reported (default 3)
#   --peer-runs N    the same for each peer (default 1: the slow peers take minutes)
# Environment: PROGRAMS="A2000 C" and PEERS="clingo" restrict the runs; TIMEOUT (s) per run.
# The generator is $TREATYKB_SHARED/bench/gen-programs, else <project>/../shared/bench/gen-programs.
# Programs are written to bench/out/ (git-ignored). Needs a built treatykb (scripts/build.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${TREATYKB_SHARED:-$root/../shared}
generator=$shared/bench/gen-programs
treatykb=${TREATYKB_BINARY:-$root/build/cli/treatykb}
out=$root/bench/out
runs=3 peer_runs=1 big=0 install=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --install-peers) install=1 ;;
    --big) big=1 ;;
    --runs) runs=$2; shift ;;
    --peer-runs) peer_runs=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
timeout_s=${TIMEOUT:-300}
big_timeout=${BIG_TIMEOUT:-300}

if [[ $install == 1 ]]; then
  missing=()
  command -v clingo >/dev/null || missing+=(gringo)
  command -v swipl >/dev/null || missing+=(swi-prolog-nox)
  command -v clips >/dev/null || missing+=(clips)
  if [[ ${#missing[@]} -gt 0 ]]; then
    sudo_cmd=(); [[ $(id -u) != 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get install -y "${missing[@]}"
  fi
fi
[[ -x $treatykb ]] || { echo "build treatykb first (scripts/build.sh)" >&2; exit 1; }
[[ -f $generator ]] || { echo "generator not found: $generator (set TREATYKB_SHARED)" >&2; exit 1; }
if [[ ! -f $out/C-asis/clingo.lp ]]; then python3 "$generator" "$out"; fi
python3 "$root/bench/engine/make_programs.py" "$out"

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB RAM, $(uname -sr)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share the cores; cpu_s is user+system time)"
echo "runs: treatykb $runs, peers $peer_runs (minimum wall time; peak RSS of that run); time limit ${timeout_s} s"
printf '%-8s %-10s %10s %8s %10s %12s %14s\n' program engine wall_s cpu_s peak_MB result treatykb/peer

# measure RUNS DIR LIMIT CMD... -> sets wall, mb, result (min wall over RUNS runs)
measure() {
  local n=$1 dir=$2 limit=$3; shift 3
  wall=inf mb=- result=- cpu=-
  for ((i = 0; i < n; i++)); do
    local log; log=$(mktemp)
    local status=0
    (cd "$dir" && timeout "$limit" /usr/bin/time -f '%e %M %U %S' -o "$log.time" "$@" >"$log" 2>"$log.err") || status=$?
    # clingo exits with 10/30 when it found (all) models; GNU time reports that as failure.
    if [[ $status != 0 ]] && ! [[ $1 == clingo ]] || [[ $status == 124 ]]; then
      if [[ $status == 124 ]]; then wall=">$limit"; result=timeout; else wall=-; result="failed($status)"; fi
      mb=-; rm -f "$log" "$log.time" "$log.err"; return
    fi
    sed -i '/^Command exited with non-zero status/d' "$log.time"
    read -r w k u sy < "$log.time"
    local r; r=$(grep -oE '[0-9]+' "$log" | tail -1)
    if [[ $wall == inf ]] || awk "BEGIN{exit !($w < $wall)}"; then wall=$w; mb=$((k / 1024)); result=$r; cpu=$(awk "BEGIN{print $u + $sy}"); fi
    rm -f "$log" "$log.time" "$log.err"
  done
}

read -r -a programs <<< "${PROGRAMS:-A2000 B1 C C-asis}"
[[ $big == 1 ]] && programs+=(A4000 B3)
for p in "${programs[@]}"; do
  limit=$timeout_s; [[ $p == B3 || $p == A4000 ]] && limit=$big_timeout
  case $p in A*|B*) pattern='tc(?x, ?y)' ;; *) pattern='conflict(?d, ?s, ?a, ?b)' ;; esac
  measure "$runs" "$out/$p" "$limit" "$treatykb" query "$pattern" --count --rules treatykb.xml
  tk_wall=$wall tk_mb=$mb
  printf '%-8s %-10s %10s %8s %10s %12s %14s\n' "$p" treatykb "$wall" "$cpu" "$mb" "$result" ""
  for peer in ${PEERS:-clingo swipl clips}; do
    command -v $peer >/dev/null || { printf '%-8s %-10s %10s\n' "$p" $peer "not installed"; continue; }
    case $peer in
      clingo) measure "$peer_runs" "$out/$p" "$limit" clingo --outf=0 -V0 clingo.lp ;;
      swipl) measure "$peer_runs" "$out/$p" "$limit" swipl swipl.pl ;;
      clips) measure "$peer_runs" "$out/$p" "$limit" clips -f2 clips.clp ;;
    esac
    ratio=-
    if [[ $wall != \>* && $wall != - && $tk_wall != \>* && $tk_wall != - ]]; then
      ratio=$(awk "BEGIN{printf \"%.2fx time\", $tk_wall / $wall}")
      [[ $mb != - && $tk_mb != - && $mb != 0 ]] && ratio+=$(awk "BEGIN{printf \", %.2fx mem\", $tk_mb / $mb}")
    fi
    printf '%-8s %-10s %10s %8s %10s %12s %14s\n' "$p" $peer "$wall" "$cpu" "$mb" "$result" "$ratio"
  done
done

# The defeasible theory: 10^5 rules, 10^4 superiority chains (no peer expresses it directly).
measure "$runs" "$out/D" "$timeout_s" "$treatykb" query '~holds(?c, ?x)' --count --rules treatykb.xml
printf '%-8s %-10s %10s %8s %10s %12s %14s\n' D treatykb "$wall" "$cpu" "$mb" "$result" "(expect 100000)"
