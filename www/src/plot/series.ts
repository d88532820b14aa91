// Drawing one data series on a canvas: a line (solid or dashed), markers, or both. Long lines are
// reduced to a min/max per pixel column, so a curve of 10^6 points costs what one of a few hundred
// does; markers are thinned to about one per few pixels so 65 536 of them stay readable.

export type SeriesStyle = "line" | "dashed" | "markers" | "line+markers";

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  /** how it is drawn (default "line") */
  style?: SeriesStyle;
  /** line width in CSS pixels (default 1.75) */
  width?: number;
  /** 0…1 (default 1): faint context such as the stroke a person drew */
  alpha?: number;
  /** markers as filled dots (default) or rings (a line under them shows through) */
  marker?: "dot" | "ring";
  /** false: drawn, but does not decide the plot's ranges */
  fit?: boolean;
  /** only points with x in this window decide the y range (see ExtentSeries.fitWindow) */
  fitWindow?: [number, number];
  /** false: not listed in the legend */
  legend?: boolean;
}

export const DASH = [6, 4];
const MARKER_RADIUS = 2.6;
/** Markers closer than this (pixels, on average) are thinned. */
const MARKER_SPACING = 8;

export interface Mapping {
  x(v: number): number;
  y(v: number): number;
  /** whether a value can be placed (finite, and > 0 on a log axis) */
  okX(v: number): boolean;
  okY(v: number): boolean;
  /** the plot area's top and bottom pixel: markers beyond them are drawn as arrows on the edge */
  yEdges?: [number, number];
}

export function drawSeries(ctx: CanvasRenderingContext2D, s: Series, color: string, m: Mapping, plotWidth: number): void {
  const style = s.style ?? "line";
  const n = Math.min(s.x.length, s.y.length);
  ctx.save();
  ctx.globalAlpha = s.alpha ?? 1;
  if (style !== "markers" && n > 1) strokeLine(ctx, s, n, color, m, plotWidth, style === "dashed");
  if (style === "markers" || style === "line+markers" || n === 1) drawMarkers(ctx, s, n, color, m, plotWidth);
  ctx.restore();
}

function strokeLine(ctx: CanvasRenderingContext2D, s: Series, n: number, color: string, m: Mapping, width: number, dashed: boolean): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = s.width ?? 1.75;
  ctx.lineJoin = "round";
  ctx.lineCap = dashed ? "butt" : "round";
  ctx.setLineDash(dashed ? DASH : []);
  ctx.beginPath();
  const ok = (i: number) => m.okX(s.x[i]!) && m.okY(s.y[i]!);
  // A dashed min/max-per-column path would put its dashes on the vertical strokes: dashed lines
  // are drawn through every k-th point instead (about two per pixel column; they are smooth
  // curves where this lab uses them).
  if (n <= 2 * width || dashed) {
    const stride = dashed ? Math.max(1, Math.floor(n / (2 * width))) : 1;
    let pen = false;
    for (let j = 0; j < n; j += stride) {
      // always end on the last point
      const i = j + stride >= n ? n - 1 : j;
      if (!ok(i)) {
        pen = false;
        continue;
      }
      const px = m.x(s.x[i]!), py = m.y(s.y[i]!);
      if (pen) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      pen = true;
    }
  } else {
    // One vertical stroke per pixel column spanning the min and max there, joined in order.
    let col = NaN, lo = 0, hi = 0;
    const flush = () => {
      if (Number.isNaN(col)) return;
      ctx.lineTo(col, lo);
      ctx.lineTo(col, hi);
    };
    for (let i = 0; i < n; i++) {
      if (!ok(i)) continue;
      const px = Math.round(m.x(s.x[i]!)), py = m.y(s.y[i]!);
      if (px !== col) {
        if (Number.isNaN(col)) ctx.moveTo(px, py);
        flush();
        col = px;
        lo = hi = py;
      } else {
        lo = Math.min(lo, py);
        hi = Math.max(hi, py);
      }
    }
    flush();
  }
  ctx.stroke();
}

/** Indices of the markers drawn: all, or every k-th so they sit about MARKER_SPACING apart. */
export function markerStride(n: number, plotWidth: number): number {
  const room = Math.max(1, Math.floor(plotWidth / MARKER_SPACING));
  return n <= room ? 1 : Math.ceil(n / room);
}

function drawMarkers(ctx: CanvasRenderingContext2D, s: Series, n: number, color: string, m: Mapping, width: number): void {
  const stride = markerStride(n, width);
  const ring = s.marker === "ring";
  // Dots get a white rim so neighbours stay apart; rings are white inside so a line of another
  // method under them stays visible through them.
  ctx.setLineDash([]);
  ctx.fillStyle = ring ? "#ffffff" : color;
  ctx.strokeStyle = ring ? color : "#ffffff";
  ctx.lineWidth = ring ? 1.5 : 1;
  ctx.beginPath();
  const off: [number, number][] = [];
  const [top, bottom] = m.yEdges ?? [-Infinity, Infinity];
  for (let i = 0; i < n; i++) {
    const x = s.x[i]!, y = s.y[i]!;
    if (!m.okX(x) || !m.okY(y)) continue;
    const px = m.x(x), py = m.y(y);
    // Off-scale values are never thinned away: they are what a reader must not miss.
    if (py < top - MARKER_RADIUS || py > bottom + MARKER_RADIUS) {
      off.push([px, py < top ? -1 : 1]);
      continue;
    }
    if (i % stride !== 0) continue;
    ctx.moveTo(px + MARKER_RADIUS, py);
    ctx.arc(px, py, MARKER_RADIUS, 0, 2 * Math.PI);
  }
  if (ring) ctx.globalAlpha *= 0.9;
  ctx.fill();
  ctx.stroke();
  if (off.length) drawOffScale(ctx, off, color, top, bottom);
}

/** Small triangles on the frame pointing at values beyond it (dir −1: above, 1: below). */
function drawOffScale(ctx: CanvasRenderingContext2D, off: [number, number][], color: string, top: number, bottom: number): void {
  const s = 4;
  ctx.fillStyle = color;
  ctx.beginPath();
  for (const [px, dir] of off) {
    const edge = dir < 0 ? top + 1 : bottom - 1;
    ctx.moveTo(px, edge);
    ctx.lineTo(px - s, edge - dir * s * 1.6);
    ctx.lineTo(px + s, edge - dir * s * 1.6);
    ctx.closePath();
  }
  ctx.fill();
}
