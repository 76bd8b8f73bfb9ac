#!/usr/bin/env bash
# The test command: installs what the tests need, then runs fmt, clippy and every test.
# Works on a fresh machine with the Rust toolchain and python3; starts nothing by hand
# (tests start their own moto server and emulator on free loopback ports).
set -euo pipefail
cd "$(dirname "$0")/.."

MOTO_VERSION="5.2.5"

echo "==> python tools (.venv): moto[server]==${MOTO_VERSION}"
if [ ! -x .venv/bin/moto_server ] || ! .venv/bin/pip show moto 2>/dev/null | grep -q "^Version: ${MOTO_VERSION}$"; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "moto[server]==${MOTO_VERSION}"
fi
export MOTO_SERVER="$PWD/.venv/bin/moto_server"

echo "==> rust components"
for component in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^${component}" || rustup component add "${component}"
done

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "==> cargo test"
cargo test --workspace --locked
