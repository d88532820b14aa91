// One SVGD step of the `particles` lab in WebAssembly (Node, +simd128, the CPU path a browser
// without WebGPU runs), timed like crate/benches/particles_step.rs: median ms per step over at
// least 5 steps and ~1 s, metrics off. One JSON object per line.
import deltaf from '../api/load.mjs';

const sizes = (process.env.BENCH_SIZES ?? '256,1024,4096,16384').split(',').map(Number);
for (const n of sizes) {
  const r = new deltaf.LabRunner('particles', { algorithm: 'svgd', target: 'gaussian', n, step: 0.05, metrics_every: 100000 }, 1);
  r.step(1);
  const times = [];
  const start = performance.now();
  while (times.length < 5 || (performance.now() - start < 1000 && times.length < 200)) {
    const t = performance.now();
    r.step(1);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  r.free();
  console.log(JSON.stringify({ impl: 'rust-wasm-node', n, ms: Number(times[times.length >> 1].toFixed(4)) }));
}
