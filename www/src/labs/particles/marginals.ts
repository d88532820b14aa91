// The marginal strips along the top and the right of a panel: the particles' histogram (64 bins
// over the frame, as a density) against the target's marginal on the same bins. One height scale
// per strip, set by the target so that a good sample fills it the same way at every step; a
// histogram far above the target (particles still bunched at the start) is clipped at twice the
// target's peak rather than squashing the target flat.

/** Largest finite value, 0 for none. */
export function finiteMax(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m;
}

/** The top of a strip's value axis for a target marginal and the histograms drawn with it. */
export function marginalTop(target: ArrayLike<number>, histograms: readonly ArrayLike<number>[]): number {
  const t = finiteMax(target);
  const hMax = Math.max(0, ...histograms.map(finiteMax));
  if (!(t > 0)) return hMax > 0 ? hMax * 1.05 : 1;
  return Math.max(t * 1.1, Math.min(hMax, 2 * t) * 1.05);
}

/**
 * The outline of a histogram as a step line: 2 points per bin, (edge, value) pairs in bin units
 * and values (x from 0 to bins), starting and ending on the axis, for filling and stroking.
 */
export function stepOutline(values: ArrayLike<number>): number[] {
  const out = [0, 0];
  for (let i = 0; i < values.length; i++) {
    const v = Number.isFinite(values[i]!) ? Math.max(0, values[i]!) : 0;
    out.push(i, v, i + 1, v);
  }
  out.push(values.length, 0);
  return out;
}
