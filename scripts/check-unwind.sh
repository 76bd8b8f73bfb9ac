#!/usr/bin/env bash
# Checks that every artifact `sam build` produced unwinds on panic (so lambda_runtime turns a
# handler panic into an invocation error instead of the runtime aborting).
#
# The binaries are stripped, so the check reads the panic runtime linked in from its strings:
# a `panic = "abort"` build links `panic_abort` (its source path is embedded), an unwinding build
# links `panic_unwind`, whose "Rust cannot catch foreign exceptions" abort message is embedded.
# Both markers were confirmed on `cargo lambda build --release --arm64` builds of a two-line crate
# with each setting.
set -euo pipefail
build_dir="${1:-.aws-sam/build}"
found=0
for bootstrap in "$build_dir"/*/bootstrap; do
  [ -f "$bootstrap" ] || continue
  found=$((found + 1))
  if grep -aq "library/panic_abort/src/lib.rs" "$bootstrap"; then
    echo "FAIL $bootstrap links panic_abort: a handler panic would kill the runtime" >&2
    exit 1
  fi
  if ! grep -aq "Rust cannot catch foreign exceptions" "$bootstrap"; then
    echo "FAIL $bootstrap: no panic_unwind runtime found" >&2
    exit 1
  fi
  echo "ok   $bootstrap unwinds on panic ($(stat -c %s "$bootstrap") bytes)"
done
if [ "$found" -eq 0 ]; then
  echo "FAIL no bootstrap under $build_dir: did sam build run?" >&2
  exit 1
fi
