#!/usr/bin/env bash
# Configures and builds treatykb. Usage: scripts/build.sh [--sanitize]
#   default:    build/        (RelWithDebInfo)
#   --sanitize: build-asan/   (AddressSanitizer + UndefinedBehaviorSanitizer)
# Both with warnings as errors (TREATYKB_WERROR), as the project's developers and CI build it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/build"; extra=(-DTREATYKB_WERROR=ON)
if [[ "${1:-}" == "--sanitize" ]]; then
  dir="$root/build-asan"; extra=(-DTREATYKB_WERROR=ON -DTREATYKB_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DTREATYKB_BENCH=OFF)
fi
cmake -S "$root" -B "$dir" -G Ninja "${extra[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)"
