#!/usr/bin/env bash
# Installs every Debian package treatykb needs to build and test. Safe to run twice: it only
# calls apt-get when a package is missing.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libsqlite3-dev sqlite3             # store, FTS5
  libboost-regex-dev libicu-dev      # boost::u32regex for Cyrillic-aware patterns
  libpugixml-dev                     # XML model, rules, annotations
  libstemmer-dev                     # Snowball stemmers (English, Russian)
  libcli11-dev nlohmann-json3-dev libfmt-dev
  catch2                             # Catch2 v2 test framework
  python3
  time                               # /usr/bin/time -v for bench/corpus/run.sh (peak RSS)
  libcpp-httplib-dev                 # treatykb serve: header-only HTTP server (docs/serve.md)
  zlib1g-dev                         # treatykb serve: kept pages sent gzip-compressed
  libmimalloc-dev                    # the program's allocator (cli/CMakeLists.txt, docs/performance.md)
  clang libfuzzer-14-dev             # tests/fuzz: libFuzzer targets (scripts/fuzz.sh)
)
if [[ "${TREATYKB_WITH_BROWSER:-0}" == 1 ]]; then
  packages+=(chromium)               # the HTML report test renders the page headless
  # tests/browser: node runs the reader's browser test; npm installs puppeteer-core (pinned in
  # tests/browser/package-lock.json) into the build folder, driving the system chromium.
  # A machine that already has node and npm (e.g. a vendor build of nodejs, which bundles npm and
  # conflicts with Debian's npm package) keeps them.
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
