#!/usr/bin/env bash
# Configures and builds treatykb. Usage: scripts/build.sh [--sanitize]
#   default:    build/        (RelWithDebInfo)
#   --sanitize: build-asan/   (AddressSanitizer + UndefinedBehaviorSanitizer)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/build"; extra=()
if [[ "${1:-}" == "--sanitize" ]]; then
  dir="$root/build-asan"; extra=(-DTREATYKB_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DTREATYKB_BENCH=OFF)
fi
cmake -S "$root" -B "$dir" -G Ninja "${extra[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)"
