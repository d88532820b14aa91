// One sampler's panel: the target (log-shaded density and its 1σ/2σ/3σ level lines), the particles
// on top in the run's colour, optionally arrows of the last step's velocity, and the marginal
// histograms against the target's along the top and the right edge, all on one canvas so the strips
// share the main plot's scales exactly. Few particles are drawn as discs; thousands are written
// into an ImageData (plot/raster.ts), which keeps 65 536 at frame rate.
import type { SnapshotArray } from "../../core/api";
import { drawAxes, makeScale, type Rect, type Scale } from "../../plot/axes";
import { fitCanvas, onResize } from "../../plot/canvas";
import { rasterizePoints, rgbaWord } from "../../plot/raster";
import { h } from "../../ui/dom";
import { INK, rgb } from "../../ui/palette";
import { arrowSegments } from "./arrows";
import { TARGET_INK } from "./colors";
import { marginalTop, stepOutline } from "./marginals";
import { panelLayout, type PanelLayout } from "./panel-layout";
import type { Run } from "./runs";
import type { TargetLayer } from "./target-layer";

/** Above this many particles, pixels instead of discs. */
const DISC_LIMIT = 3000;
const MAX_WIDTH = 560;

export interface PanelData {
  layer: TargetLayer;
  points: SnapshotArray;
  velocity?: SnapshotArray;
  arrows: boolean;
  marginalX?: SnapshotArray;
  marginalY?: SnapshotArray;
  targetX?: SnapshotArray;
  targetY?: SnapshotArray;
}

/** Disc radius (CSS px) for n particles: big enough to see 100, small enough not to merge 3000. */
export function discRadius(n: number): number {
  return n <= 200 ? 3.2 : n <= 1000 ? 2.4 : 1.7;
}

export class SamplerPanel {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly title = h("span", { class: "panel-title" });
  private readonly note = h("span", { class: "panel-note" });
  private readonly swatch = h("span", { class: "run-swatch", "aria-hidden": "true" });
  private readonly off = typeof document === "undefined" ? null : document.createElement("canvas");
  private run: Run | null = null;
  private data: PanelData | null = null;
  private width = 420;
  private readonly stopResize: () => void;

  constructor() {
    this.canvas = h("canvas", { class: "panel-canvas", role: "img" });
    this.element = h("figure", { class: "particles-panel" },
      h("figcaption", { class: "panel-head" }, this.swatch, this.title, this.note), this.canvas);
    this.stopResize = onResize(this.element, (w) => {
      this.width = Math.min(MAX_WIDTH, w);
      this.draw();
    });
  }

  setRun(run: Run, n: number): void {
    this.run = run;
    this.element.dataset.run = run.suffix === "" ? "a" : "b";
    this.title.textContent = run.name;
    this.note.textContent = `N = ${n.toLocaleString("en-US")}`;
    this.swatch.style.setProperty("--c", run.color);
    this.canvas.setAttribute("aria-label", `${run.name}: ${n} particles over the target density, with the marginal histograms against the target's along the top and the right`);
  }

  update(data: PanelData): void {
    this.data = data;
    this.draw();
  }

  destroy(): void {
    this.stopResize();
  }

  private draw(): void {
    const d = this.data, run = this.run;
    if (!d || !run) return;
    const { frame } = d.layer;
    const L = panelLayout(this.width, (frame.y[1] - frame.y[0]) / (frame.x[1] - frame.x[0]));
    const fit = fitCanvas(this.canvas, this.width, L.height);
    if (!fit) return;
    const { ctx, frame: px } = fit;
    ctx.clearRect(0, 0, this.width, L.height);
    const m = L.main;
    const xs = makeScale(frame.x, [m.x, m.x + m.w]);
    const ys = makeScale(frame.y, [m.y + m.h, m.y]);

    ctx.save();
    ctx.beginPath();
    ctx.rect(m.x, m.y, m.w, m.h);
    ctx.clip();
    if (d.layer.image) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(d.layer.image, m.x, m.y, m.w, m.h);
    }
    drawContours(ctx, d.layer.contours, xs, ys);
    const n = d.points.shape[0] ?? 0;
    if (n <= DISC_LIMIT) drawDiscs(ctx, d.points.data, n, xs, ys, run.color);
    else this.drawPixels(ctx, d, n, m, px.dpr, run.color);
    if (d.arrows && d.velocity) drawArrows(ctx, arrowSegments(d.points.data, d.velocity.data, n, frame.x[1] - frame.x[0]), xs, ys);
    ctx.restore();
    drawAxes(ctx, m, { scale: xs, label: "x", ticks: Math.max(2, Math.floor(m.w / 70)) }, { scale: ys, label: "y", ticks: Math.max(2, Math.floor(m.h / 45)) });
    this.drawMarginals(ctx, L, d, run.color);
  }

  private drawPixels(ctx: CanvasRenderingContext2D, d: PanelData, n: number, r: Rect, dpr: number, color: string): void {
    const off = this.off;
    if (!off) return;
    const w = Math.max(1, Math.round(r.w * dpr)), hgt = Math.max(1, Math.round(r.h * dpr));
    if (off.width !== w) off.width = w;
    if (off.height !== hgt) off.height = hgt;
    const octx = off.getContext("2d");
    if (!octx) return;
    const img = octx.createImageData(w, hgt);
    // Dense clouds: smaller, slightly transparent squares, so structure shows through.
    const dot = Math.max(1, Math.round((n > 20_000 ? 1 : 1.5) * dpr));
    rasterizePoints(new Uint32Array(img.data.buffer), w, hgt, d.points.data, n, d.layer.frame, rgbaWord(rgb(color), 0.8), dot);
    octx.putImageData(img, 0, 0);
    ctx.drawImage(off, r.x, r.y, r.w, r.h);
  }

  private drawMarginals(ctx: CanvasRenderingContext2D, L: PanelLayout, d: PanelData, color: string): void {
    const tx = d.targetX?.data ?? [], ty = d.targetY?.data ?? [];
    const hx = d.marginalX?.data ?? [], hy = d.marginalY?.data ?? [];
    drawStrip(ctx, L.top, hx, tx, marginalTop(tx, [hx]), color, false);
    drawStrip(ctx, L.right, hy, ty, marginalTop(ty, [hy]), color, true);
  }
}

