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

/** Log ticks inside [min, max] (min > 0): at most about `count` of them, from the densest of
 *  1-2-5, 1-3 or powers of ten (every decade, then every other, …) that fits. */
export function logTicks(min: number, max: number, count = 6): Ticks {
  if (!(min > 0) || !(max > min) || !Number.isFinite(max)) return { values: [], step: NaN };
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const budget = Math.max(2, count);
  const inRange = (v: number) => v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12);
  const make = (mults: number[], stride: number) => {
    const values: number[] = [];
    // Strides start from a multiple of `stride` so 10^0 stays a tick where it can.
    for (let k = Math.floor(lo / stride) * stride; k <= hi; k += stride) {
      for (const m of mults) {
        const v = Number((m * Math.pow(10, k)).toPrecision(12));
        if (inRange(v)) values.push(v);
      }
    }
    return values;
  };
  for (const mults of [[1, 2, 5], [1, 3], [1]]) {
    const values = make(mults, 1);
    if (values.length <= budget && values.length >= 2) return { values, step: NaN };
  }
  for (let stride = 2; stride <= Math.max(2, hi - lo); stride++) {
    const values = make([1], stride);
    if (values.length <= budget && values.length >= 2) return { values, step: NaN };
  }
  // Less than a decade and no 1-2-5 tick twice inside: plain linear ticks read best.
  return linearTicks(min, max, 3);
}

/** Keeps every k-th value (first one kept) so that at most `max` remain: data-placed ticks such
 *  as N = 16, 32, …, 4096 on a log axis, where labels at every point would collide. */
export function thinTicks(values: readonly number[], max: number): number[] {
  const sorted = [...new Set(values.filter((v) => Number.isFinite(v)))].sort((a, b) => a - b);
  if (sorted.length <= max) return sorted;
  const k = Math.ceil(sorted.length / Math.max(1, max));
  return sorted.filter((_, i) => i % k === 0);
}

const SUPERSCRIPT: Record<string, string> = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };

/** Label for a log-axis tick: 10⁻⁶ and 5·10⁻⁶ far from 1, plain decimals (0.01, 200) near it. */
export function formatLogTick(v: number): string {
  if (!(v > 0) || !Number.isFinite(v)) return formatTick(v, NaN);
  const k = Math.floor(Math.log10(v) + 1e-9);
  const m = Number((v / Math.pow(10, k)).toPrecision(3));
  if (Math.abs(k) < 3) return Number.isInteger(m) ? formatTick(v, NaN) : String(Number(v.toPrecision(3)));
  // Data-placed ticks such as N = 4096 read best as they are.
  if (!Number.isInteger(m) && k > 0 && v < 1e5) return String(Math.round(v));
  const power = `10${String(k).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
  return m === 1 ? power : `${m}·${power}`;
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
