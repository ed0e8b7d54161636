#!/usr/bin/env bash
# Everything a fresh Debian machine needs before `npm start` or `npm test`: Debian packages
# (chromium for the end-to-end browser, ripgrep for code-server's search, libkrb5-dev for
# code-server's kerberos module), the npm packages, and code-server in .cache/. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for pkg in chromium ripgrep libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

npm ci
bash scripts/install-code-server.sh
