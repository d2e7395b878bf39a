#!/usr/bin/env bash
# Installs the Debian 12 packages Phum needs (only the missing ones), then configures and builds.
# Idempotent and quiet when nothing is missing.
# Usage: scripts/setup.sh [build-dir]   or   scripts/setup.sh --packages-only [--clang]
# (--clang adds clang 16 with libFuzzer and the sanitizer runtimes, for scripts/sanitize.sh.)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages_only=0
with_clang=0
while [ $# -gt 0 ] && [[ "$1" == --* ]]; do
  case "$1" in
    --packages-only) packages_only=1 ;;
    --clang) with_clang=1 ;;
    *) echo "setup: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
build="${1:-$here/build}"

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools qt6-positioning-dev
  qt6-l10n-tools qt6-tools-dev-tools qt6-tools-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-window
  qml6-module-qtquick-templates qml6-module-qtqml-workerscript qml6-module-qttest qml6-module-qtcore
  qml6-module-qt-labs-settings qml6-module-qt-labs-qmlmodels qml6-module-qtpositioning
  protobuf-compiler libprotobuf-dev libcurl4-openssl-dev libsqlite3-dev libsodium-dev libgtest-dev libgmock-dev
  libboost-dev libzstd-dev zlib1g-dev libpugixml-dev libzip-dev libpq-dev postgresql postgresql-common
  fonts-khmeros xvfb libgl1-mesa-dri sqlite3 curl libqrencode-dev libre2-dev libssl-dev openssl
  nlohmann-json3-dev chromium chromium-driver
  libjs-chart.js
  qt6-multimedia-dev qml6-module-qtmultimedia libzxing-dev libqt6positioning6-plugins qt6-svg-dev
)

# libclang-rt-16-dev: without it clang cannot link the ASan/UBSan/libFuzzer runtimes.
((with_clang)) && packages+=(clang-16 libfuzzer-16-dev libclang-rt-16-dev)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${#missing[@]} missing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

((packages_only)) && exit 0

if [ ! -f "$build/CMakeCache.txt" ]; then
  echo "setup: configuring $build"
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
# Show warnings and errors, not ninja's progress lines; the build's own status decides.
set +o pipefail
cmake --build "$build" --parallel "$(nproc)" 2>&1 | { grep -vE '^\[[0-9]+/[0-9]+\] |^ninja: no work to do' || true; }
status=${PIPESTATUS[0]}
set -o pipefail
if [ "$status" -ne 0 ]; then
  echo "setup: the build failed (see the errors above)" >&2
  exit "$status"
fi
