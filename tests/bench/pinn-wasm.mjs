// The pinn lab's training step in WebAssembly (Node, +simd128): the same FTE case as
// crate/benches/pinn_train.rs, through the public LabRunner API. One JSON object per line.
import deltaf from '../api/load.mjs';

const params = { equation: 'fte-linear', degree: 10, width: 64, depth: 3, batch: 256, lr: 1e-3, eval_every: 10000, total_steps: 1000000 };
const r = new deltaf.LabRunner('pinn', params, 1);
r.step(20);
let best = 0;
for (let w = 0; w < 6; w++) {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 500) {
    r.step(10);
    n += 10;
  }
  best = Math.max(best, n / ((performance.now() - t0) / 1e3));
}
console.log(JSON.stringify({ kind: 'speed', impl: 'rust-wasm-node', case: 'fte-linear D=10, tanh 3x64, B=256, exact J0 + tN', precision: 'f64', steps_per_s: Number(best.toFixed(1)) }));
r.free();
