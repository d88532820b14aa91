// A square scatter of 2D points with axes. Few points are drawn as anti-aliased discs; many
// (thousands up to 65 536) are written into an ImageData as small squares (plot/raster.ts).
import { h } from "../ui/dom";
import { rgb, seriesColor } from "../ui/palette";
import { drawAxes, drawGrid, makeScale, type Rect } from "../plot/axes";
import { fitCanvas, onResize } from "../plot/canvas";
import { rasterizePoints, rgbaWord } from "../plot/raster";

const ARC_LIMIT = 3000;
const MARGIN = { left: 46, right: 12, top: 12, bottom: 36 };
const MAX_SIZE = 560;

export interface PointsOptions {
  label: string;
  xLabel?: string;
  yLabel?: string;
  color?: string;
}

export class PointsView {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly off: HTMLCanvasElement;
  private size = 400;
  private last: { data: ArrayLike<number>; n: number; extent: number } | null = null;
  private readonly stopResize: () => void;

  constructor(private readonly opts: PointsOptions) {
    this.canvas = h("canvas", { class: "points-canvas", role: "img", "aria-label": opts.label });
    this.off = document.createElement("canvas");
    this.element = h("div", { class: "points-view" }, this.canvas);
    this.stopResize = onResize(this.element, (w) => {
      this.size = Math.min(MAX_SIZE, w);
      this.redraw();
    });
  }

  /** `data` holds n (x, y) pairs; the square [-extent, extent]² is shown. */
  draw(data: ArrayLike<number>, n: number, extent: number): void {
    if (!(extent > 0) || !Number.isFinite(extent)) extent = autoExtent(data, n);
    this.last = { data, n, extent };
    this.redraw();
  }

  destroy(): void {
    this.stopResize();
  }

  private redraw(): void {
    const size = this.size;
    // Square plot area: equal scales on both axes, so distances look like distances.
    const side = Math.max(10, size - MARGIN.left - MARGIN.right);
    const height = side + MARGIN.top + MARGIN.bottom;
    const fit = fitCanvas(this.canvas, size, height);
    if (!fit) return;
    const { ctx, frame } = fit;
    ctx.clearRect(0, 0, size, height);
    const r: Rect = { x: MARGIN.left, y: MARGIN.top, w: side, h: side };
    const ext = this.last?.extent ?? 1;
    const xs = makeScale([-ext, ext], [r.x, r.x + r.w]);
    const ys = makeScale([-ext, ext], [r.y + r.h, r.y]);
    const xAxis = { scale: xs, label: this.opts.xLabel ?? "x", ticks: 5 };
    const yAxis = { scale: ys, label: this.opts.yLabel ?? "y", ticks: 5 };
    drawGrid(ctx, r, xAxis, yAxis);
    if (this.last) {
      const { data, n } = this.last;
      const color = this.opts.color ?? seriesColor(0);
      if (n <= ARC_LIMIT) this.drawDiscs(ctx, data, n, xs.map, ys.map, r, color);
      else this.drawPixels(ctx, data, n, ext, r, frame.dpr, color);
    }
    drawAxes(ctx, r, xAxis, yAxis);
  }

  private drawDiscs(ctx: CanvasRenderingContext2D, data: ArrayLike<number>, n: number, mx: (v: number) => number, my: (v: number) => number, r: Rect, color: string): void {
    const radius = n <= 200 ? 3 : n <= 1000 ? 2.2 : 1.6;
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.x, r.y, r.w, r.h);
    ctx.clip();
    ctx.fillStyle = color;
    ctx.globalAlpha = 0.85;
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const px = mx(data[2 * i]!), py = my(data[2 * i + 1]!);
      ctx.moveTo(px + radius, py);
      ctx.arc(px, py, radius, 0, 2 * Math.PI);
    }
    ctx.fill();
    ctx.restore();
  }

  private drawPixels(ctx: CanvasRenderingContext2D, data: ArrayLike<number>, n: number, ext: number, r: Rect, dpr: number, color: string): void {
    const w = Math.max(1, Math.round(r.w * dpr));
    const hgt = Math.max(1, Math.round(r.h * dpr));
    if (this.off.width !== w) this.off.width = w;
    if (this.off.height !== hgt) this.off.height = hgt;
    const octx = this.off.getContext("2d");
    if (!octx) return;
    const img = octx.createImageData(w, hgt);
    const dot = Math.max(1, Math.round(1.5 * dpr));
    rasterizePoints(new Uint32Array(img.data.buffer), w, hgt, data, n, { x: [-ext, ext], y: [-ext, ext] }, rgbaWord(rgb(color), 220 / 255), dot);
    octx.putImageData(img, 0, 0);
    ctx.drawImage(this.off, r.x, r.y, r.w, r.h);
  }
}

/** Half-width of a square holding all points, with a margin, when the lab gives none. */
export function autoExtent(data: ArrayLike<number>, n: number): number {
  let m = 0;
  for (let i = 0; i < 2 * n; i++) {
    const v = Math.abs(data[i]!);
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m > 0 ? m * 1.1 : 1;
}
