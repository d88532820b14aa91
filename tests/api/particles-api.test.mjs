// The particle samplers lab through the JS API of pkg/ from Node (no WebGPU here: the CPU path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import deltaf from './load.mjs';

const { labSchema, LabRunner, listLabs } = deltaf;

test('the particles lab is listed and its schema documents every parameter', () => {
  assert.ok(listLabs().some((l) => l.id === 'particles'));
  const schema = labSchema('particles');
  const names = schema.map((s) => s.name);
  for (const name of ['target', 'algorithm', 'compare', 'n', 'step', 'optimizer', 'bandwidth', 'noise', 'sigma',
    'logdensity', 'potential', 'interaction', 'mixture_k', 'metrics_every', 'device']) {
    assert.ok(names.includes(name), name);
  }
  const algorithm = schema.find((s) => s.name === 'algorithm');
  assert.deepEqual(algorithm.choices, ['ula', 'mala', 'svgd', 'kde-wgd', 'sge-wgd', 'ssge-wgd', 'mfld']);
  assert.match(schema.find((s) => s.name === 'bandwidth').help, /median heuristic.*256.*every 10 steps/);
  const n = schema.find((s) => s.name === 'n');
  assert.deepEqual([n.min, n.max], [16, 65536]);
});

test('SVGD with 100 particles on the reference Gaussian converges (wasm CPU path)', () => {
  const r = new LabRunner('particles', { target: 'gaussian', algorithm: 'svgd', n: 100, step: 0.1 }, 1);
  r.step(3000);
  const m = r.metrics();
  assert.equal(m.device, 'cpu');
  assert.equal(m.steps, 3000);
  assert.ok(m.steps_per_second > 0);
  assert.ok(m.mean_error < 0.05, `mean error ${m.mean_error}`);
  assert.ok(m.cov_error < 0.15, `cov error ${m.cov_error}`);
  for (const name of ['mmd', 'mmd2_unbiased', 'ksd', 'free_energy', 'bandwidth']) assert.ok(Number.isFinite(m[name]), name);
  r.free();
});

test('the snapshot follows the ParticlesSnapshot contract', () => {
  const r = new LabRunner('particles', { algorithm: 'mala', compare: 'svgd', n: 64, metrics_every: 2 }, 3);
  r.step(4);
  const s = r.snapshot();
  for (const name of ['points', 'points_b', 'velocity', 'velocity_b']) {
    assert.ok(s.arrays[name].data instanceof Float32Array, name);
    assert.deepEqual(s.arrays[name].shape, [64, 2], name);
  }
  assert.deepEqual(s.arrays.density.shape, [128, 128]);
  for (const name of ['marginal_x', 'marginal_y', 'marginal_x_b', 'target_marginal_x']) assert.deepEqual(s.arrays[name].shape, [64]);
  for (const name of ['mmd', 'ksd', 'mean_error', 'cov_error', 'free_energy', 'mmd_b']) {
    assert.deepEqual(Array.from(s.curves[name].x), [0, 2, 4], name);
  }
  for (const name of ['x0', 'x1', 'y0', 'y1', 'extent', 'metrics_every', 'acceptance']) assert.equal(typeof s.values[name], 'number', name);
  assert.equal(s.texts.algorithm, 'MALA');
  assert.equal(s.texts.algorithm_b, 'SVGD');
  assert.match(s.texts.compute, /CPU/);
  const m = r.metrics();
  for (const name of ['mmd_b', 'ksd_b', 'mean_error_b', 'cov_error_b', 'acceptance']) assert.equal(typeof m[name], 'number', name);
  r.free();
});

test('a typed log-density that fails to parse throws with the span and the parameter', () => {
  assert.throws(
    () => new LabRunner('particles', { target: 'typed', logdensity: '-(x^2 + y^2)/2 + sinn(x)' }, 1),
    (e) => e.kind === 'input' && e.param === 'logdensity' && e.span[0] === 17 && e.span[1] === 21,
  );
});

test('a non-finite gradient rejects the step, names particles and step, and keeps the state', () => {
  const r = new LabRunner('particles', { target: 'typed', logdensity: '-(x^2 + y^2)/2 + ln(x + 3)', algorithm: 'ula', step: 1, noise: 2, n: 64 }, 3);
  let error = null;
  for (let i = 0; i < 50 && !error; i++) {
    const before = Array.from(r.snapshot().arrays.points.data);
    try {
      r.step(1);
    } catch (e) {
      error = e;
      assert.deepEqual(Array.from(r.snapshot().arrays.points.data), before);
    }
  }
  assert.ok(error, 'a particle crossed x = -3');
  assert.equal(error.kind, 'numeric');
  assert.equal(error.param, 'logdensity');
  assert.match(error.message, /ln of a negative number at particle \d+ .* at step \d+; the step was rejected and the run paused/);
  r.free();
});

test('limits are enforced and reported in warnings()', () => {
  const r = new LabRunner('particles', { algorithm: 'sge-wgd', n: 4096 }, 1);
  assert.deepEqual(r.snapshot().arrays.points.shape, [1024, 2]);
  assert.ok(r.warnings().some((w) => /reduced to 1024/.test(w)), r.warnings().join('; '));
  assert.throws(() => new LabRunner('particles', { algorithm: 'hmc' }, 1), (e) => e.param === 'algorithm');
  r.free();
});

test('useGpu in Node leaves the lab on the CPU with the reason', async () => {
  const r = new LabRunner('particles', { algorithm: 'svgd', n: 64 }, 1);
  const info = await r.useGpu();
  assert.equal(info.available, false);
  await r.stepAsync(3);
  assert.equal(r.metrics().device, 'cpu');
  assert.equal(r.metrics().steps, 3);
  r.free();
});
