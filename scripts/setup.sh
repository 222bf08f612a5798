#!/usr/bin/env bash
# Installs what `npm start` and `npm test` need and is missing: the Rust wasm target, the
# wasm-bindgen CLI at the version Cargo.lock pins, the npm packages and, with --browser,
# Chromium and its driver. Safe to run again: each step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=no
[ "${1:-}" = "--browser" ] && want_browser=yes

say() { printf 'setup: %s\n' "$*"; }

if ! command -v cargo >/dev/null 2>&1; then
  say "cargo is missing: install Rust with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ -z "$bindgen_version" ]; then
  say "Cargo.lock names no wasm-bindgen version" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (takes a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# npm ci when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$want_browser" = yes ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "installing Chromium and ChromeDriver from Debian"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq chromium chromium-driver >/dev/null
    else
      say "Chromium is missing: install the packages chromium and chromium-driver (as root: apt-get install chromium chromium-driver)." >&2
      exit 1
    fi
  fi
fi
