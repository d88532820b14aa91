// A heatmap of a field on a regular grid, on canvas: the cells coloured through a lookup table
// into a small offscreen image that is scaled into the plot area (smoothed: the grid samples a
// smooth field), axes like the line plots', dashed marks at chosen x values (where slices are
// taken), and a colour bar with ticks on the right. HiDPI; redraws on resize.
import { h } from "../ui/dom";
import { INK } from "../ui/palette";
import { drawAxes, font, makeScale, MARGIN, plotRect, type Rect } from "./axes";
import { fitCanvas, onResize } from "./canvas";
import { colorDomain, lut, lutIndex, type ColormapName } from "./colormap";
import { formatTick, linearTicks } from "./ticks";

export interface HeatmapOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  colormap: ColormapName;
  height?: number;
  /** the canvas's accessible name */
  label?: string;
}

/** Values in row-major order, `rows` × `cols`; `rowsAlong` says which axis the row index runs
 *  along (the other axis takes the column index). Both indices grow with their axis. */
export interface Field {
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  rowsAlong: "x" | "y";
  x: [number, number];
  y: [number, number];
}

/** Room for the colour bar and its labels. */
const BAR = { gap: 10, width: 10, labels: 44 };
const MARGINS = { ...MARGIN, right: BAR.gap + BAR.width + BAR.labels };

/** The image of a field: width along x, height along y, top row = largest y. Pure, tested. */
export function fieldImage(f: Field, name: ColormapName, domain: [number, number]): { width: number; height: number; rgba: Uint8ClampedArray } {
  const width = f.rowsAlong === "x" ? f.rows : f.cols;
  const height = f.rowsAlong === "x" ? f.cols : f.rows;
  const table = lut(name);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let py = 0; py < height; py++) {
    const iy = height - 1 - py;
    for (let px = 0; px < width; px++) {
      const v = f.rowsAlong === "x" ? f.values[px * f.cols + iy]! : f.values[iy * f.cols + px]!;
      const k = lutIndex(v, domain[0], domain[1]);
      const o = 4 * (py * width + px);
      if (k < 0) continue;
      rgba[o] = table[3 * k]!;
      rgba[o + 1] = table[3 * k + 1]!;
      rgba[o + 2] = table[3 * k + 2]!;
      rgba[o + 3] = 255;
    }
  }
  return { width, height, rgba };
}

export class Heatmap {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly caption: HTMLElement;
  private field: Field | null = null;
  private fixedDomain: [number, number] | null = null;
  private marks: number[] = [];
  private width = 320;
  private offscreen: HTMLCanvasElement | null = null;
  private readonly stopResize: () => void;

  constructor(private readonly opts: HeatmapOptions) {
    this.canvas = h("canvas", { class: "plot-canvas heatmap-canvas", role: "img", "aria-label": opts.label ?? `${opts.title}: colour against ${opts.xLabel} and ${opts.yLabel}` });
    this.caption = h("p", { class: "plot-caption" });
    const head = h("figcaption", { class: "plot-head" }, h("span", { class: "plot-title" }, opts.title));
    this.element = h("figure", { class: "plot heatmap" }, head, this.canvas, this.caption);
    this.stopResize = onResize(this.element, (w) => {
      this.width = w;
      this.draw();
    });
  }

  /** The field to show; `domain` fixes the colour range (null: from the values). */
  setField(field: Field, domain: [number, number] | null = null): void {
    this.field = field;
    this.fixedDomain = domain;
    this.draw();
  }

  /** Dashed vertical lines at these x values (drawn on the next draw). */
  setMarks(xs: number[]): void {
    this.marks = xs;
  }

  setCaption(text: string): void {
    this.caption.textContent = text;
  }

  /** The colour range last drawn. */
  get domain(): [number, number] | null {
    return this.field ? (this.fixedDomain ?? colorDomain(this.field.values, this.opts.colormap)) : null;
  }

  destroy(): void {
    this.stopResize();
  }

  draw(): void {
    const f = this.field;
    const height = this.opts.height ?? 200;
    const fit = fitCanvas(this.canvas, this.width, height);
    if (!fit || !f) return;
    const { ctx } = fit;
    ctx.clearRect(0, 0, this.width, height);
    const r = plotRect(this.width, height, MARGINS);
    const domain = this.domain!;
    const img = fieldImage(f, this.opts.colormap, domain);
    const off = (this.offscreen ??= document.createElement("canvas"));
    off.width = img.width;
    off.height = img.height;
    const octx = off.getContext("2d");
    if (octx) {
      const data = octx.createImageData(img.width, img.height);
      data.data.set(img.rgba);
      octx.putImageData(data, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(off, r.x, r.y, r.w, r.h);
    }
    const xs = makeScale(f.x, [r.x, r.x + r.w]);
    const ys = makeScale(f.y, [r.y + r.h, r.y]);
    this.drawMarks(ctx, r, xs.map);
    drawAxes(ctx, r, { scale: xs, label: this.opts.xLabel, ticks: Math.max(2, Math.floor(r.w / 70)) }, { scale: ys, label: this.opts.yLabel, ticks: Math.max(2, Math.floor(r.h / 35)) });
    this.drawColorBar(ctx, r, domain);
  }

  private drawMarks(ctx: CanvasRenderingContext2D, r: Rect, x: (v: number) => number): void {
    ctx.save();
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1.25;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
    ctx.beginPath();
    for (const v of this.marks) {
      const px = Math.round(x(v)) + 0.5;
      if (px < r.x || px > r.x + r.w) continue;
      ctx.moveTo(px, r.y);
      ctx.lineTo(px, r.y + r.h);
    }
    ctx.stroke();
    ctx.restore();
  }

  private drawColorBar(ctx: CanvasRenderingContext2D, r: Rect, [lo, hi]: [number, number]): void {
    const bx = r.x + r.w + BAR.gap;
    const grad = ctx.createLinearGradient(0, r.y + r.h, 0, r.y);
    const table = lut(this.opts.colormap);
    for (let i = 0; i <= 16; i++) {
      const k = Math.round((i / 16) * (table.length / 3 - 1));
      grad.addColorStop(i / 16, `rgb(${table[3 * k]}, ${table[3 * k + 1]}, ${table[3 * k + 2]})`);
    }
    ctx.save();
    ctx.fillStyle = grad;
    ctx.fillRect(bx, r.y, BAR.width, r.h);
    ctx.strokeStyle = INK.frame;
    ctx.strokeRect(bx + 0.5, r.y + 0.5, BAR.width - 1, r.h - 1);
    const ticks = linearTicks(lo, hi, Math.max(2, Math.floor(r.h / 35)));
    ctx.fillStyle = INK.muted;
    ctx.strokeStyle = INK.axis;
    ctx.font = font(11);
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    ctx.beginPath();
    for (const v of ticks.values) {
      const py = Math.round(r.y + r.h - ((v - lo) / (hi - lo || 1)) * r.h) + 0.5;
      ctx.moveTo(bx + BAR.width, py);
      ctx.lineTo(bx + BAR.width + 3, py);
      ctx.fillText(formatTick(v, ticks.step), bx + BAR.width + 5, py);
    }
    ctx.stroke();
    ctx.restore();
  }
}
