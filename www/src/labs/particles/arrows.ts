// The velocity field as arrows at a subsample of the particles: every k-th particle so that at most
// a few hundred arrows are drawn (a readable field, not a hairball), their lengths scaled so the
// typical fast arrow (the 90th percentile) is a fixed share of the frame, the rare outliers capped.

/** Arrows drawn at most. */
export const MAX_ARROWS = 300;
/** The 90th-percentile speed draws as this share of the frame's width. */
const TYPICAL_SHARE = 0.06;
/** No arrow is longer than this many typical lengths. */
const CAP = 2;

/**
 * Segments (x, y, x + ℓ·vx/|v|, y + ℓ·vy/|v|) in data units for every k-th of n particles, with
 * k = ⌈n / max⌉. Particles with a non-finite position or velocity are left out.
 */
export function arrowSegments(points: ArrayLike<number>, velocity: ArrayLike<number>, n: number, span: number, max = MAX_ARROWS): number[] {
  const stride = Math.max(1, Math.ceil(n / Math.max(1, max)));
  const picked: number[] = [];
  const speeds: number[] = [];
  for (let i = 0; i < n; i += stride) {
    const x = points[2 * i]!, y = points[2 * i + 1]!, vx = velocity[2 * i]!, vy = velocity[2 * i + 1]!;
    if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(vx) && Number.isFinite(vy))) continue;
    picked.push(i);
    speeds.push(Math.hypot(vx, vy));
  }
  const typical = percentile(speeds, 0.9);
  if (!(typical > 0) || !(span > 0)) return [];
  const scale = (TYPICAL_SHARE * span) / typical;
  const out: number[] = [];
  picked.forEach((i, k) => {
    const s = speeds[k]!;
    if (s === 0) return;
    const len = Math.min(s * scale, CAP * TYPICAL_SHARE * span);
    const x = points[2 * i]!, y = points[2 * i + 1]!;
    out.push(x, y, x + (velocity[2 * i]! / s) * len, y + (velocity[2 * i + 1]! / s) * len);
  });
  return out;
}

/** The q-quantile of the values (nearest rank); NaN for none. */
export function percentile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
