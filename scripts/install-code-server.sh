#!/usr/bin/env bash
# Installs code-server (upstream VS Code's server + web workbench) into .cache/code-server, once.
# The e2e driver and `npm start` run the extension in it; nothing is installed globally.
# How and why: /work/shared/vscode-e2e-offline.md (offline machines reach only npm and Debian).
#
# Needs Debian's ripgrep (its binary replaces the one @vscode/ripgrep would download from GitHub),
# libkrb5-dev (the kerberos native module) and a C++ toolchain. Safe to run again: a marker file
# records a finished install of this exact version.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3 # the last npm release that runs on Node 20 (bundles VS Code 1.100.3)
RIPGREP_PACKAGE_VERSION=1.15.11 # @vscode/ripgrep pinned in code-server's lib/vscode shrinkwrap
RIPGREP_TAG=v13.0.0-10           # the prebuilt release that @vscode/ripgrep 1.15.11 asks for

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.cache/code-server"
marker="$dest/.installed-$CODE_SERVER_VERSION"
entry="$dest/node_modules/code-server/out/node/entry.js"

if [[ -f "$marker" && -f "$entry" ]]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $dest"
  exit 0
fi

for tool in rg g++ make python3; do
  command -v "$tool" >/dev/null || { echo "install-code-server: '$tool' is missing (apt-get install ripgrep build-essential python3)" >&2; exit 1; }
done
if [[ ! -e /usr/include/gssapi/gssapi.h ]]; then
  echo "install-code-server: gssapi headers are missing (apt-get install libkrb5-dev)" >&2
  exit 1
fi

rm -rf "$dest"
mkdir -p "$dest/tmp"

# @vscode/ripgrep looks for a cached release tarball in <os tmpdir>/vscode-ripgrep-cache-<version>/
# before it downloads; a tarball holding Debian's rg satisfies it. TMPDIR points os.tmpdir() at a
# folder of ours so nothing leaks into /tmp.
export TMPDIR="$dest/tmp"
rg_cache="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
mkdir -p "$rg_cache/staging"
cp "$(command -v rg)" "$rg_cache/staging/rg"
tar -czf "$rg_cache/ripgrep-$RIPGREP_TAG-x86_64-unknown-linux-musl.tar.gz" -C "$rg_cache/staging" rg
rm -rf "$rg_cache/staging"

# code-server's postinstall refuses to run as root without unsafe-perm, and node-pty's runs
# `npx node-gyp`, which must not stop to ask.
export npm_config_unsafe_perm=true
export npm_config_yes=true
# npm 11 skips dependencies' install scripts unless approved. code-server's postinstall runs a
# nested `npm install` in lib/vscode (a project of its own, with no allowScripts of ours), whose
# native modules must build, so approval has to travel through the environment. It applies only to
# this pinned, shrinkwrapped tree inside the cache folder.
export npm_config_dangerously_allow_all_scripts=true
# Build native modules against the running Node's own headers when it ships them (no download).
node_prefix="$(dirname "$(dirname "$(command -v node)")")"
if [[ -f "$node_prefix/include/node/node.h" ]]; then
  export npm_config_nodedir="$node_prefix"
fi

cat >"$dest/package.json" <<JSON
{
  "name": "iam-trust-code-server-cache",
  "private": true,
  "description": "code-server for the IAM Trust e2e tests and npm start (installed by scripts/install-code-server.sh)",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" }
}
JSON

echo "Installing code-server $CODE_SERVER_VERSION into $dest (native builds: this takes a few minutes)"
(cd "$dest" && npm install --no-audit --no-fund --omit=dev --loglevel=warn)

# Check what the postinstall was meant to produce, so a half-built install is never marked done.
vscode_dir="$dest/node_modules/code-server/lib/vscode"
for required in \
  "$entry" \
  "$vscode_dir/node_modules/@vscode/ripgrep/bin/rg" \
  "$vscode_dir/node_modules/node-pty/build/Release/pty.node" \
  "$vscode_dir/node_modules/@vscode/spdlog/build/Release/spdlog.node"; do
  if [[ ! -e "$required" ]]; then
    echo "install-code-server: missing after install: $required" >&2
    exit 1
  fi
done

rm -rf "$TMPDIR"
touch "$marker"
echo "code-server $CODE_SERVER_VERSION installed in $dest"
