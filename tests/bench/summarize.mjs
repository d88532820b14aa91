// Turns the benchmark's JSON lines into a table of ms and speed-ups over NumPy, and a JSON file.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const rows = readFileSync(input, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
const impls = [...new Set(rows.map((r) => r.impl))];
const ms = (impl, n) => rows.find((r) => r.impl === impl && r.n === n)?.ms;
const table = sizes.map((n) => {
  const numpy = ms('numpy', n);
  const entry = { n };
  for (const impl of impls) {
    const t = ms(impl, n);
    entry[impl] = { ms: t, speedup_vs_numpy: t && numpy ? Number((numpy / t).toFixed(2)) : null };
  }
  return entry;
});
const gpu = rows.find((r) => r.adapter);
writeFileSync(output, JSON.stringify({ kernel: 'rbf_pair_sum 2D', adapter: gpu?.adapter ?? null, table }, null, 2));
console.log(`\n${'n'.padStart(6)}  ${impls.map((i) => i.padStart(22)).join('')}`);
for (const e of table) {
  const cells = impls.map((i) => {
    const c = e[i];
    return (c.ms === undefined ? '—' : `${c.ms.toFixed(2)} ms${i === 'numpy' ? '' : ` (×${c.speedup_vs_numpy})`}`).padStart(22);
  });
  console.log(`${String(e.n).padStart(6)}  ${cells.join('')}`);
}
if (gpu) console.log(`wgsl-native ran on: ${gpu.adapter} (lavapipe is a CPU emulation of a GPU)`);
console.log(`written: ${output}`);
