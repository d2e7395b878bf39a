#!/usr/bin/env bash
# Sets everything up and runs the system: the sync server on 127.0.0.1 with its embedded SQLite data
# folder, and the tablet app connected to it. Ctrl-C stops both.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PHUM_BUILD_DIR:-$here/build}"
port="${PHUM_PORT:-8470}"
var="$here/var"

"$here/scripts/setup.sh" "$build"
mkdir -p "$var/server" "$var/tablet"

"$build/sync-server/phum-server" --listen "127.0.0.1:$port" --data "$var/server" --open &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$port/v1/health" >/dev/null 2>&1 && break
  sleep 0.2
done

app=("$build/app/phum-app" --data "$var/tablet/phum.sqlite" --server "http://127.0.0.1:$port" --user demo)
cat <<MSG

Phum is running.
  Sync server : http://127.0.0.1:$port   (health: curl http://127.0.0.1:$port/v1/health)
  Server data : $var/server
  Records on the server: $build/sync-server/phum-admin records list --data $var/server
MSG

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "  Starting the tablet app (close its window to stop)."
  "${app[@]}"
else
  cat <<MSG
  No display here, so the app is not started. To use it:
    - on a machine with a display, run this script there; or
    - under a virtual display:  xvfb-run -s '-screen 0 1280x800x24' ${app[*]}
    - offscreen (no window; for scripted use): QT_QPA_PLATFORM=offscreen ${app[*]}
  The server keeps running until you press Ctrl-C.
MSG
  wait "$server_pid"
fi
