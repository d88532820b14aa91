// Scales and axes drawn on a 2D canvas in CSS pixels: ticks, tick labels, light grid, axis titles.
// Shared by the line plots and the particle views so every figure looks the same.
import { FONT_STACK, INK } from "../ui/palette";
import { formatTick, linearTicks, logTicks, type Ticks } from "./ticks";

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
    ticks: (count = 5) => (log ? logTicks(domain[0], domain[1]) : linearTicks(domain[0], domain[1], count)),
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
  ticks?: number;
}

/** Grid and frame under the data; call drawAxisLabels after the data for crisp labels on top. */
export function drawGrid(ctx: CanvasRenderingContext2D, r: Rect, x: AxisSpec, y: AxisSpec): void {
  ctx.save();
  ctx.lineWidth = 1;
  ctx.strokeStyle = INK.grid;
  ctx.beginPath();
  for (const v of x.scale.ticks(x.ticks).values) {
    const px = Math.round(x.scale.map(v)) + 0.5;
    ctx.moveTo(px, r.y);
    ctx.lineTo(px, r.y + r.h);
  }
  for (const v of y.scale.ticks(y.ticks).values) {
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

  const xt = x.scale.ticks(x.ticks);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.beginPath();
  for (const v of xt.values) {
    const px = Math.round(x.scale.map(v)) + 0.5;
    ctx.moveTo(px, r.y + r.h);
    ctx.lineTo(px, r.y + r.h + 4);
    ctx.fillText(formatTick(v, xt.step), px, r.y + r.h + 6);
  }
  const yt = y.scale.ticks(y.ticks);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const v of yt.values) {
    const py = Math.round(y.scale.map(v)) + 0.5;
    ctx.moveTo(r.x - 4, py);
    ctx.lineTo(r.x, py);
    ctx.fillText(formatTick(v, yt.step), r.x - 6, py);
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
