#!/usr/bin/env bash
# Installs the Debian packages Dossier needs, and only those that are missing.
# Usage: scripts/deps.sh [build|test|bench]   (each set includes the one before)
set -euo pipefail

want=${1:-build}
pkgs=(build-essential cmake ninja-build pkg-config
      libxapian-dev libgumbo-dev libicu-dev libcpp-httplib-dev nlohmann-json3-dev
      libcli11-dev zlib1g-dev libcld2-dev catch2 libexpat1-dev python3 ca-certificates)
case "$want" in
  build) ;;
  # wrk: tests/fault_load_test.cpp; clang and its runtime: the libFuzzer targets (tests/fuzz)
  test)  pkgs+=(xapian-tools python3 chromium nodejs npm wrk clang libclang-rt-14-dev) ;;
  bench) pkgs+=(xapian-tools xapian-omega wrk python3 time) ;;
  *) echo "deps.sh: unknown set '$want' (build, test or bench)" >&2; exit 2 ;;
esac

# A tool installed some other way (Node.js from NodeSource bundles npm) counts as present.
provided_by_command() {
  case "$1" in
    nodejs) command -v node >/dev/null ;;
    npm) command -v npm >/dev/null ;;
    chromium) [ -x /usr/bin/chromium ] ;;
    *) return 1 ;;
  esac
}

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' &&
     ! provided_by_command "$p"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}" >&2
SUDO=
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "deps.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has empty package lists; refresh them once before installing.
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/tmp/dossier-apt.log 2>&1; then
  $SUDO apt-get update >>/tmp/dossier-apt.log 2>&1 || true
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >>/tmp/dossier-apt.log 2>&1 || {
    echo "deps.sh: apt-get install failed, see /tmp/dossier-apt.log" >&2; tail -20 /tmp/dossier-apt.log >&2; exit 2; }
fi
