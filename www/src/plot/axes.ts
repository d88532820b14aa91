// Scales and axes drawn on a 2D canvas in CSS pixels: ticks, tick labels, light grid, axis titles.
// Shared by the line plots and the particle views so every figure looks the same.
import { FONT_STACK, INK } from "../ui/palette";
import { formatLogTick, formatTick, linearTicks, logTicks, type Ticks } from "./ticks";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Scale {
  domain: [number, number];
  log: boolean;
  /** data value → pixel */
  map(v: number): number;
  ticks(count?: number): Ticks;
}

export function makeScale(domain: [number, number], range: [number, number], log = false): Scale {
  const [d0, d1] = log ? [Math.log10(domain[0]), Math.log10(domain[1])] : domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return {
    domain,
    log,
    map: log ? (v) => r0 + (Math.log10(v) - d0) * k : (v) => r0 + (v - d0) * k,
    ticks: (count = 5) => (log ? logTicks(domain[0], domain[1], count) : linearTicks(domain[0], domain[1], count)),
  };
}

/** Space around the plot area for tick labels and titles. */
export const MARGIN = { left: 52, right: 12, top: 10, bottom: 38 };

export function plotRect(width: number, height: number, margin = MARGIN): Rect {
  return { x: margin.left, y: margin.top, w: Math.max(10, width - margin.left - margin.right), h: Math.max(10, height - margin.top - margin.bottom) };
}

export const font = (px: number, weight = 400) => `${weight} ${px}px ${FONT_STACK}`;

export interface AxisSpec {
  scale: Scale;
  label: string;
  /** about how many ticks */
  ticks?: number;
  /** ticks at these values instead (e.g. at the data's N = 16, 64, …) */
  tickValues?: number[];
}

function axisTicks(a: AxisSpec): Ticks {
  if (a.tickValues) return { values: a.tickValues.filter((v) => v >= Math.min(...a.scale.domain) && v <= Math.max(...a.scale.domain)), step: NaN };
  return a.scale.ticks(a.ticks);
}

const tickLabel = (a: AxisSpec, v: number, step: number) => (a.scale.log ? formatLogTick(v) : formatTick(v, step));

/** Grid and frame under the data; call drawAxisLabels after the data for crisp labels on top. */
export function drawGrid(ctx: CanvasRenderingContext2D, r: Rect, x: AxisSpec, y: AxisSpec): void {
  ctx.save();
  ctx.lineWidth = 1;
  ctx.strokeStyle = INK.grid;
  ctx.beginPath();
  for (const v of axisTicks(x).values) {
    const px = Math.round(x.scale.map(v)) + 0.5;
    ctx.moveTo(px, r.y);
    ctx.lineTo(px, r.y + r.h);
  }
  for (const v of axisTicks(y).values) {
    const py = Math.round(y.scale.map(v)) + 0.5;
    ctx.moveTo(r.x, py);
    ctx.lineTo(r.x + r.w, py);
  }
  ctx.stroke();
  ctx.restore();
}

export function drawAxes(ctx: CanvasRenderingContext2D, r: Rect, x: AxisSpec, y: AxisSpec): void {
  ctx.save();
  ctx.strokeStyle = INK.frame;
  ctx.lineWidth = 1;
  ctx.strokeRect(Math.round(r.x) + 0.5, Math.round(r.y) + 0.5, Math.round(r.w), Math.round(r.h));
  ctx.fillStyle = INK.muted;
  ctx.strokeStyle = INK.axis;
  ctx.font = font(11);

  const xt = axisTicks(x);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.beginPath();
  for (const v of xt.values) {
    const px = Math.round(x.scale.map(v)) + 0.5;
    ctx.moveTo(px, r.y + r.h);
    ctx.lineTo(px, r.y + r.h + 4);
    ctx.fillText(tickLabel(x, v, xt.step), px, r.y + r.h + 6);
  }
  const yt = axisTicks(y);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const v of yt.values) {
    const py = Math.round(y.scale.map(v)) + 0.5;
    ctx.moveTo(r.x - 4, py);
    ctx.lineTo(r.x, py);
    ctx.fillText(tickLabel(y, v, yt.step), r.x - 6, py);
  }
  ctx.stroke();

  ctx.fillStyle = INK.text;
  ctx.font = font(11, 500);
  if (x.label) {
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.fillText(x.label, r.x + r.w / 2, r.y + r.h + MARGIN.bottom - 2);
  }
  if (y.label) {
    ctx.translate(12, r.y + r.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(y.label, 0, 0);
  }
  ctx.restore();
}

/** Light bands over x-ranges (e.g. where errors are not measured), under the grid. */
export function shadeXRanges(ctx: CanvasRenderingContext2D, r: Rect, x: Scale, ranges: readonly [number, number][], fill: string): void {
  ctx.save();
  ctx.fillStyle = fill;
  for (const [a, b] of ranges) {
    const p0 = Math.max(r.x, Math.min(r.x + r.w, x.map(Math.min(a, b))));
    const p1 = Math.max(r.x, Math.min(r.x + r.w, x.map(Math.max(a, b))));
    if (p1 - p0 >= 0.5) ctx.fillRect(p0, r.y, p1 - p0, r.h);
  }
  ctx.restore();
}
