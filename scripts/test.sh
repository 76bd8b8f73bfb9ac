#!/usr/bin/env bash
# The test command: installs what the tests need, then runs fmt, clippy and every test.
# Works on a fresh machine with the Rust toolchain and python3; starts nothing by hand
# (tests start their own moto server and emulator on free loopback ports).
set -euo pipefail
cd "$(dirname "$0")/.."

# each stage line says how long the run has taken so far, so a slow stage shows in any CI log
stage() { echo "==> [$((SECONDS / 60))m$((SECONDS % 60))s] $*"; }

MOTO_VERSION="5.2.5"
CFN_LINT_VERSION="1.58.0"
SAM_CLI_VERSION="1.170.0"
CARGO_LAMBDA_VERSION="1.9.2"

stage "python tools (.venv): moto[server] ${MOTO_VERSION}, cfn-lint ${CFN_LINT_VERSION}, aws-sam-cli ${SAM_CLI_VERSION}, cargo-lambda ${CARGO_LAMBDA_VERSION}"
[ -x .venv/bin/pip ] || python3 -m venv .venv
want() { .venv/bin/pip show "$1" 2>/dev/null | grep -q "^Version: $2$" || echo "$3"; }
missing="$(want moto "$MOTO_VERSION" "moto[server]==${MOTO_VERSION}") $(want cfn-lint "$CFN_LINT_VERSION" "cfn-lint==${CFN_LINT_VERSION}") $(want aws-sam-cli "$SAM_CLI_VERSION" "aws-sam-cli==${SAM_CLI_VERSION}") $(want cargo-lambda "$CARGO_LAMBDA_VERSION" "cargo-lambda==${CARGO_LAMBDA_VERSION}")"
if [ -n "${missing// /}" ]; then
  # shellcheck disable=SC2086 # one word per package
  .venv/bin/pip install --quiet --disable-pip-version-check $missing
fi
export MOTO_SERVER="$PWD/.venv/bin/moto_server"

stage "template checks: cfn-lint, sam validate --lint"
.venv/bin/cfn-lint template.yaml
SAM_CLI_TELEMETRY=0 .venv/bin/sam validate --lint --template template.yaml

stage "rust components"
for component in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^${component}" || rustup component add "${component}"
done

stage "cargo fmt --check"
cargo fmt --all -- --check

stage "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

stage "cargo test"
cargo test --workspace --locked

stage "lambda smoke tests: each function's binary under cargo lambda watch, real AWS events, moto + emulator"
cargo build --workspace --bins --locked
.venv/bin/python tests/smoke/lambda_smoke.py

stage "sam build: the deployed arm64 artifacts, built as AWS SAM builds them, and that they unwind on panic"
rustup target list --installed 2>/dev/null | grep -qx aarch64-unknown-linux-gnu || rustup target add aarch64-unknown-linux-gnu
PATH="$PWD/.venv/bin:$PATH" SAM_CLI_TELEMETRY=0 .venv/bin/sam build --template template.yaml
bash scripts/check-unwind.sh .aws-sam/build
stage "all passed"
