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

echo
echo "== PINN lab: training steps/s on the FTE (native, wasm in Node, PyTorch and JAX-jit peers; one core each), time to accuracy"
# Peers: PyTorch eager double-backward (the paper's framework) and JAX with jit (the stronger one).
# PyPI's torch brings its CUDA libraries (~4 GB; they are needed even to import it on the CPU), so it
# installs here, into target/, only when make bench runs; if that fails the JAX peer still runs.
if ! "$venv/bin/python" -c 'import jax' 2>/dev/null; then
  "$venv/bin/pip" install -q 'jax[cpu]'
fi
if ! "$venv/bin/python" -c 'import torch' 2>/dev/null; then
  "$venv/bin/pip" install -q torch || echo "(PyTorch did not install; the JAX peer runs alone)"
fi
torch_peer=(true)
"$venv/bin/python" -c 'import torch' 2>/dev/null && torch_peer=("${venv}/bin/python" crate/benches/pinn_torch.py)
one_core=()
command -v taskset >/dev/null && one_core=(taskset -c 0)
{
  "${one_core[@]}" cargo bench -q -p deltaf --bench pinn_train 2>/dev/null
  "${one_core[@]}" node tests/bench/pinn-wasm.mjs
  "${one_core[@]}" "$venv/bin/python" crate/benches/pinn_peer.py
  "${one_core[@]}" "${torch_peer[@]}"
} | tee "$out/pinn.jsonl"
BENCH_COMMIT="$(git rev-parse --short HEAD)" node tests/bench/pinn-summary.mjs "$out/pinn.jsonl" "$out/pinn.json"
