#!/usr/bin/env bash
# Build the desktop app with PyInstaller and check the built folder, as IT would receive it:
# `--self-test` (forms, a session, translations, TLS, keyring, Qt plugins) and a send of that
# session to a server started from the source tree on a loopback port. A missing data file or a
# hidden import fails here. Usage: .ci/package_check.sh [VENV]  (default .venv; run from the root)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${1:-.venv}"
PY="$VENV/bin/python"

started=$(date +%s)
"$VENV/bin/pip" install -q -e '.[package]'
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN build.spec
built=$(date +%s)
echo "package: built dist/Encuentro in $((built - started)) s, $(du -sh dist/Encuentro | cut -f1) unpacked"

BIN=dist/Encuentro/Encuentro
[ "$("$BIN" --version)" = "$("$PY" main.py --version)" ] || { echo "version differs"; exit 1; }
export QT_QPA_PLATFORM=offscreen
"$BIN" --self-test

# A server from the source tree on a free loopback port, a project, the form, a code.
work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
admin() { "$PY" main.py --data-dir "$work/server" admin "$@"; }
admin add-project "CI" >/dev/null
admin publish-form forms/grupo_focal_mujeres.md --project CI >/dev/null
code=$(admin enroll-code --project CI --device-name "CI build" 2>/dev/null)
"$PY" main.py --data-dir "$work/server" server --port "$port" --workers 1 >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  "$PY" -c "import sys, urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/api/v1/health', timeout=1)" 2>/dev/null && break
  sleep 0.5
done
"$BIN" --self-test --sync-to "http://127.0.0.1:$port" --enroll-code "$code"
echo "package: self-test and sync passed in $(($(date +%s) - built)) s"
if [ "$(uname -s)" = Linux ]; then
  deploy/linux/make_tarball.sh
fi
