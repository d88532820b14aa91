#!/usr/bin/env bash
# `make bench`: speed, measured side by side with the peers in one run and reported as ratios
# (never asserted in tests). Writes target/bench/*.json. NumPy installs into target/bench-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench
mkdir -p "$out"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"

venv=target/bench-venv
if ! "$venv/bin/python" -c 'import numpy, scipy' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'numpy>=2,<3' 'scipy>=1.13,<2'
fi

echo "== RBF pair sums with gradients (2D, h = 0.5): ms per call, median"
{
  cargo bench -q -p deltaf --bench rbf_kernel 2>/dev/null
  node tests/bench/rbf-wasm.mjs
  "$venv/bin/python" crate/benches/rbf_numpy.py
} | tee "$out/rbf_kernel.jsonl"
node tests/bench/summarize.mjs "$out/rbf_kernel.jsonl" "$out/rbf_kernel.json"

echo
echo "== Particle lab: one SVGD step (ms, median), native / wasm in Node / WebGPU in headless Chromium / NumPy"
{
  cargo bench -q -p deltaf --bench particles_step 2>/dev/null
  node tests/bench/particles-wasm.mjs
  node tests/bench/particles-webgpu.mjs || echo '{"impl":"webgpu-chromium","n":0,"ms":null,"note":"Chromium run failed"}'
  "$venv/bin/python" crate/benches/svgd_numpy.py
} | tee "$out/particles.jsonl"
node tests/bench/summarize-particles.mjs "$out/particles.jsonl" "$out/particles.json"

echo
echo "== Neural core: training steps per second (forward jets + reverse pass + Adam), native"
cargo bench -q -p deltaf --bench nn_train_step 2>/dev/null | tee "$out/nn_train_step.txt"

echo
echo "== Expression engine: compiled tape throughput, native"
cargo bench -q -p deltaf --bench expr_throughput 2>/dev/null | tee "$out/expr_throughput.txt"
