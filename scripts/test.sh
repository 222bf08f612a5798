#!/usr/bin/env bash
# Every test: the native Rust core, the Rust skin in headless Chromium, the stand-ins, and the
# end-to-end flows in headless Chromium against the real amazon-connect-streams.
set -euo pipefail
cd "$(dirname "$0")/.."

export CHROMEDRIVER=/usr/bin/chromedriver
# Chromium leaves profile folders in TMPDIR; keep them in one place that is cleaned each run.
export TMPDIR="$PWD/.tmp/test-tmp"
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"

step() { printf '\n== %s\n' "$*"; }

step "native Rust tests (core)"
cargo test --quiet

step "Rust browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown --test browser

step "stand-in and end-to-end tests (node --test, headless Chromium)"
node --test --test-concurrency=1 tests/cli.test.mjs sim/test/ tests/e2e/
