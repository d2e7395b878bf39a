#!/usr/bin/env bash
# Sets everything up and runs the system: the sync server on 127.0.0.1 in secure mode (enrolled
# devices, signed-in users) over HTTPS, with its embedded SQLite data folder, and the tablet app
# connected to it. The first run makes a local certificate authority and a server certificate in
# var/tls (openssl); trust var/tls/ca.pem in the browser for the console. The tablet is given the
# CA and the server's key pin (in its enrolment code). A newcomer's first run is preset: a demo account and a one-time enrolment code are created
# with phum-admin, and the app enrols itself with that code. Ctrl-C stops everything.
# PHUM_DEMO_RECORDS=N (e.g. 20000) loads N synthetic, approved records once, into an empty server,
# so the console's reports are full at once (phum-admin demo generate).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PHUM_BUILD_DIR:-$here/build}"
port="${PHUM_PORT:-8470}"
var="$here/var"
admin="$build/sync-server/phum-admin"
tablet_db="$var/tablet/phum.sqlite"
demo_user=demo
demo_password_file="$var/demo-password.txt"

"$here/scripts/setup.sh" "$build"
mkdir -p "$var/server" "$var/tablet"

# A local certificate authority and a certificate for this server, made once and kept in var/tls.
# The CA's key signs nothing else and stays readable by this user only.
tls="$var/tls"
if [ ! -s "$tls/server.pem" ] || [ ! -s "$tls/server.key" ] || [ ! -s "$tls/ca.pem" ]; then
  mkdir -p "$tls"
  chmod 700 "$tls"
  (
    umask 077
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
      -keyout "$tls/ca.key" -out "$tls/ca.pem" -subj "/CN=Phum local CA ($(hostname))" \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=keyCertSign,cRLSign 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
      -keyout "$tls/server.key" -out "$tls/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "extendedKeyUsage=serverAuth" \
      "basicConstraints=CA:FALSE" >"$tls/server.ext"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" \
      -CAcreateserial -days 825 -out "$tls/server.pem" -extfile "$tls/server.ext" 2>/dev/null
  )
  chmod 644 "$tls/ca.pem"
  echo "run.sh: made a local certificate authority ($tls/ca.pem) and a server certificate."
fi
# The server's public key pin (what libcurl's CURLOPT_PINNEDPUBLICKEY takes), for the enrolment code.
pin="sha256//$(openssl x509 -in "$tls/server.pem" -pubkey -noout | openssl pkey -pubin -outform der |
  openssl dgst -sha256 -binary | base64)"
pin_in_url="$(printf '%s' "$pin" | sed -e 's|/|%2F|g' -e 's|+|%2B|g' -e 's|=|%3D|g')"

# The demo account, created once; its password is kept beside the data so later runs can print it.
# (Listing fails on a data folder that does not exist yet: then there is no demo user either.)
known_users="$("$admin" users list --data "$var/server" 2>/dev/null || true)"
if ! grep -q "^$demo_user " <<<"$known_users"; then
  demo_password="demo-$RANDOM$RANDOM"
  "$admin" users add --data "$var/server" --username "$demo_user" --role enumerator \
    --scope national --display-name "Demo" --password "$demo_password" >/dev/null
  printf '%s\n' "$demo_password" >"$demo_password_file"
fi
if [ ! -s "$demo_password_file" ]; then
  echo "run.sh: the user '$demo_user' exists but its password is not in $demo_password_file." >&2
  echo "        Delete $var to start afresh, or sign in with the password you gave it." >&2
fi
demo_password="$(cat "$demo_password_file" 2>/dev/null || echo '(unknown)')"

# A reviewer for the browser console, made the same way.
reviewer_user=reviewer
reviewer_password_file="$var/reviewer-password.txt"
if ! grep -q "^$reviewer_user " <<<"$known_users"; then
  reviewer_password="review-$RANDOM$RANDOM"
  "$admin" users add --data "$var/server" --username "$reviewer_user" --role reviewer \
    --scope national --display-name "Reviewer" --password "$reviewer_password" >/dev/null
  printf '%s\n' "$reviewer_password" >"$reviewer_password_file"
