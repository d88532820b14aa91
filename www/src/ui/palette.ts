// The site's one palette. Categorical colours are Okabe–Ito (distinguishable with the common
// colour-vision deficiencies); the same values are CSS variables (styles.css) so DOM legends and
// canvas lines agree. Canvas code reads them from here, not from the stylesheet, to stay sync-free.

export const CATEGORICAL = [
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#E69F00", // orange
  "#56B4E9", // sky blue
  "#F0E442", // yellow (weak on white: last)
  "#000000",
] as const;

export const INK = {
  text: "#1d2126",
  muted: "#5c6773",
  axis: "#8a939e",
  grid: "#e9ecef",
  frame: "#cfd5dc",
  background: "#ffffff",
} as const;

export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export function seriesColor(i: number): string {
  return CATEGORICAL[((i % CATEGORICAL.length) + CATEGORICAL.length) % CATEGORICAL.length]!;
}

/** "#0072B2" → [0, 114, 178] for ImageData drawing. */
export function rgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}
