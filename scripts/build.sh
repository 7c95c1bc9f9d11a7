#!/usr/bin/env bash
# Configures and builds treatykb. Usage: scripts/build.sh [--sanitize]
#   default:    build/        (RelWithDebInfo)
#   --sanitize: build-asan/   (AddressSanitizer + UndefinedBehaviorSanitizer, with Clang; with the
#               libFuzzer targets of tests/fuzz, edge coverage only)
# Both with warnings as errors (TREATYKB_WERROR), as the project's developers and CI build it.
# The plain build uses the default compiler (GCC on Debian), the sanitizer build Clang: Clang
# compiles the instrumented tree in two thirds of GCC's time (docs/performance.md, "Build and test
# time"), and CI so builds the whole project with both compilers, warnings as errors.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/build"; extra=(-DTREATYKB_WERROR=ON)
if [[ "${1:-}" == "--sanitize" ]]; then
  # With the fuzz targets, edge coverage only (TREATYKB_FUZZ_EDGES): CI's short fuzz run uses them.
  dir="$root/build-asan"; extra=(-DTREATYKB_WERROR=ON -DTREATYKB_SANITIZE=ON -DTREATYKB_FUZZ_EDGES=ON
                                 -DCMAKE_BUILD_TYPE=Debug -DTREATYKB_BENCH=OFF)
  # A folder configured earlier with another compiler is configured afresh (CMake keeps the first).
  if [[ -f "$dir/CMakeCache.txt" ]] && ! grep -q '^CMAKE_CXX_COMPILER:.*clang++' "$dir/CMakeCache.txt"; then
    rm -rf "$dir"
  fi
  export CC=clang CXX=clang++
fi
cmake -S "$root" -B "$dir" -G Ninja "${extra[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)"
