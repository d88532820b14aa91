// The ranges a plot shows, from its data: pure, so the rules (what a log axis leaves out, how
// much room is left around the data) are unit-tested rather than eyeballed.
import { niceDomain } from "./ticks";

export interface ExtentSeries {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** false: drawn, but does not decide the ranges (a stroke, a raw curve that spikes) */
  fit?: boolean;
  /** only points with x in this window decide the y range (values that spike at the ends by
   *  construction, such as boundary terms, are drawn but leave the scale to the rest) */
  fitWindow?: [number, number];
}

export interface Extent {
  x: [number, number];
  y: [number, number];
  /** some finite values were ≤ 0 and left out because an axis is logarithmic */
  droppedNonPositive: boolean;
  /** no usable point at all: the domains are placeholders */
  empty: boolean;
}

export interface ExtentOptions {
  logX?: boolean;
  logY?: boolean;
  /** a fixed x range (e.g. the lab's [a, b]); y is then fitted to the points inside it */
  xDomain?: [number, number];
  /** extra y values the range must include (e.g. 0 for a derivative that is flat) */
  includeY?: number[];
  /** linear y: the range spans at least this share of the largest |y|, so a quantity that is
   *  conserved to 10⁻⁹ draws as a flat line, not as magnified round-off with 9-digit ticks */
  minRelSpanY?: number;
}

/** Room around log data: a few percent of the decades spanned (half a decade for one value). */
function logPad(lo: number, hi: number, share: number): [number, number] {
  const pad = hi > lo ? Math.pow(hi / lo, share) : Math.sqrt(10);
  return [lo / pad, hi * pad];
}

export function dataExtent(series: readonly ExtentSeries[], opts: ExtentOptions = {}): Extent {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  let dropped = false;
  const fixed = opts.xDomain;
  for (const s of series) {
    if (s.fit === false) continue;
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      const x = s.x[i]!, y = s.y[i]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if ((opts.logX && x <= 0) || (opts.logY && y <= 0)) {
        dropped = true;
        continue;
      }
      if (fixed && (x < Math.min(...fixed) || x > Math.max(...fixed))) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      if (s.fitWindow && (x < s.fitWindow[0] || x > s.fitWindow[1])) continue;
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  for (const v of opts.includeY ?? []) {
    if (!Number.isFinite(v) || (opts.logY && v <= 0) || !Number.isFinite(y0)) continue;
    y0 = Math.min(y0, v);
    y1 = Math.max(y1, v);
  }
  const rel = opts.minRelSpanY ?? 0;
  if (rel > 0 && !opts.logY && Number.isFinite(y0)) {
    const need = rel * Math.max(Math.abs(y0), Math.abs(y1));
    if (y1 - y0 < need) {
      const mid = (y0 + y1) / 2;
      y0 = mid - need / 2;
      y1 = mid + need / 2;
    }
  }
  const empty = !Number.isFinite(x0);
  if (empty) {
    x0 = opts.logX ? 1 : 0;
    x1 = opts.logX ? 10 : 1;
    y0 = opts.logY ? 0.1 : 0;
    y1 = 1;
  }
  let x: [number, number];
  if (fixed) x = [Math.min(...fixed), Math.max(...fixed)];
  else if (opts.logX) x = logPad(x0, x1, 0.04);
  else x = x1 > x0 ? [x0, x1] : [x0 - 0.5, x0 + 0.5];
  const y: [number, number] = opts.logY ? logPad(y0, y1, 0.06) : niceDomain(y0, y1, 4);
  return { x, y, droppedNonPositive: dropped, empty };
}
