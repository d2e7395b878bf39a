#!/usr/bin/env bash
# The sanitizer job: builds the core, the server and their tests with clang 16 under
# AddressSanitizer + UndefinedBehaviorSanitizer (and the fuzz targets as libFuzzer programs), then
# runs the suites that fit CI's time (PHUM_SANITIZE_LABELS, a ctest label regex; SQLite only, no
# PostgreSQL copies) and every fuzzer for PHUM_FUZZ_SECONDS (default 30) each. Any sanitizer finding fails the test that hit it.
# Usage: scripts/sanitize.sh [extra ctest arguments]. The build goes to $PHUM_SANITIZE_BUILD_DIR
# (default build-sanitize); PHUM_SANITIZE_BUILD_ONLY=1 stops after the build. The app is left out (Qt's own code is not ours to sanitize here).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PHUM_SANITIZE_BUILD_DIR:-$here/build-sanitize}"
labels="${PHUM_SANITIZE_LABELS:-^(unit|forms|attack|fuzz-run)$}"
fuzz_seconds="${PHUM_FUZZ_SECONDS:-30}"

"$here/scripts/setup.sh" --packages-only --clang

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-16 -DCMAKE_CXX_COMPILER=clang++-16 "${launcher[@]}" \
  -DPHUM_BUILD_APP=OFF -DPHUM_BUILD_BENCH=OFF -DPHUM_SANITIZE=address,undefined -DPHUM_FUZZ=ON \
  -DPHUM_FUZZ_SECONDS="$fuzz_seconds" >/dev/null
set +o pipefail
cmake --build "$build" --parallel "$(nproc)" 2>&1 | { grep -vE '^\[[0-9]+/[0-9]+\] |^ninja: no work to do' || true; }
status=${PIPESTATUS[0]}
set -o pipefail
if [ "$status" -ne 0 ]; then
  echo "sanitize: the build failed (see the errors above)" >&2
  exit "$status"
fi

[ "${PHUM_SANITIZE_BUILD_ONLY:-0}" = 1 ] && exit 0

# halt_on_error: a finding stops the process, so the test fails where it happened.
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
cd "$build"
echo "sanitize: running the tests labelled $labels under ASan+UBSan, each fuzzer for ${fuzz_seconds}s"
# The fuzzers run one at a time (each uses a core fully); the suites in parallel.
ctest --output-on-failure --timeout 1200 -j "$(nproc)" -L "$labels" -LE "^(fuzz-run|postgres)$" "$@"
ctest --output-on-failure -L fuzz-run "$@"
