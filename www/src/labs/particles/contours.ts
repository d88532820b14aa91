// Level lines of the target density by marching squares on the lab's grid of cell centres. The
// levels are where p falls to e^{−k²/2} of its peak, k = 1, 2, 3: for a Gaussian the 1, 2 and 3
// standard-deviation ellipses, and for any target a scale-free way to see its shape (the funnel's
// neck and the mixture's far modes stay visible where a linear shading would be white).

export const CONTOUR_SIGMAS = [1, 2, 3] as const;

/** The density levels (relative to the peak, as the lab's `density` array is) of the lines. */
export const CONTOUR_LEVELS: readonly number[] = CONTOUR_SIGMAS.map((k) => Math.exp(-(k * k) / 2));

export interface GridFrame {
  x: [number, number];
  y: [number, number];
}

/**
 * Segments (x0, y0, x1, y1 in data units) of the line `values = level` on a rows × cols grid,
 * row-major, row 0 at the frame's bottom, values at cell centres. Cells with a non-finite corner
 * are skipped; a saddle cell is split by its centre value, so the lines never cross.
 */
export function contourSegments(values: ArrayLike<number>, rows: number, cols: number, frame: GridFrame, level: number): number[] {
  const out: number[] = [];
  const dx = (frame.x[1] - frame.x[0]) / cols, dy = (frame.y[1] - frame.y[0]) / rows;
  const cx = (c: number) => frame.x[0] + (c + 0.5) * dx;
  const cy = (r: number) => frame.y[0] + (r + 0.5) * dy;
  // Where the level crosses between two corners, by linear interpolation.
  const t = (a: number, b: number) => (level - a) / (b - a);
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < cols; c++) {
      const v00 = values[r * cols + c]!, v01 = values[r * cols + c + 1]!;
      const v10 = values[(r + 1) * cols + c]!, v11 = values[(r + 1) * cols + c + 1]!;
      if (!(Number.isFinite(v00) && Number.isFinite(v01) && Number.isFinite(v10) && Number.isFinite(v11))) continue;
      const a00 = v00 > level, a01 = v01 > level, a10 = v10 > level, a11 = v11 > level;
      if (a00 === a01 && a00 === a10 && a00 === a11) continue;
      // Crossings on the edges, in the order bottom, right, top, left (null where none).
      const bottom = a00 !== a01 ? [cx(c) + t(v00, v01) * dx, cy(r)] : null;
      const right = a01 !== a11 ? [cx(c + 1), cy(r) + t(v01, v11) * dy] : null;
      const top = a10 !== a11 ? [cx(c) + t(v10, v11) * dx, cy(r + 1)] : null;
      const left = a00 !== a10 ? [cx(c), cy(r) + t(v00, v10) * dy] : null;
      const seg = (p: number[], q: number[]) => out.push(p[0]!, p[1]!, q[0]!, q[1]!);
      if (bottom && right && top && left) {
        // Saddle: cut off the two corners on the other side of the centre from their diagonal.
        const centreAbove = (v00 + v01 + v10 + v11) / 4 > level;
        if (centreAbove === a00) {
          seg(bottom, right);
          seg(top, left);
        } else {
          seg(bottom, left);
          seg(top, right);
        }
        continue;
      }
      const pts = [bottom, right, top, left].filter((p): p is number[] => p !== null);
      if (pts.length === 2) seg(pts[0]!, pts[1]!);
    }
  }
  return out;
}

/** How deep the shading goes: ln p from its peak down to −SHADE_DEPTH (4 standard deviations of a
 *  Gaussian) maps to 1 … 0, so the tails are tinted rather than lost. */
export const SHADE_DEPTH = 8;

/** The heatmap's values: 1 + ln(p/p_max)/SHADE_DEPTH, clamped to [0, 1] (0 where p = 0 or NaN). */
export function logShade(density: ArrayLike<number>): Float32Array {
  const out = new Float32Array(density.length);
  for (let i = 0; i < density.length; i++) {
    const d = density[i]!;
    out[i] = d > 0 ? Math.max(0, Math.min(1, 1 + Math.log(d) / SHADE_DEPTH)) : 0;
  }
  return out;
}
