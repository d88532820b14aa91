// Colormaps for heatmaps, as 256-entry lookup tables (a field of 20 000 cells is coloured per
// frame). Sequential: viridis (perceptually uniform, readable in grey and with the common
// colour-vision deficiencies). Diverging: the palette's blue and vermillion around a light grey
// zero, for signed errors, so that "too low" and "too high" read as the site's two main colours.
// Density: white to slate, a quiet ground for coloured marks drawn on top (particles over a
// target density), where viridis's dark end would swallow them.
import { rgb } from "../ui/palette";

export type ColormapName = "sequential" | "diverging" | "density";

const VIRIDIS = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"];
const BLUE_VERMILLION = ["#0072B2", "#6aaad4", "#f4f4f2", "#eba27a", "#D55E00"];
const WHITE_SLATE = ["#ffffff", "#f1f3f6", "#dde2e9", "#c3cbd6", "#a3aebd"];

export const LUT_SIZE = 256;

/** Evenly spaced stops, linearly interpolated in sRGB, sampled at LUT_SIZE points (RGB triples). */
export function buildLut(stops: readonly string[]): Uint8ClampedArray {
  const cols = stops.map(rgb);
  const lut = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const t = (i / (LUT_SIZE - 1)) * (cols.length - 1);
    const k = Math.min(cols.length - 2, Math.floor(t));
    const f = t - k;
    for (let c = 0; c < 3; c++) lut[3 * i + c] = Math.round(cols[k]![c]! * (1 - f) + cols[k + 1]![c]! * f);
  }
  return lut;
}

const LUTS: Record<ColormapName, Uint8ClampedArray> = {
  sequential: buildLut(VIRIDIS),
  diverging: buildLut(BLUE_VERMILLION),
  density: buildLut(WHITE_SLATE),
};

export function lut(name: ColormapName): Uint8ClampedArray {
  return LUTS[name];
}

/** Index into a LUT for v on [lo, hi], clamped; NaN maps to −1 (drawn as a gap). */
export function lutIndex(v: number, lo: number, hi: number): number {
  if (Number.isNaN(v)) return -1;
  const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
  return Math.max(0, Math.min(LUT_SIZE - 1, Math.round(t * (LUT_SIZE - 1))));
}

/** CSS colour of the map at t ∈ [0, 1] (colour bars, legends). */
export function colorAt(name: ColormapName, t: number): string {
  const i = lutIndex(t, 0, 1);
  const l = LUTS[name];
  return `rgb(${l[3 * i]}, ${l[3 * i + 1]}, ${l[3 * i + 2]})`;
}

/**
 * The colour range of a field: sequential maps span the finite values (or a fixed range);
 * diverging maps are symmetric about 0 so white means "no error".
 */
export function colorDomain(values: ArrayLike<number>, name: ColormapName): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return name === "diverging" ? [-1, 1] : [0, 1];
  if (name === "diverging") {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return [-m, m];
  }
  return hi > lo ? [lo, hi] : [lo - 0.5, hi + 0.5];
}
