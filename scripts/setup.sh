#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build, run and test Rolecall: Debian's Chromium and
# Firefox ESR (browsers never come from a test tool's download), Debian's botocore (a peer the tests
# check the AWS stand-in against), and the npm dependencies from the lock file. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)
/usr/bin/python3 -c 'import botocore' >/dev/null 2>&1 || need+=(python3-botocore)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${need[*]} from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: Rolecall needs these Debian packages: ${need[*]}" >&2
    echo "setup: run as root, or: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "setup: ready (node $(node --version), $(chromium --version 2>/dev/null | head -c 40), $(firefox-esr --version 2>/dev/null))"
