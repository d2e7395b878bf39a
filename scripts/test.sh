#!/usr/bin/env bash
# Sets everything up (Debian packages, configure, build) and runs every test with ctest.
# The PostgreSQL-labelled tests get a throwaway cluster from pg_virtualenv (Debian's postgresql-common).
# With PHUM_SANITIZERS=1, then the sanitizer job too (scripts/sanitize.sh: a clang build under
# ASan+UBSan, the unit and forms suites and a short run of each fuzzer). It is opt-in until a full
# run of it has passed on CI's 2 cores within the time CI has.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PHUM_BUILD_DIR:-$here/build}"

"$here/scripts/setup.sh" "$build"

export QT_QPA_PLATFORM=offscreen
cd "$build"
# pg_virtualenv refuses to run as root without a PostgreSQL system user; the package creates it.
pg_virtualenv -t -o "max_connections=200" ctest --output-on-failure --timeout 1200 -j "$(nproc)" "$@"

if [ "${PHUM_SANITIZERS:-0}" = 1 ]; then
  "$here/scripts/sanitize.sh"
fi
