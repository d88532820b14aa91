// A small line plot on canvas: title, DOM legend (latest values, or series names with their line
// style), axes with ticks and labels (log on either axis, optional log-y toggle), shaded x-ranges,
// a caption line, HiDPI. Pointer positions can be read back in data units (drawing on a plot).
import { h } from "../ui/dom";
import { INK, seriesColor } from "../ui/palette";
import { drawAxes, drawGrid, font, makeScale, plotRect, shadeXRanges, type Rect, type Scale } from "./axes";
import { fitCanvas, onResize } from "./canvas";
import { dataExtent } from "./extent";
import { drawSeries, type Series } from "./series";
import { formatValue, thinTicks } from "./ticks";

export type { Series, SeriesStyle } from "./series";

export interface LinePlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** offer the log-y toggle (and its initial state) */
  logToggle?: boolean;
  logY?: boolean;
  logX?: boolean;
  height?: number;
  /** "latest" (default): each series' newest value; "names": series names with a style sample;
   *  "none": the title says it all */
  legend?: "latest" | "names" | "none";
  /** x ticks at the data's own x values (thinned), e.g. N = 16, 32, … on a log axis */
  dataTicksX?: boolean;
  /** linear y spans at least this share of max |y| (see ExtentOptions.minRelSpanY) */
  minRelSpanY?: number;
  /** the canvas's accessible name (default: title, y against x) */
  label?: string;
}

export const SHADE = "rgba(92, 103, 115, 0.09)";

export class LinePlot {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly legend: HTMLElement;
  private readonly note: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly titleEl: HTMLElement;
  private xLabel: string;
  private yLabel: string;
  private series: Series[] = [];
  private shading: [number, number][] = [];
  private xDomain: [number, number] | null = null;
  private yDomain: [number, number] | null = null;
  private logY: boolean;
  private width = 320;
  private last: { rect: Rect; xs: Scale; ys: Scale } | null = null;
  private readonly stopResize: () => void;

  constructor(private readonly opts: LinePlotOptions) {
    this.logY = !!opts.logY;
    this.xLabel = opts.xLabel;
    this.yLabel = opts.yLabel;
    this.titleEl = h("span", { class: "plot-title" }, opts.title);
    this.canvas = h("canvas", { class: "plot-canvas", role: "img", "aria-label": opts.label ?? `${opts.title}: ${opts.yLabel} against ${opts.xLabel}` });
    this.legend = h("ul", { class: "legend" });
    this.note = h("span", { class: "plot-note" });
    this.caption = h("p", { class: "plot-caption" });
    const head = h("figcaption", { class: "plot-head" }, this.titleEl, this.legend);
    if (opts.logToggle) {
      const box = h("input", { type: "checkbox", class: "log-toggle" });
      box.checked = this.logY;
      box.addEventListener("change", () => {
        this.logY = box.checked;
        this.draw();
      });
      head.append(h("label", { class: "toggle" }, box, "log scale"));
    }
    this.element = h("figure", { class: "plot" }, head, this.canvas, this.note, this.caption);
    this.stopResize = onResize(this.element, (w) => {
      this.width = w;
      this.draw();
    });
  }

  setSeries(series: Series[]): void {
    this.series = series;
    this.renderLegend();
    this.draw();
  }

  /** A new title (and, without an explicit label, accessible name). */
  setTitle(title: string): void {
    this.titleEl.textContent = title;
    if (!this.opts.label) this.canvas.setAttribute("aria-label", `${title}: ${this.yLabel} against ${this.xLabel}`);
  }

  /** New axis titles (drawn on the next draw), e.g. when the plotted coordinate changes. */
  setAxisLabels(x: string, y: string): void {
    this.xLabel = x;
    this.yLabel = y;
  }

  /** Bands over these x-ranges (drawn on the next draw). */
  setShading(ranges: [number, number][]): void {
    this.shading = ranges;
  }

  /** Fix the x range (null: follow the data). */
  setXDomain(d: [number, number] | null): void {
    this.xDomain = d;
  }

  /** Fix the y range (null: follow the data), e.g. while someone draws on the plot. */
  setYDomain(d: [number, number] | null): void {
    this.yDomain = d;
  }

  /** The y range last drawn. */
  get yRange(): [number, number] | null {
    return this.last ? this.last.ys.domain : null;
  }

  /** A line of text under the plot (e.g. a fitted slope); text only. */
  setCaption(text: string): void {
    this.caption.textContent = text;
  }