fi
reviewer_password="$(cat "$reviewer_password_file" 2>/dev/null || echo '(unknown)')"

# The forms the tablet fills in and the reference data they use. Both are no-ops when unchanged, so
# every run publishes what the repository holds (a changed form needs a new version number).
"$admin" forms publish "$here"/forms/*.xlsform.md --data "$var/server" >/dev/null
"$admin" refdata import "$here/data/reference" --data "$var/server" >/dev/null
if [ -n "${PHUM_DEMO_RECORDS:-}" ] && [ ! -f "$var/demo-loaded" ]; then
  "$admin" demo generate --records "$PHUM_DEMO_RECORDS" --data "$var/server"
  touch "$var/demo-loaded"
fi

# A one-time enrolment code, only while the tablet is not enrolled yet (a used code is refused).
enrolled=no
if [ -f "$tablet_db" ] && command -v sqlite3 >/dev/null &&
  [ -n "$(sqlite3 "$tablet_db" "SELECT value FROM sync_state WHERE key = 'device.id'" 2>/dev/null)" ]; then
  enrolled=yes
fi
enroll_args=()
if [ "$enrolled" = no ]; then
  # The app types it by itself (--enroll-code), so phum-admin's "type it on the tablet" is kept quiet.
  if ! issued="$("$admin" devices enroll-code --data "$var/server" --name "demo tablet" \
    --tls-cert "$tls/server.pem" 2>"$var/enroll-code.err")"; then
    echo "run.sh: could not make an enrolment code:" >&2
    cat "$var/enroll-code.err" >&2
    exit 1
  fi
  code="${issued%%$'\n'*}"
  # What the enrolment QR holds: the code and the server's key pin.
  enroll_args=(--enroll-code "phum:enroll?code=$code&pin=$pin_in_url")
fi

"$build/sync-server/phum-server" --listen "127.0.0.1:$port" --data "$var/server" \
  --tls-cert "$tls/server.pem" --tls-key "$tls/server.key" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT INT TERM

healthy=no
for _ in $(seq 50); do
  if curl -fsS --cacert "$tls/ca.pem" "https://127.0.0.1:$port/v1/health" >/dev/null 2>&1; then
    healthy=yes
    break
  fi
  sleep 0.2
done
if [ "$healthy" = no ]; then
  echo "run.sh: the sync server did not answer on https://127.0.0.1:$port/v1/health." >&2
  echo "        Is the port in use? Try PHUM_PORT=8471 $0" >&2
  exit 1
fi

app=("$build/app/phum-app" --data "$tablet_db" --server "https://127.0.0.1:$port"
  --ca-file "$tls/ca.pem" "${enroll_args[@]}")
cat <<MSG

Phum is running (HTTPS, certificate from a local CA).
  Sync server : https://127.0.0.1:$port
                health: curl --cacert $tls/ca.pem https://127.0.0.1:$port/v1/health
  Server data : $var/server
  Records on the server: $admin records list --data $var/server

  Review console (browser): https://127.0.0.1:$port/console/
    username: $reviewer_user   password: $reviewer_password
  CA to trust : $tls/ca.pem
    import it in the browser (Settings, Certificates, Authorities) to open the console without a
    warning; the server's key pin is $pin

  Sign in on the tablet with
    username: $demo_user
    password: $demo_password
  then choose a PIN of 4 to 8 digits (not 1234 or 1111); the PIN opens the tablet offline.
MSG

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "  Starting the tablet app (close its window to stop)."
  "${app[@]}"
else
  # Quoted for copying into a shell: the enrolment code holds '&'.
  app_command="$(printf '%q ' "${app[@]}")"
  cat <<MSG
  No display here, so the app is not started. To use it:
    - on a machine with a display, run this script there; or
    - under a virtual display:  xvfb-run -s '-screen 0 1280x800x24' $app_command
    - offscreen (no window; for scripted use): QT_QPA_PLATFORM=offscreen $app_command
  The server keeps running until you press Ctrl-C.
MSG
  wait "$server_pid"
fi
