// Turns the pinn benchmark's JSON lines into target/bench/pinn.json: steps/s of every
// implementation with its ratio to each peer, and the time-to-accuracy table.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const rows = readFileSync(input, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const speed = rows.filter((r) => r.kind === 'speed');
const peers = speed.filter((r) => r.impl.startsWith('jax') || r.impl.startsWith('pytorch'));
const ours = speed.filter((r) => r.impl.startsWith('rust'));
const table = ours.map((r) => ({
  impl: r.impl,
  steps_per_s: r.steps_per_s,
  ratio_to: Object.fromEntries(peers.map((p) => [p.impl, Number((r.steps_per_s / p.steps_per_s).toFixed(2))])),
}));
const accuracy = rows.filter((r) => r.kind === 'accuracy');
const commit = process.env.BENCH_COMMIT ?? null;
writeFileSync(output, JSON.stringify({ case: speed[0]?.case ?? null, commit, speed: [...ours, ...peers], ratios: table, accuracy }, null, 2));
console.log('\nsteps/s (one core):');
for (const r of [...ours, ...peers]) console.log(`  ${r.impl.padEnd(30)} ${String(r.steps_per_s).padStart(9)}`);
for (const t of table) console.log(`  ${t.impl} / peers: ${JSON.stringify(t.ratio_to)}`);
console.log('time to accuracy (native, one core):');
for (const a of accuracy) {
  console.log(`  ${a.case}: ${a.measure} ${a.final_error} after ${a.final_steps} steps; target ${a.target} ${a.reached ? `reached in ${a.seconds_to_target} s (${a.steps_to_target} steps)` : 'NOT reached'}`);
}
console.log(`written: ${output}`);