  /** A pointer position (client pixels) in data units, or null outside the plot area. */
  toData(clientX: number, clientY: number, clamp = false): { x: number; y: number } | null {
    const l = this.last;
    if (!l) return null;
    const box = this.canvas.getBoundingClientRect();
    let px = clientX - box.left, py = clientY - box.top;
    const { rect: r } = l;
    if (clamp) {
      px = Math.max(r.x, Math.min(r.x + r.w, px));
      py = Math.max(r.y, Math.min(r.y + r.h, py));
    } else if (px < r.x || px > r.x + r.w || py < r.y || py > r.y + r.h) {
      return null;
    }
    return { x: invert(l.xs, r.x, r.x + r.w, px), y: invert(l.ys, r.y + r.h, r.y, py) };
  }

  destroy(): void {
    this.stopResize();
  }

  private renderLegend(): void {
    const listed = this.series.map((s, i) => ({ s, color: s.color ?? seriesColor(i) })).filter(({ s }) => s.legend !== false && this.opts.legend !== "none");
    if (this.opts.legend === "names") {
      // A line's sample has its width and paleness, so a wide pale reference reads as one.
      const look = (s: Series) => `--w:${Math.max(2, Math.min(6, Math.round(s.width ?? 2)))}px;opacity:${s.alpha ?? 1}`;
      this.legend.replaceChildren(...listed.map(({ s, color }) => h("li", {}, h("span", { class: `swatch ${s.style ?? "line"}${s.marker === "ring" ? " ring" : ""}`, style: `--c:${color};${look(s)}` }), s.name)));
      return;
    }
    // With one series the title names it; the legend then only carries the latest value.
    const single = listed.length === 1;
    this.legend.replaceChildren(...listed.map(({ s, color }) => {
      const last = s.y.length ? s.y[s.y.length - 1]! : NaN;
      return h("li", { title: `latest ${s.name}` },
        h("span", { class: "swatch", style: `--c:${color}` }),
        single ? null : `${s.name} `,
        h("span", { class: "legend-value" }, Number.isNaN(last) ? "–" : formatValue(last)));
    }));
  }

  draw(): void {
    const height = this.opts.height ?? 170;
    const r = plotRect(this.width, height);
    const logX = !!this.opts.logX;
    const ext = dataExtent(this.series, { logX, logY: this.logY, xDomain: this.xDomain ?? undefined, minRelSpanY: this.opts.minRelSpanY });
    this.note.textContent = ext.droppedNonPositive ? "values ≤ 0 are left out on the log scale" : "";
    const xs = makeScale(ext.x, [r.x, r.x + r.w], logX);
    const ys = makeScale(this.yDomain ?? ext.y, [r.y + r.h, r.y], this.logY);
    // Scales first: pointer positions map to data even where there is no 2D context to draw with.
    this.last = { rect: r, xs, ys };
    const fit = fitCanvas(this.canvas, this.width, height);
    if (!fit) return;
    const { ctx } = fit;
    ctx.clearRect(0, 0, this.width, height);
    const xTicks = Math.max(2, Math.floor(r.w / 70));
    const first = this.series.find((s) => s.fit !== false && s.x.length > 0);
    const xAxis = { scale: xs, label: this.xLabel, ticks: xTicks, tickValues: this.opts.dataTicksX && first ? thinTicks(Array.from(first.x), xTicks + 1) : undefined };
    const yAxis = { scale: ys, label: this.yLabel, ticks: Math.max(2, Math.floor(r.h / 30)) };
    if (!logX) shadeXRanges(ctx, r, xs, this.shading, SHADE);
    drawGrid(ctx, r, xAxis, yAxis);

    ctx.save();
    ctx.beginPath();
    // A few pixels of slack so a point on the frame (e.g. the first one) is not cut in half.
    ctx.rect(r.x - 3, r.y - 3, r.w + 6, r.h + 6);
    ctx.clip();
    const ok = (log: boolean) => (v: number) => Number.isFinite(v) && (!log || v > 0);
    const mapping = { x: xs.map, y: ys.map, okX: ok(logX), okY: ok(this.logY), yEdges: [r.y, r.y + r.h] as [number, number] };
    this.series.forEach((s, i) => drawSeries(ctx, s, s.color ?? seriesColor(i), mapping, r.w));
    ctx.restore();
    drawAxes(ctx, r, xAxis, yAxis);
    if (ext.empty) {
      ctx.fillStyle = INK.muted;
      ctx.font = font(12);
      ctx.textAlign = "center";
      ctx.fillText("no data yet", r.x + r.w / 2, r.y + r.h / 2);
    }
  }
}

/** Pixel → data value on a (linear or log) scale whose domain maps to [p0, p1]. */
function invert(s: Scale, p0: number, p1: number, p: number): number {
  const t = p1 === p0 ? 0 : (p - p0) / (p1 - p0);
  const [d0, d1] = s.domain;
  return s.log ? Math.pow(10, Math.log10(d0) + t * (Math.log10(d1) - Math.log10(d0))) : d0 + t * (d1 - d0);
}