function drawContours(ctx: CanvasRenderingContext2D, levels: number[][], xs: Scale, ys: Scale): void {
  ctx.save();
  ctx.strokeStyle = TARGET_INK;
  ctx.lineWidth = 1;
  levels.forEach((segs, k) => {
    // The inner lines darker: the eye finds the mode first.
    ctx.globalAlpha = [0.5, 0.36, 0.24][k] ?? 0.2;
    ctx.beginPath();
    for (let i = 0; i + 3 < segs.length; i += 4) {
      ctx.moveTo(xs.map(segs[i]!), ys.map(segs[i + 1]!));
      ctx.lineTo(xs.map(segs[i + 2]!), ys.map(segs[i + 3]!));
    }
    ctx.stroke();
  });
  ctx.restore();
}

function drawDiscs(ctx: CanvasRenderingContext2D, data: ArrayLike<number>, n: number, xs: Scale, ys: Scale, color: string): void {
  const r = discRadius(n);
  ctx.save();
  ctx.fillStyle = color;
  ctx.globalAlpha = 0.85;
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const x = xs.map(data[2 * i]!), y = ys.map(data[2 * i + 1]!);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
  ctx.fill();
  // A thin white rim keeps overlapping discs apart.
  if (n <= 1000) {
    ctx.globalAlpha = 0.9;
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = 0.75;
    ctx.stroke();
  }
  ctx.restore();
}

function drawArrows(ctx: CanvasRenderingContext2D, segs: number[], xs: Scale, ys: Scale): void {
  ctx.save();
  ctx.strokeStyle = INK.text;
  ctx.globalAlpha = 0.7;
  ctx.lineWidth = 1.1;
  ctx.lineCap = "round";
  ctx.beginPath();
  for (let i = 0; i + 3 < segs.length; i += 4) {
    const x0 = xs.map(segs[i]!), y0 = ys.map(segs[i + 1]!), x1 = xs.map(segs[i + 2]!), y1 = ys.map(segs[i + 3]!);
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (len < 1) continue;
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    // The head: two strokes back from the tip at ±28°.
    const head = Math.min(5, 0.4 * len), a = Math.atan2(y1 - y0, x1 - x0);
    for (const s of [-1, 1]) {
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - head * Math.cos(a + s * 0.49), y1 - head * Math.sin(a + s * 0.49));
    }
  }
  ctx.stroke();
  ctx.restore();
}

/**
 * A marginal strip: the histogram as a filled step outline in the run's colour and the target's
 * marginal as a line through the bin centres, values growing away from the main plot (upwards on
 * top, rightwards on the right, where the bins run along y).
 */
function drawStrip(ctx: CanvasRenderingContext2D, r: Rect, hist: ArrayLike<number>, target: ArrayLike<number>, top: number, color: string, vertical: boolean): void {
  const bins = Math.max(hist.length, target.length);
  if (!bins) return;
  // (bin position in [0, bins], value) → pixel
  const at = (b: number, v: number): [number, number] => {
    const t = Math.min(1, Math.max(0, v / top));
    return vertical ? [r.x + t * r.w, r.y + r.h - (b / bins) * r.h] : [r.x + (b / bins) * r.w, r.y + r.h - t * r.h];
  };
  ctx.save();
  ctx.beginPath();
  ctx.rect(r.x, r.y, r.w, r.h);
  ctx.clip();
  const outline = stepOutline(hist);
  ctx.beginPath();
  for (let i = 0; i + 1 < outline.length; i += 2) {
    const [x, y] = at(outline[i]!, outline[i + 1]!);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.fillStyle = color;
  ctx.globalAlpha = 0.22;
  ctx.fill();
  ctx.globalAlpha = 0.9;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.1;
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.beginPath();
  for (let b = 0; b < target.length; b++) {
    const [x, y] = at(b + 0.5, Number.isFinite(target[b]!) ? target[b]! : 0);
    if (b === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.strokeStyle = TARGET_INK;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.restore();
  // The baseline next to the main plot.
  ctx.save();
  ctx.strokeStyle = INK.frame;
  ctx.beginPath();
  if (vertical) {
    ctx.moveTo(Math.round(r.x) + 0.5, r.y);
    ctx.lineTo(Math.round(r.x) + 0.5, r.y + r.h);
  } else {
    ctx.moveTo(r.x, Math.round(r.y + r.h) - 0.5);
    ctx.lineTo(r.x + r.w, Math.round(r.y + r.h) - 0.5);
  }
  ctx.stroke();
  ctx.restore();
}
