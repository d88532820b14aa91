// The CPU path of the RBF pair sums in WebAssembly (Node, +simd128), timed by the core's own
// self-test (median of 3 calls after the f64 reference is computed). One JSON object per line.
import '../api/load.mjs';
import deltaf from '../api/load.mjs';

const sizes = (process.env.BENCH_SIZES ?? '256,1024,4096,16384').split(',').map(Number);
for (const n of sizes) {
  const report = await deltaf.gpuSelfTest(n);
  console.log(JSON.stringify({ impl: 'rust-wasm-node', n, ms: Number(report.cpuMs.toFixed(4)) }));
}
