// The SVGD step benchmark as a table: ms per step of each implementation and its speed-up over
// NumPy doing the same update (and over the classic svgd.py), plus the targets at N = 4096
// (native ≥ 20×, wasm ≥ 8× NumPy). Writes target/bench/particles.json. Never asserts: a benchmark.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const rows = readFileSync(input, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
const impls = ['rust-native', 'rust-wasm-node', 'webgpu-chromium', 'numpy', 'numpy-classic'].filter((i) => rows.some((r) => r.impl === i));
const find = (impl, n) => rows.find((r) => r.impl === impl && r.n === n);
const ratio = (a, b) => (a && b ? Number((b / a).toFixed(2)) : null);
const table = sizes.map((n) => {
  const numpy = find('numpy', n)?.ms;
  const classic = find('numpy-classic', n)?.ms;
  const entry = { n };
  for (const impl of impls) {
    const ms = find(impl, n)?.ms ?? null;
    entry[impl] = { ms, speedup_vs_numpy: ratio(ms, numpy), speedup_vs_numpy_classic: ratio(ms, classic) };
  }
  return entry;
});
const at4096 = table.find((e) => e.n === 4096);
const targets = at4096 && {
  n: 4096,
  native_vs_numpy: at4096['rust-native']?.speedup_vs_numpy ?? null,
  native_target: 20,
  wasm_vs_numpy: at4096['rust-wasm-node']?.speedup_vs_numpy ?? null,
  wasm_target: 8,
};
const meta = {
  step: 'one SVGD step, 2D reference Gaussian, median-heuristic bandwidth (256-particle subsample, every 10 steps), metrics off',
  numpy: 'crate/benches/svgd_numpy.py: the same update; numpy-classic = svgd.py with the full median every step',
  native_simd: rows.find((r) => r.impl === 'rust-native')?.simd ?? null,
  numpy_version: rows.find((r) => r.version)?.version ?? null,
  webgpu_adapter: rows.find((r) => r.adapter)?.adapter ?? null,
};
writeFileSync(output, JSON.stringify({ ...meta, targets, table }, null, 2));
console.log(`\n${'n'.padStart(6)}  ${impls.map((i) => i.padStart(24)).join('')}`);
for (const e of table) {
  const cells = impls.map((i) => {
    const c = e[i];
    if (c.ms === null) return '—'.padStart(24);
    return (i.startsWith('numpy') ? `${c.ms.toFixed(2)} ms` : `${c.ms.toFixed(2)} ms (×${c.speedup_vs_numpy})`).padStart(24);
  });
  console.log(`${String(e.n).padStart(6)}  ${cells.join('')}`);
}
console.log('(×k = NumPy time for the same update / this time)');
if (targets) {
  const mark = (v, t) => (v === null ? 'not measured' : `${v}× (target ≥ ${t}×: ${v >= t ? 'met' : 'NOT met'})`);
  console.log(`N = 4096: native ${mark(targets.native_vs_numpy, 20)}, wasm ${mark(targets.wasm_vs_numpy, 8)}`);
}
if (meta.webgpu_adapter) console.log(`webgpu-chromium ran on: ${meta.webgpu_adapter}`);
console.log(`written: ${output}`);
