#!/usr/bin/env bash
# Runs every test suite of `make test`, keeps each one's log under target/test-logs/, and prints a
# table with a count per suite. All suites run even when one fails; the exit status is non-zero
# if any failed. Assumes `make setup site` has run (the Makefile's `test` target does that).
set -uo pipefail
cd "$(dirname "$0")/.."
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"
# Plain logs: the counts are read from them with regular expressions.
export NO_COLOR=1 FORCE_COLOR=0 CARGO_TERM_COLOR=never
logs=target/test-logs
mkdir -p "$logs" target/e2e
rows=()
failed=0

# count_from LOG KIND → prints "passed failed"
count_from() {
  local log=$1 kind=$2 p=0 f=0
  case $kind in
    cargo) # cargo test and wasm-bindgen-test-runner: "test result: ok. 5 passed; 0 failed"
      p=$(grep -oP 'test result: \w+\. \K\d+(?= passed)' "$log" | awk '{s+=$1} END {print s+0}')
      f=$(grep -oP 'test result: \w+\. \d+ passed; \K\d+(?= failed)' "$log" | awk '{s+=$1} END {print s+0}') ;;
    node) # node --test summary (spec or tap reporter)
      p=$(grep -oP '^(# |ℹ )pass \K\d+' "$log" | tail -1); f=$(grep -oP '^(# |ℹ )fail \K\d+' "$log" | tail -1) ;;
    vitest)
      p=$(grep -oP 'Tests\s+(\d+ failed \| )?\K\d+(?= passed)' "$log" | tail -1); f=$(grep -oP 'Tests\s+\K\d+(?= failed)' "$log" | tail -1) ;;
    lint) p=0; f=0 ;;
  esac
  echo "${p:-0} ${f:-0}"
}

# suite NAME KIND UNIT COMMAND... : UNIT describes what a lint suite counts
suite() {
  local name=$1 kind=$2 unit=$3; shift 3
  local log="$logs/$name.log" start=$SECONDS status
  echo "=== $name: $*"
  "$@" >"$log" 2>&1
  status=$?
  local secs=$((SECONDS - start)) counts p f
  counts=$(count_from "$log" "$kind"); p=${counts% *}; f=${counts#* }
  if [ "$kind" = lint ]; then
    p=$(eval "$unit" 2>/dev/null || echo 0)
  fi
  if [ $status -ne 0 ]; then
    failed=1
    tail -n 40 "$log"
    echo "--- $name FAILED (exit $status); full log: $log"
    rows+=("$(printf '%-22s %-6s %6s passed %4s failed %5ss' "$name" FAIL "$p" "$f" "$secs")")
  elif [ "$kind" != lint ] && [ "$p" -eq 0 ]; then
    failed=1
    echo "--- $name ran no tests: that hides failures; see $log"
    rows+=("$(printf '%-22s %-6s %6s passed %4s failed %5ss' "$name" EMPTY "$p" "$f" "$secs")")
  else
    rows+=("$(printf '%-22s %-6s %6s %s %5ss' "$name" ok "$p" "$([ "$kind" = lint ] && echo "files clean  " || echo "passed   0 failed")" "$secs")")
  fi
}

rs_files='git ls-files "*.rs" | wc -l'
ts_files='git ls-files "*.ts" | wc -l'

suite fmt lint "$rs_files" cargo fmt --all -- --check
suite clippy-native lint "$rs_files" cargo clippy --workspace --all-targets --features gpu-tests -- -D warnings
suite clippy-wasm32 lint "$rs_files" cargo clippy -p deltaf --lib --tests --target wasm32-unknown-unknown -- -D warnings
suite cargo-test cargo - cargo test --workspace
suite gpu-parity-lavapipe cargo - cargo test -p deltaf --features gpu-tests --test gpu_parity
suite wasm-chrome-webgpu cargo - env DELTAF_EXPECT_WEBGPU=1 WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/crate/webdriver-webgpu.json" \
  wasm-pack test --headless --chrome crate --test web
suite wasm-chrome-cpu cargo - env DELTAF_EXPECT_WEBGPU=0 WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/crate/webdriver-cpu.json" \
  wasm-pack test --headless --chrome crate --test web
suite tsc-strict lint "$ts_files" npm run --silent typecheck
suite vitest vitest - npm run --silent test:unit
suite node-api node - node --test tests/api/
suite playwright-e2e node - node --test --test-concurrency=1 tests/e2e/

echo
echo "suite                  status  count"
printf '%s\n' "${rows[@]}"
echo "screenshots: target/e2e/   logs: $logs/"
exit $failed
