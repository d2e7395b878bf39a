#!/usr/bin/env bash
# Runs the libFuzzer targets for a long while: each target in turn for SECONDS (default 3600),
# round after round until stopped (or once with --once). The corpus grows in the sanitizer build
# folder and is kept between runs. A crash is saved as build-sanitize/tests/fuzz/crashes/TARGET-*;
# fix it, then keep the input as a regression test:
#   cp build-sanitize/tests/fuzz/crashes/TARGET-crash-... tests/fuzz/regressions/TARGET/
# Usage: scripts/fuzz.sh [--once] [SECONDS] [TARGET ...]   (targets: the names in tests/fuzz)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PHUM_SANITIZE_BUILD_DIR:-$here/build-sanitize}"
once=0
if [ "${1:-}" = --once ]; then once=1; shift; fi
seconds="${1:-3600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(push_request change_feed xlsx xlsform_md expression refdata_csv)
fi

# Builds the sanitizer tree (and its fuzz targets) without running any test.
PHUM_SANITIZE_BUILD_ONLY=1 "$here/scripts/sanitize.sh"

export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
cd "$build"
while true; do
  for target in "${targets[@]}"; do
    # The test's own command line (inputs, limits, corpus), with a longer time.
    command="$(ctest -N -V -R "^fuzz\.$target\.run$" | sed -n 's/^[0-9]*: Test command: //p')"
    if [ -z "$command" ]; then
      echo "fuzz: no fuzz target '$target'" >&2
      exit 2
    fi
    echo "fuzz: $target for ${seconds}s"
    command="$(sed -E "s/-max_total_time=[0-9]+/-max_total_time=$seconds/" <<<"$command")"
    eval "$command"
  done
  ((once)) && break
done
