#!/usr/bin/env bash
# Sets everything up (Debian packages, configure, build) and runs every test with ctest.
# The PostgreSQL-labelled tests get a throwaway cluster from pg_virtualenv (Debian's postgresql-common).
# Then the sanitizer job (scripts/sanitize.sh: ASan+UBSan suites and a short run of each fuzzer);
# PHUM_SKIP_SANITIZERS=1 leaves it out.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PHUM_BUILD_DIR:-$here/build}"

"$here/scripts/setup.sh" "$build"

export QT_QPA_PLATFORM=offscreen
cd "$build"
# pg_virtualenv refuses to run as root without a PostgreSQL system user; the package creates it.
pg_virtualenv -t -o "max_connections=200" ctest --output-on-failure --timeout 1200 -j "$(nproc)" "$@"

if [ "${PHUM_SKIP_SANITIZERS:-0}" != 1 ]; then
  "$here/scripts/sanitize.sh"
fi
