#!/usr/bin/env bash
# tests/browser/run.sh BUILD_DIR — the web box in a real browser (ctest "browser").
#
# Indexes corpus/mirror with BUILD_DIR/indexer/dossier-index into a temporary
# database, serves it with BUILD_DIR/searchd/dossier-searchd on a free loopback
# port, and drives the page in headless Chromium (Debian's /usr/bin/chromium)
# through playwright-core (webbox.test.mjs). Screenshots go to
# BUILD_DIR/screenshots/. Installs what is missing: Chromium and Node.js from
# Debian when run as root, playwright-core from the committed package-lock.json
# (skipped when tests/browser/node_modules already holds it, so it runs offline
# once installed). Exits non-zero on any failure; bounded to about two minutes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
build=$(cd "$1" && pwd)
indexer=$build/indexer/dossier-index
searchd=$build/searchd/dossier-searchd
mirror=${DOSSIER_BROWSER_CORPUS:-$root/corpus/mirror}
chromium=${CHROMIUM:-/usr/bin/chromium}

say() { echo "browser-test: $*" >&2; }
die() { say "$*"; exit 1; }

for bin in "$indexer" "$searchd"; do
  [ -x "$bin" ] || die "missing $bin (build the project first)"
done
[ -d "$mirror" ] || die "missing the sample archive $mirror"

# ---- what the test needs ---------------------------------------------------
apt_install() {
  [ "$(id -u)" -eq 0 ] || die "need $* (install as root: apt-get install $*)"
  say "installing $* from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "$@" >/tmp/dossier-browser-apt.log 2>&1 || {
    apt-get update >>/tmp/dossier-browser-apt.log 2>&1 || true
    apt-get install -y --no-install-recommends "$@" >>/tmp/dossier-browser-apt.log 2>&1 ||
      die "apt-get install $* failed (see /tmp/dossier-browser-apt.log)"
  }
}
[ -x "$chromium" ] || apt_install chromium
[ -x "$chromium" ] || die "no Chromium at $chromium"
command -v node >/dev/null || apt_install nodejs
if ! command -v npm >/dev/null && [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  apt_install npm
fi
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  say "installing playwright-core (package-lock.json)"
  (cd "$here" && timeout 120 npm ci --no-audit --no-fund --loglevel=error) ||
    die "could not install playwright-core from the npm registry"
fi

# ---- a database and a server -------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/dossier-browser.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "indexing $mirror"
rc=0
timeout 45 "$indexer" build --db "$work/db" --quiet --report "$work/report.txt" "$mirror" \
  >"$work/index.log" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
  # 1: some sources failed, the rest indexed; anything else is fatal.
  cat "$work/index.log" >&2
  [ "$rc" -eq 1 ] || die "dossier-index failed (exit $rc)"
  say "warning: dossier-index reported failed sources (exit 1); testing the rest"
fi

"$searchd" --db "$work/db" --listen 127.0.0.1:0 >"$work/searchd.log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*serving .* at http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$work/searchd.log" | head -1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/searchd.log" >&2; die "dossier-searchd exited"; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/searchd.log" >&2; die "dossier-searchd did not say its port"; }
base="http://127.0.0.1:$port"
healthy=
for _ in $(seq 1 100); do
  if node -e "fetch('$base/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" 2>/dev/null; then
    healthy=1; break
  fi
  sleep 0.15
done
[ -n "$healthy" ] || { cat "$work/searchd.log" >&2; die "$base/healthz did not answer"; }
say "dossier-searchd at $base"

# ---- the browser -------------------------------------------------------------
mkdir -p "$build/screenshots"
rc=0
DOSSIER_BASE=$base \
DOSSIER_SHOTS=$build/screenshots \
DOSSIER_LABELS=$root/corpus/labels.json \
DOSSIER_PROFILE=$work/profile \
CHROMIUM=$chromium \
  timeout 90 node "$here/webbox.test.mjs" || rc=$?
if [ "$rc" -ne 0 ]; then
  say "failed (exit $rc); the server's last lines:"
  tail -20 "$work/searchd.log" >&2
  exit 1
fi
