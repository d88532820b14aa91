// The JS API of pkg/ from Node: the contract course pages and scripts rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import deltaf from './load.mjs';

const { listLabs, labSchema, LabRunner, gpuInfo, gpuSelfTest } = deltaf;

test('listLabs returns id, title and summary for every lab', () => {
  const labs = listLabs();
  assert.ok(labs.length >= 1);
  for (const lab of labs) {
    assert.deepEqual(Object.keys(lab).sort(), ['id', 'summary', 'title']);
    assert.match(lab.id, /^[a-z0-9-]+$/);
  }
  assert.ok(labs.some((l) => l.id === 'repulsion'));
});

test('labSchema describes every parameter with a kind, a default and help', () => {
  for (const { id } of listLabs()) {
    for (const spec of labSchema(id)) {
      assert.ok(['number', 'int', 'bool', 'choice', 'expression'].includes(spec.kind), spec.kind);
      assert.ok(spec.help.length > 10, `${id}.${spec.name} help`);
      if (spec.kind === 'number' || spec.kind === 'int') {
        assert.ok(spec.min <= spec.default && spec.default <= spec.max, `${id}.${spec.name} default in range`);
      }
      if (spec.kind === 'choice') assert.ok(spec.choices.includes(spec.default));
    }
  }
  assert.throws(() => labSchema('nope'), /unknown lab 'nope'; known labs: .*repulsion/);
});

test('unknown parameter names throw an Error listing them', () => {
  assert.throws(
    () => new LabRunner('repulsion', { nn: 5, bandwith: 1 }, 1),
    (e) => e instanceof Error && /'nn'/.test(e.message) && /'bandwith'/.test(e.message) && e.kind === 'input',
  );
});

test('out-of-range values are clamped and reported by warnings()', () => {
  const r = new LabRunner('repulsion', { n: 1e9, dt: -3, strength: '2.5' }, 1);
  assert.equal(r.params().n, 65536);
  assert.equal(r.params().dt, 1e-4);
  assert.equal(r.params().strength, 2.5);
  const w = r.warnings();
  assert.equal(w.length, 2);
  assert.match(w[0], /n = 1000000000 is outside \[16, 65536\]; using 65536/);
  r.free();
});

test('wrong types and bad values name the parameter', () => {
  assert.throws(() => new LabRunner('repulsion', { dt: 'abc' }, 1), (e) => e.param === 'dt' && /expects a number/.test(e.message));
  assert.throws(() => new LabRunner('repulsion', { init: 'blob' }, 1), /must be one of gaussian, square, ring/);
  assert.throws(() => new LabRunner('repulsion', { n: {} }, 1), /'n' must be a number, boolean or string/);
  assert.throws(() => new LabRunner('repulsion', {}, -1), /seed must be a whole number/);
  assert.throws(() => new LabRunner('repulsion', {}, 1.5), /seed/);
});

test('step, metrics and snapshot', () => {
  const r = new LabRunner('repulsion', { n: 128 }, 3);
  r.step(4);
  const m = r.metrics();
  assert.equal(m.steps, 4);
  assert.equal(m.device, 'cpu');
  for (const name of ['steps_per_second', 'energy', 'mean_radius', 'time']) assert.equal(typeof m[name], 'number', name);
  const s = r.snapshot();
  assert.equal(s.step, 4);
  assert.ok(s.arrays.points.data instanceof Float32Array);
  assert.deepEqual(s.arrays.points.shape, [128, 2]);
  assert.ok(s.curves.energy.x instanceof Float64Array);
  assert.equal(s.curves.energy.x.length, 4);
  assert.ok(s.values.extent >= 1.2 * s.values.predicted_radius);
  assert.throws(() => r.step(1e9), /step count must be a whole number from 0 to 100000/);
  assert.throws(() => r.step(-1), /step count/);
  assert.deepEqual(r.device(), { device: 'cpu', adapter: '', reason: 'no GPU requested' });
  r.free();
});

test('the same seed reproduces a run bit for bit; another seed does not', () => {
  const run = (seed) => {
    const r = new LabRunner('repulsion', { n: 64, init: 'square' }, seed);
    r.step(10);
    const points = Array.from(r.snapshot().arrays.points.data);
    r.free();
    return points;
  };
  assert.deepEqual(run(42), run(42));
  assert.notDeepEqual(run(42), run(43));
  // Seeds beyond 2^53 travel as BigInt or decimal strings.
  assert.equal(new LabRunner('repulsion', {}, 18446744073709551615n).seed(), '18446744073709551615');
  assert.equal(new LabRunner('repulsion', {}, '123').seed(), '123');
});

test('stepAsync without a GPU runs on the CPU', async () => {
  const r = new LabRunner('repulsion', { n: 32 }, 1);
  const info = await r.useGpu();
  assert.equal(info.available, false);
  assert.match(info.reason, /no navigator\.gpu/);
  await r.stepAsync(2);
  assert.equal(r.metrics().steps, 2);
  assert.equal(r.metrics().device, 'cpu');
});

test('gpuInfo in Node says why there is no GPU', async () => {
  const info = await gpuInfo();
  assert.deepEqual(Object.keys(info).sort(), ['adapter', 'available', 'backend', 'fallback', 'reason']);
  assert.equal(info.available, false);
  assert.match(info.reason, /WebGPU is not available/);
});

test('gpuSelfTest runs the CPU path and checks it against the f64 reference', async () => {
  const report = await gpuSelfTest(512);
  assert.equal(report.n, 512);
  assert.equal(report.gpuMs, null);
  assert.equal(report.maxRelError, null);
  assert.ok(report.cpuMs > 0);
  assert.ok(report.cpuMaxRelError < 1e-5, String(report.cpuMaxRelError));
  await assert.rejects(gpuSelfTest(1e9), /step count|size/);
});
