// The pinn lab through the JS API of pkg/: params, metrics, snapshot contract, limits, the exact
// solutions with the reference values of science.md §2, and reproducibility.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import deltaf from './load.mjs';

const { LabRunner, labSchema, listLabs, pinnExact } = deltaf;

const linspace = (a, b, n) => Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
const close = (got, want, tol, what) => assert.ok(Math.abs(got - want) < tol, `${what}: ${got} vs ${want}`);

test('reference values of science.md through pinnExact', () => {
  const a = linspace(-1, 1, 10);
  close(pinnExact('fte-linear', 0.5, a), -0.9683862, 5e-8, 'J linear');
  close(pinnExact('fte-spectrum15', 0.5, a), -3.3333333, 5e-8, 'J spectrum15');
  const a20 = new Float64Array(20).fill(0.05);
  close(pinnExact('bhe-delta', 1e-3, a20), -0.3211589, 5e-8, 'W_delta');
  close(pinnExact('bhe-moderate', 1e-3, [...a20]), 0.156197, 5e-8, 'W_moderate');
  close(pinnExact('burgers', 0, [0.5]), -1, 1e-12, 'u(0.5, 0)');
  assert.throws(() => pinnExact('heat', 0, [1]), (e) => e.kind === 'input' && /unknown equation 'heat'/.test(e.message));
  assert.throws(() => pinnExact('burgers', 0.5, [3]), /x in \[−1, 1\]/);
});

test('the pinn lab is listed and its schema shows the limits', () => {
  assert.ok(listLabs().some((l) => l.id === 'pinn'));
  const spec = Object.fromEntries(labSchema('pinn').map((s) => [s.name, s]));
  assert.deepEqual(spec.equation.choices, ['fte-linear', 'fte-spectrum15', 'bhe-delta', 'bhe-moderate', 'burgers']);
  assert.equal(spec.width.max, 256);
  assert.equal(spec.depth.max, 6);
  assert.equal(spec.batch.max, 4096);
  assert.equal(spec.degree.max, 20);
  for (const name of ['degree', 'width', 'depth', 'activation', 'lr', 'batch', 'schedule', 'exact_bc', 'device', 'eval_every']) assert.ok(spec[name], name);
  assert.match(spec.eval_every.help, /never every step/);
});

test('training an FDE: metrics and snapshot contract', () => {
  const r = new LabRunner('pinn', { equation: 'fte-linear', degree: 6, width: 16, depth: 2, activation: 'tanh', lr: 3e-3, batch: 64, eval_every: 50 }, 3);
  const m0 = r.metrics();
  r.step(200);
  const m = r.metrics();
  for (const name of ['loss', 'loss_residual', 'rel_l1', 'rel_l1_max', 'steps', 'steps_per_second']) assert.equal(typeof m[name], 'number', name);
  assert.equal(m.steps, 200);
  assert.equal(m.device, 'cpu');
  assert.ok(m.rel_l1 < m0.rel_l1 / 3, `rel_l1 ${m0.rel_l1} → ${m.rel_l1}`);
  const s = r.snapshot();
  assert.deepEqual([...s.curves.rel_l1.x], [0, 50, 100, 150, 200]);
  assert.equal(s.curves.loss.x.length, 20);
  assert.equal(s.curves.loss_initial, undefined, 'exact initial condition: no penalty curve');
  assert.ok(s.arrays.slice_pred.data instanceof Float64Array);
  assert.deepEqual(s.arrays.slice_exact.shape, [101]);
  assert.equal(s.values.d_in, 7);
  assert.equal(s.values.max_batch, 4096);
  assert.match(s.texts.condition_note, /J_0\(a\) \+ t/);
  assert.match(s.texts.eval_note, /10000 points, evaluated every 50 steps/);
  r.free();
});

test('burgers: heatmaps and three slices', () => {
  const r = new LabRunner('pinn', { equation: 'burgers', width: 8, depth: 2, batch: 32, eval_every: 10, exact_bc: false }, 1);
  r.step(10);
  const s = r.snapshot();
  assert.ok(s.arrays.field_pred.data instanceof Float32Array);
  assert.deepEqual(s.arrays.field_error.shape, [101, 201]);
  assert.deepEqual(s.arrays.slice_pred.shape, [3, 201]);
  assert.deepEqual([...s.arrays.slice_times.data], [0.25, 0.5, 0.75]);
  for (const c of ['loss_initial', 'loss_boundary']) assert.equal(s.curves[c].x.length, 1, c);
  assert.equal(typeof r.metrics().rel_l2, 'number');
  r.free();
});

test('limits are clamped with warnings; the same seed reproduces the run', () => {
  const r = new LabRunner('pinn', { width: 1e4, depth: 50, batch: 1e9 }, 1);
  assert.equal(r.params().width, 256);
  assert.equal(r.params().depth, 6);
  assert.equal(r.params().batch, 4096);
  assert.equal(r.warnings().length, 3);
  r.free();
  const run = (seed) => {
    const x = new LabRunner('pinn', { equation: 'bhe-delta', degree: 4, width: 8, batch: 32 }, seed);
    x.step(30);
    const loss = x.metrics().loss;
    x.free();
    return loss;
  };
  assert.equal(run(5), run(5));
  assert.notEqual(run(5), run(6));
});
