// Tick positions and labels for linear and log axes ("nice" numbers: 1, 2, 5 × 10^k).
// Pure functions, unit-tested; the plot modules only place what these return.

export interface Ticks {
  values: number[];
  /** spacing of linear ticks (labels are formatted to match it); NaN for log ticks */
  step: number;
}

/** The nice number (1, 2, 5 × 10^k) nearest to `x` on a log scale (thresholds as in d3). */
export function niceStep(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  const f = x / p;
  const m = f >= Math.sqrt(50) ? 10 : f >= Math.sqrt(10) ? 5 : f >= Math.SQRT2 ? 2 : 1;
  return m * p;
}

/** Rounds a multiple of a nice step to the step's decimals: 3 × 0.2 is 0.6, not 0.6000000000000001. */
function snap(v: number, step: number): number {
  const d = Math.max(0, -Math.floor(Math.log10(step)));
  return d > 0 && d <= 100 ? Number(v.toFixed(d)) : v;
}

/** Padded domain with nice ends, so the data never touches the frame. */
export function niceDomain(min: number, max: number, count = 5): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const d = min === 0 ? 1 : Math.abs(min) * 0.1;
    return [min - d, max + d];
  }
  const step = niceStep((max - min) / count);
  return [snap(Math.floor(min / step) * step, step), snap(Math.ceil(max / step) * step, step)];
}

/** About `count` ticks inside [min, max]. */
export function linearTicks(min: number, max: number, count = 5): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return { values: Number.isFinite(min) ? [min] : [], step: NaN };
  const step = niceStep((max - min) / Math.max(1, count));
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const values: number[] = [];
  // Multiply rather than accumulate, then snap: no drift like 0.30000000000000004.
  for (let i = first; i <= last; i++) values.push(i === 0 ? 0 : snap(i * step, step));
  return { values, step };
}

/** Powers of ten inside [min, max] (min > 0); with 2 and 5 between them when the range is short. */
export function logTicks(min: number, max: number): Ticks {
  if (!(min > 0) || !(max > min) || !Number.isFinite(max)) return { values: [], step: NaN };
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const decades = hi - lo;
  const stride = Math.max(1, Math.ceil(decades / 6));
  const mults = decades <= 2 ? [1, 2, 5] : [1];
  const values: number[] = [];
  for (let k = lo; k <= hi; k += stride) {
    for (const m of mults) {
      const v = m * Math.pow(10, k);
      if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) values.push(Number(v.toPrecision(12)));
    }
  }
  if (values.length < 2) return linearTicks(min, max, 3);
  return { values, step: NaN };
}

/** Label for a tick: as many decimals as the step needs; exponent form for very large/small. */
export function formatTick(v: number, step: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) {
    const s = v.toExponential(Number.isFinite(step) ? Math.max(0, Math.min(3, digitsOf(v, step))) : 0);
    return s.replace(/\.?0+e/, "e").replace("e+", "e");
  }
  const decimals = Number.isFinite(step) ? Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) : Math.max(0, -Math.floor(Math.log10(a)));
  return v.toFixed(Math.min(decimals, 6));
}

function digitsOf(v: number, step: number): number {
  return Math.floor(Math.log10(Math.abs(v))) - Math.floor(Math.log10(step));
}

/** Compact number for status lines and metric read-outs (3 significant digits). */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a === 0) return "0";
  if (a >= 1e6 || a < 1e-3) return v.toExponential(2).replace("e+", "e");
  if (a >= 1000) return Math.round(v).toLocaleString("en-US");
  return Number(v.toPrecision(3)).toString();
}
