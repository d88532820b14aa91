// evaluateFunctional, functionalPresets and fitDrawnFunction from Node: every preset, every method.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import deltaf from './load.mjs';

const { evaluateFunctional, functionalPresets, fitDrawnFunction, LabRunner, labSchema } = deltaf;

const specOf = (p, method, extra = {}) => ({
  lagrangian: p.params.lagrangian,
  u: p.params.u,
  domain: [p.params.a, p.params.b],
  points: p.params.points,
  boundary: p.params.boundary,
  method,
  basis: p.params.basis,
  degree: p.params.degree,
  ...extra,
});

/** max |a − b| / max |b| over x in the interior window (10% off non-periodic ends). */
function interiorError(x, a, b, [lo, hi], periodic) {
  const margin = periodic ? 0 : 0.1 * (hi - lo);
  let e = 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lo + margin || x[i] > hi - margin) continue;
    e = Math.max(e, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return e / (s || 1);
}

test('presets are listed with parameters the lab schema accepts', () => {
  const presets = functionalPresets();
  const ids = presets.map((p) => p.id);
  for (const id of ['dirichlet', 'ginzburg-landau', 'entropy', 'arc-length', 'bending', 'kdv', 'thomas-fermi', 'neural-linear', 'neural-cubic']) {
    assert.ok(ids.includes(id), id);
  }
  const names = new Set(labSchema('functional').map((s) => s.name));
  for (const p of presets) for (const k of Object.keys(p.params)) assert.ok(names.has(k), `${p.id}.${k}`);
});

for (const p of functionalPresets()) {
  test(`preset ${p.id}: three methods agree, x grid and value as documented`, () => {
    const periodic = p.params.boundary === 'periodic';
    const results = Object.fromEntries(['symbolic', 'discrete', 'cylindrical'].map((m) => [m, evaluateFunctional(specOf(p, m))]));
    const { x } = results.symbolic;
    assert.ok(x instanceof Float64Array);
    assert.equal(x.length, p.params.points);
    assert.equal(x[0], p.params.a);
    if (periodic) assert.ok(x.at(-1) < p.params.b);
    else assert.equal(x.at(-1), p.params.b);
    for (const r of Object.values(results)) {
      assert.ok(Number.isFinite(r.value));
      assert.equal(r.value, results.symbolic.value, 'value does not depend on the method');
      assert.ok(r.formula.length > 0 && r.latex.length > 0);
    }
    const dom = [p.params.a, p.params.b];
    const ed = interiorError(x, results.discrete.derivative, results.symbolic.derivative, dom, periodic);
    const ec = interiorError(x, results.cylindrical.derivative, results.symbolic.derivative, dom, periodic);
    assert.ok(ed < 1e-2, `discrete vs symbolic ${ed}`);
    assert.ok(ec < 1e-6, `cylindrical vs symbolic ${ec}`);
    assert.ok(results.cylindrical.derivativeRaw instanceof Float64Array);
  });
}

test('reference values of science.md (neural functional tests)', () => {
  const u = '0.3*x^2 - 0.7*x + 0.5';
  const base = { u, domain: [-1, 1], points: 100, boundary: 'free', method: 'symbolic' };
  const fl = evaluateFunctional({ ...base, lagrangian: 'x^2*u' });
  const fnl = evaluateFunctional({ ...base, lagrangian: 'u^3' });
  assert.ok(Math.abs(fl.value - 0.4533333333333333) < 1e-12, String(fl.value));
  assert.ok(Math.abs(fnl.value - 1.1281143) < 1e-7, String(fnl.value));
  assert.equal(fl.formula, 'x^2');
  // δF_nl/δu = 3u² at the grid points
  const d = fnl.derivative;
  fnl.u.forEach((ui, i) => assert.ok(Math.abs(d[i] - 3 * ui * ui) < 1e-12));
});

test('drawn u (samples) works, with spectral derivatives on periodic power-of-two grids', () => {
  const n = 128;
  const x = Float64Array.from({ length: n }, (_, i) => i / n);
  const u = x.map((t) => Math.sin(2 * Math.PI * t));
  const r = evaluateFunctional({ lagrangian: '0.5*u_x^2', u, domain: [0, 1], points: n, boundary: 'periodic', method: 'symbolic' });
  r.derivative.forEach((d, i) => assert.ok(Math.abs(d - 4 * Math.PI ** 2 * u[i]) < 1e-9));
  assert.ok(Math.abs(r.value - Math.PI ** 2) < 1e-10);
});

test('parse errors throw with the span; bad fields are named', () => {
  const base = { u: 'sin(x)', domain: [0, 1], points: 64, boundary: 'free', method: 'symbolic' };
  assert.throws(() => evaluateFunctional({ ...base, lagrangian: 'sinn(u) + u_x^2' }), (e) => {
    assert.match(e.message, /unknown function 'sinn' at 0\.\.4/);
    assert.deepEqual(e.span, [0, 4]);
    assert.equal(e.param, 'lagrangian');
    return true;
  });
  assert.throws(() => evaluateFunctional({ ...base, lagrangian: '(u + 1' }), (e) => Array.isArray(e.span) && /expected '\)'/.test(e.message));
  assert.throws(() => evaluateFunctional({ ...base, lagrangian: 'u', u: 'sin(y)' }), (e) => e.param === 'u' && /unknown variable 'y'/.test(e.message));
  assert.throws(() => evaluateFunctional({ ...base, lagrangian: 'u', method: 'magic' }), /method must be symbolic, discrete or cylindrical/);
  assert.throws(() => evaluateFunctional({ ...base, lagrangian: 'u', domain: [1, 0] }), /a < b/);
  assert.throws(() => evaluateFunctional({ ...base, lagrangian: 'u', points: 'many' }), /'points' must be a number/);
});

test('numeric failures name the operation and the place', () => {
  const base = { domain: [0, 1], points: 64, boundary: 'free', method: 'symbolic' };
  assert.throws(() => evaluateFunctional({ ...base, lagrangian: 'ln(u)', u: 'x - 0.5' }), (e) => /ln/.test(e.message) && /x = /.test(e.message) && e.kind === 'numeric');
  assert.throws(() => evaluateFunctional({ ...base, lagrangian: '1/u', u: 'x' }), (e) => /division by zero|not finite|infinite/i.test(e.message));
  assert.throws(() => evaluateFunctional({ ...base, lagrangian: 'exp(u)', u: '1000*x' }), (e) => /overflow|exp/.test(e.message));
});

test('limits are enforced: N ≤ 65 536, m ≤ 256, expressions ≤ 2 000 characters', () => {
  const base = { lagrangian: 'u^2', u: 'x', domain: [0, 1], boundary: 'free' };
  assert.throws(() => evaluateFunctional({ ...base, points: 65537, method: 'symbolic' }), /from 8 to 65536/);
  assert.ok(evaluateFunctional({ ...base, points: 65536, method: 'discrete' }).derivative.length === 65536);
  assert.throws(() => evaluateFunctional({ ...base, points: 64, method: 'cylindrical', degree: 257 }), /from 1 to 256/);
  assert.throws(() => evaluateFunctional({ ...base, lagrangian: 'u+'.repeat(1001) + 'u', points: 64, method: 'symbolic' }), /limit is 2000/);
  assert.throws(() => evaluateFunctional({ ...base, points: 64, method: 'cylindrical', basis: 'fourier' }), /Fourier basis needs a periodic boundary/);
});

test('fitDrawnFunction turns a drawing into an expression the lab accepts', () => {
  const x = Array.from({ length: 100 }, (_, i) => i / 99);
  const y = x.map((t) => t * (1 - t) * 4);
  const text = fitDrawnFunction({ x, y, domain: [0, 1], periodic: false, degree: 6 });
  assert.equal(typeof text, 'string');
  const r = new LabRunner('functional', { u: text, boundary: 'dirichlet', basis: 'legendre' }, 1);
  const u = r.snapshot().arrays.u.data;
  const xs = r.snapshot().arrays.x.data;
  xs.forEach((t, i) => assert.ok(Math.abs(u[i] - 4 * t * (1 - t)) < 1e-3));
  assert.throws(() => fitDrawnFunction({ x: [0.5], y: [1], domain: [0, 1] }), /2 to 100000 points/);
});

test('the lab runs a Hamiltonian flow (KdV) and reports the energy drift', () => {
  const kdv = functionalPresets().find((p) => p.id === 'kdv');
  const r = new LabRunner('functional', kdv.params, 1);
  r.step(100);
  const m = r.metrics();
  assert.ok(Math.abs(m.time - 1) < 1e-12);
  assert.ok(m.energy_drift < 1e-6, String(m.energy_drift));
  const s = r.snapshot();
  assert.ok(s.curves.energy.x.length === 101 && s.curves.energy_drift.y.length === 100);
  assert.match(s.texts.derivative_latex, /u/);
  r.free();
});
